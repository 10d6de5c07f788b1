import readline from 'node:readline';
import { CliError } from './command';

/**
 * Reads a new password: from a terminal, typed twice without echo; otherwise the first line of stdin, so scripts
 * can pipe it in (a password never belongs on the command line, where `ps` and shell history would show it).
 */
export async function readNewPassword(stdin: NodeJS.ReadStream, prompt: (text: string) => void) {
  if (!stdin.isTTY) {
    const line = await readFirstLine(stdin);
    if (line === null) throw new CliError('No password on stdin: pipe it in, one line.');
    return line;
  }
  const password = await readHidden(stdin, prompt, 'Password: ');
  const repeated = await readHidden(stdin, prompt, 'Repeat the password: ');
  if (password !== repeated) throw new CliError('The two passwords are different. Nothing was changed.');
  return password;
}

async function readFirstLine(stdin: NodeJS.ReadStream): Promise<string | null> {
  const lines = readline.createInterface({ input: stdin, crlfDelay: Infinity, terminal: false });
  try {
    return await new Promise<string | null>((resolve, reject) => {
      lines.once('line', resolve);
      lines.once('close', () => resolve(null));
      stdin.once('error', reject);
    });
  } finally {
    lines.close();
  }
}

function readHidden(stdin: NodeJS.ReadStream, prompt: (text: string) => void, label: string) {
  // Raw mode (no echo) before the prompt: keys typed as soon as it shows must not be echoed.
  stdin.setRawMode(true);
  prompt(label);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise<string>((resolve, reject) => {
    let typed = '';
    const finish = (error: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      prompt('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish(null);
        if (character === '\u0003' || character === '\u0004') return finish(new CliError('Cancelled.'));
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else if (character >= ' ') typed += character;
      }
    };
    stdin.on('data', onData);
  });
}
