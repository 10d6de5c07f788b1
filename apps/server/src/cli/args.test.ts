import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeArguments, parseArgs, UsageError, type ArgumentSpec } from './args';

const spec: ArgumentSpec = {
  options: {
    slug: { type: 'string', required: true, description: 'slug' },
    name: { type: 'string', description: 'name' },
    seal: { type: 'boolean', description: 'seal' },
  },
  positionals: [{ name: 'file', description: 'file', required: false }],
};

describe('parseArgs', () => {
  it('reads --name value, --name=value, flags and a positional', () => {
    const parsed = parseArgs(['--slug', 'acme', '--name=Acme Clinic', '--seal', 'backup.gz'], spec);
    assert.deepEqual(parsed.values, { slug: 'acme', name: 'Acme Clinic' });
    assert.deepEqual([...parsed.flags], ['seal']);
    assert.deepEqual(parsed.positionals, ['backup.gz']);
    assert.equal(parsed.help, false);
  });

  it('takes a value that starts with one dash; one that starts with two needs =', () => {
    assert.equal(parseArgs(['--slug', '-x'], spec).values.slug, '-x');
    assert.equal(parseArgs(['--slug=--x'], spec).values.slug, '--x');
  });

  it('treats everything after -- as positional', () => {
    const parsed = parseArgs(['--slug', 'a', '--', '--seal'], spec);
    assert.deepEqual(parsed.positionals, ['--seal']);
    assert.equal(parsed.flags.size, 0);
  });

  it('answers help without checking required options', () => {
    assert.equal(parseArgs(['--help'], spec).help, true);
    assert.equal(parseArgs(['--name', 'x', '-h'], spec).help, true);
  });

  const refusals: [string[], RegExp][] = [
    [['--slug'], /--slug needs a value/],
    [['--slug', '--seal'], /--slug needs a value/],
    [['--slug='], /--slug needs a value/],
    [['--slug', 'a', '--slug', 'b'], /more than once/],
    [['--slug', 'a', '--sael'], /Unknown option --sael/],
    [['--slug', 'a', '-x'], /Unknown option -x/],
    [['--slug', 'a', '--seal=yes'], /--seal takes no value/],
    [['--name', 'x'], /--slug is required/],
    [['--slug', 'a', 'one', 'two'], /Unexpected argument: two/],
    [['--slug', 'a', '--constructor', 'x'], /Unknown option --constructor/],
  ];
  for (const [argv, message] of refusals) {
    it(`refuses ${argv.join(' ')}`, () => {
      assert.throws(
        () => parseArgs(argv, spec),
        (error: unknown) => {
          assert.ok(error instanceof UsageError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  it('requires a required positional', () => {
    const withFile: ArgumentSpec = {
      options: {},
      positionals: [{ name: 'file', description: 'f', required: true }],
    };
    assert.throws(() => parseArgs([], withFile), /<file> is required/);
    assert.deepEqual(parseArgs(['a.gz'], withFile).positionals, ['a.gz']);
  });

  it('describes every option, marking required ones', () => {
    const lines = describeArguments(spec);
    assert.ok(lines.some((line) => /--slug <value>\s+slug \(required\)/.test(line)));
    assert.ok(lines.some((line) => /--seal\s+seal$/.test(line)));
    assert.ok(lines.some((line) => /<file>/.test(line)));
    assert.ok(lines.some((line) => /-h, --help/.test(line)));
  });
});
