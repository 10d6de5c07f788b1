import { runCli } from './cli/run';

// `pd`: the admin CLI (`npm run pd -- <command>`, or `npx pd` through bin/pd.mjs).
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  prompt: (text) => process.stderr.write(text),
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
// Exit now rather than when the event loop drains: a pool timer or an unread stdin must not keep `pd` alive.
process.exit(code);
