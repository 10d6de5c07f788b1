/** How a command's option is written: `--name <value>` (string) or `--flag` (boolean). */
export type OptionSpec = {
  type: 'string' | 'boolean';
  description: string;
  required?: boolean;
  /** Shown in help after the option name (`--out <file>`). */
  valueName?: string;
};

export type PositionalSpec = { name: string; description: string; required: boolean };

export type ArgumentSpec = {
  options: Readonly<Record<string, OptionSpec>>;
  positionals?: readonly PositionalSpec[];
};

export type ParsedArgs = {
  positionals: string[];
  /** String options as given. */
  values: Record<string, string>;
  /** Boolean options that were given. */
  flags: Set<string>;
  help: boolean;
};

/** A command line that does not fit the command: shown with a pointer to `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses one command's arguments: `--name value`, `--name=value`, boolean `--flag`, `--` to end options, and
 * `-h`/`--help` anywhere. Unknown, repeated or incomplete options are usage errors rather than being ignored, so a
 * typo never runs a command with a default the operator did not mean.
 */
export function parseArgs(argv: readonly string[], spec: ArgumentSpec): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], values: {}, flags: new Set(), help: false };
  const seen = new Set<string>();
  let optionsEnded = false;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (optionsEnded || !argument.startsWith('-') || argument === '-') {
      parsed.positionals.push(argument);
      continue;
    }
    if (argument === '--') {
      optionsEnded = true;
      continue;
    }
    if (argument === '-h' || argument === '--help') {
      parsed.help = true;
      continue;
    }
    if (!argument.startsWith('--')) throw new UsageError(`Unknown option ${argument}.`);
    const equals = argument.indexOf('=');
    const name = argument.slice(2, equals === -1 ? undefined : equals);
    const option = Object.hasOwn(spec.options, name) ? spec.options[name] : undefined;
    if (!option) throw new UsageError(`Unknown option --${name}.`);
    if (seen.has(name)) throw new UsageError(`--${name} is given more than once.`);
    seen.add(name);
    if (option.type === 'boolean') {
      if (equals !== -1) throw new UsageError(`--${name} takes no value.`);
      parsed.flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) {
      value = argument.slice(equals + 1);
    } else {
      const next = argv[index + 1];
      // A following option means the value was left out; a value that starts with "--" can use --name=value.
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        index += 1;
      }
    }
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value.`);
    parsed.values[name] = value;
  }
  if (parsed.help) return parsed;

  for (const [name, option] of Object.entries(spec.options)) {
    if (option.required && parsed.values[name] === undefined) throw new UsageError(`--${name} is required.`);
  }
  const positionals = spec.positionals ?? [];
  const missing = positionals.slice(parsed.positionals.length).find((positional) => positional.required);
  if (missing) throw new UsageError(`<${missing.name}> is required.`);
  if (parsed.positionals.length > positionals.length) {
    throw new UsageError(`Unexpected argument: ${parsed.positionals[positionals.length]}.`);
  }
  return parsed;
}

/** The help text of one command's arguments, one line per option. */
export function describeArguments(spec: ArgumentSpec): string[] {
  const rows: [string, string][] = [
    ...(spec.positionals ?? []).map((positional): [string, string] => [
      `<${positional.name}>`,
      positional.description,
    ]),
    ...Object.entries(spec.options).map(([name, option]): [string, string] => [
      option.type === 'string' ? `--${name} <${option.valueName ?? 'value'}>` : `--${name}`,
      option.required ? `${option.description} (required)` : option.description,
    ]),
    ['-h, --help', 'Show this help'],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}
