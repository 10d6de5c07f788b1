import { BackupError } from '../platform/db/backup';
import { AppError } from '../platform/http/errors';
import { describeArguments, parseArgs, UsageError } from './args';
import { auditVerifyCommand } from './audit-verify';
import { backupCommand, restoreCommand } from './backup';
import { CliError, type CliIo, type Command } from './command';
import { demoSeedCommand } from './demo-seed';
import { migrateCommand } from './migrate';
import { orgCreateCommand } from './org-create';
import { userCreateCommand } from './user-create';
import { userDisableCommand } from './user-disable';
import { workerCommand } from './worker';

export const COMMANDS: readonly Command[] = [
  migrateCommand,
  orgCreateCommand,
  userCreateCommand,
  userDisableCommand,
  auditVerifyCommand,
  backupCommand,
  restoreCommand,
  workerCommand,
  demoSeedCommand,
];

export type Route =
  | { kind: 'command'; command: Command; args: string[] }
  /** A group of commands (`pd`, `pd user`): `help` when asked for, otherwise the command is missing. */
  | { kind: 'group'; group: string[]; help: boolean }
  | { kind: 'unknown'; words: string[] };

/** Finds the command named by the leading words of the command line (`user create …`). */
export function route(argv: readonly string[], commands: readonly Command[]): Route {
  const words: string[] = [];
  for (const argument of argv) {
    if (argument.startsWith('-')) break;
    words.push(argument);
  }
  const startsWith = (path: readonly string[], prefix: readonly string[]) =>
    prefix.every((word, index) => path[index] === word);
  const matches = commands
    .filter((command) => command.path.length <= words.length && startsWith(words, command.path))
    .sort((a, b) => b.path.length - a.path.length);
  const command = matches[0];
  if (command) return { kind: 'command', command, args: argv.slice(command.path.length) };
  let group: string[] = [];
  while (
    group.length < words.length &&
    commands.some((c) => startsWith(c.path, [...group, words[group.length] as string]))
  ) {
    group = [...group, words[group.length] as string];
  }
  if (group.length < words.length) return { kind: 'unknown', words: words.slice(0, group.length + 1) };
  return { kind: 'group', group, help: argv.includes('--help') || argv.includes('-h') };
}

function usageLine(command: Command): string {
  const options = Object.entries(command.options).map(([name, option]) => {
    const text = option.type === 'string' ? `--${name} <${option.valueName ?? 'value'}>` : `--${name}`;
    return option.required ? text : `[${text}]`;
  });
  const positionals = (command.positionals ?? []).map((p) => (p.required ? `<${p.name}>` : `[<${p.name}>]`));
  return ['pd', ...command.path, ...options, ...positionals].join(' ');
}

/** Breaks a paragraph into lines of at most `width` characters, at spaces. */
function wrap(paragraph: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

/** The help of one command. */
export function commandHelp(command: Command): string[] {
  return [
    `Usage: ${usageLine(command)}`,
    '',
    command.summary + '.',
    ...(command.details ?? []).flatMap((paragraph) => ['', ...wrap(paragraph)]),
    '',
    'Options:',
    ...describeArguments(command),
  ];
}

/** The help of `pd` or of a group (`pd user`). */
export function groupHelp(group: readonly string[], commands: readonly Command[]): string[] {
  const listed = commands.filter((command) => group.every((word, index) => command.path[index] === word));
  const width = Math.max(...listed.map((command) => command.path.join(' ').length));
  return [
    `Usage: pd ${[...group, '<command>'].join(' ')} [options]`,
    '',
    'PatientDesk administration. Configuration comes from the environment, as for the server: DATABASE_URL',
    'selects PostgreSQL; otherwise the embedded database in DATA_DIR (default ./data).',
    '',
    'Commands:',
    ...listed.map((command) => `  ${command.path.join(' ').padEnd(width)}  ${command.summary}`),
    '',
    'Run `pd <command> --help` for its options.',
  ];
}

/** Runs `pd` with these arguments; returns the exit code. Errors are printed to stderr, never thrown. */
export async function runCli(argv: readonly string[], io: CliIo, commands = COMMANDS): Promise<number> {
  const found = route(argv, commands);
  if (found.kind === 'unknown') {
    io.err(`pd: unknown command "${found.words.join(' ')}". Run \`pd --help\` for the list.`);
    return 1;
  }
  if (found.kind === 'group') {
    const help = groupHelp(found.group, commands);
    if (found.help) help.forEach((line) => io.out(line));
    else help.forEach((line) => io.err(line));
    return found.help ? 0 : 1;
  }
  const { command } = found;
  const name = `pd ${command.path.join(' ')}`;
  try {
    const args = parseArgs(found.args, command);
    if (args.help) {
      commandHelp(command).forEach((line) => io.out(line));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${name}: ${error.message} Run \`${name} --help\` for usage.`);
    } else if (error instanceof CliError || error instanceof AppError || error instanceof BackupError) {
      io.err(`${name}: ${error.message}`);
    } else {
      // Driver and system errors: the message only (a driver's detail can carry row values), kept short.
      const message = error instanceof Error ? error.message : String(error);
      io.err(`${name} failed: ${message.slice(0, 500)}`);
    }
    return 1;
  }
}
