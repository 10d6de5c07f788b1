import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { defaultBackupName } from './backup';
import type { CliIo } from './command';
import { readNewPassword } from './password';
import { COMMANDS, route, runCli } from './run';

function fakeIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    prompt: () => undefined,
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    // An unreachable database: these tests must be refused before any connection is tried.
    env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ...env },
    cwd: '/',
  };
  return { io, out, err };
}

describe('command routing', () => {
  it('finds one- and two-word commands and leaves their arguments', () => {
    const found = route(['user', 'create', '--email', 'a@b.test'], COMMANDS);
    assert.equal(found.kind, 'command');
    assert.ok(found.kind === 'command');
    assert.deepEqual(found.command.path, ['user', 'create']);
    assert.deepEqual(found.args, ['--email', 'a@b.test']);
    const restore = route(['restore', 'backup.gz'], COMMANDS);
    assert.ok(restore.kind === 'command');
    assert.deepEqual(restore.args, ['backup.gz']);
  });

  it('tells a group apart from an unknown word', () => {
    assert.deepEqual(route(['user'], COMMANDS), { kind: 'group', group: ['user'], help: false });
    assert.deepEqual(route(['user', '--help'], COMMANDS), { kind: 'group', group: ['user'], help: true });
    assert.deepEqual(route([], COMMANDS), { kind: 'group', group: [], help: false });
    assert.deepEqual(route(['user', 'delete'], COMMANDS), { kind: 'unknown', words: ['user', 'delete'] });
    assert.deepEqual(route(['frobnicate'], COMMANDS), { kind: 'unknown', words: ['frobnicate'] });
  });
});

describe('runCli without a database', () => {
  it('lists every command on --help, exit 0', async () => {
    const { io, out } = fakeIo();
    assert.equal(await runCli(['--help'], io), 0);
    const text = out.join('\n');
    for (const command of COMMANDS) assert.match(text, new RegExp(`  ${command.path.join(' ')}\\s`));
  });

  it('prints usage to stderr with exit 1 when the command is missing or unknown', async () => {
    const missing = fakeIo();
    assert.equal(await runCli(['user'], missing.io), 1);
    assert.match(missing.err.join('\n'), /user create/);
    const unknown = fakeIo();
    assert.equal(await runCli(['user', 'delete'], unknown.io), 1);
    assert.match(unknown.err.join('\n'), /unknown command "user delete"/);
  });

  it('has --help for every command', async () => {
    for (const command of COMMANDS) {
      const { io, out } = fakeIo();
      assert.equal(await runCli([...command.path, '--help'], io), 0, command.path.join(' '));
      assert.match(out[0] ?? '', new RegExp(`^Usage: pd ${command.path.join(' ')}`));
      assert.ok(out.some((line) => line.includes('--help')));
    }
  });

  const refusals: [string[], RegExp][] = [
    [['org', 'create', '--slug', 'acme'], /--name is required/],
    [['org', 'create', '--slug', 'Acme!', '--name', 'Acme'], /--slug must be/],
    [
      ['user', 'create', '--email', 'a@b.test', '--role', 'boss', '--organization', 'acme'],
      /--role must be one of/,
    ],
    [['user', 'create', '--email', 'nope', '--role', 'admin', '--organization', 'acme'], /not an email/],
    [
      ['user', 'create', '--email', 'a@b.test', '--role', 'patient', '--organization', 'acme'],
      /--role must be/,
    ],
    [['restore'], /<file> is required/],
    [['migrate', 'now'], /Unexpected argument: now/],
    [['demo', 'seed', '--patients', '0'], /--patients must be/],
  ];
  for (const [argv, message] of refusals) {
    it(`refuses \`pd ${argv.join(' ')}\` with exit 1 and a pointer to --help`, async () => {
      const { io, err, out } = fakeIo();
      assert.equal(await runCli(argv, io), 1);
      assert.match(err.join('\n'), message);
      assert.match(err.join('\n'), /--help/);
      assert.deepEqual(out, []);
    });
  }

  it('refuses a short password before opening the database', async () => {
    const { io, err } = fakeIo();
    (io.stdin as unknown as PassThrough).end('short\n');
    const argv = ['user', 'create', '--email', 'a@b.test', '--role', 'admin', '--organization', 'acme'];
    assert.equal(await runCli(argv, io), 1);
    assert.match(err.join('\n'), /Password refused: Use at least 12 characters/);
  });

  it('refuses an empty stdin instead of waiting for it', async () => {
    const { io, err } = fakeIo();
    (io.stdin as unknown as PassThrough).end();
    const argv = ['user', 'create', '--email', 'a@b.test', '--role', 'admin', '--organization', 'acme'];
    assert.equal(await runCli(argv, io), 1);
    assert.match(err.join('\n'), /No password on stdin/);
  });
});

describe('helpers', () => {
  it('reads the first line of piped stdin as the password, without its line ending', async () => {
    const stdin = new PassThrough();
    stdin.end('  spaces kept  \r\nsecond line\n');
    assert.equal(
      await readNewPassword(stdin as unknown as NodeJS.ReadStream, () => undefined),
      '  spaces kept  ',
    );
  });

  it('names backups by UTC time, safe in any file system', () => {
    assert.equal(
      defaultBackupName(new Date('2025-01-31T14:05:02.123Z')),
      'patientdesk-backup-20250131T140502Z.ndjson.gz',
    );
  });
});
