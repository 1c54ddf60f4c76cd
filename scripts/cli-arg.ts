/**
 * The scripts' command-line options, read one way. Benchmarks read theirs where they use them (`arg`, `flag`,
 * `knownOptional`), which remembers each name, and then call `refuseUnknownOptions`: a run given an option it never
 * reads (a typo, or `--help` where there is none) stops before it starts minutes of load on a shared machine, instead
 * of ignoring it and running the defaults. Commands that name their options up front (backup, the move to
 * PostgreSQL) call `parseOptions` and word the refusal themselves. Both take `--name value` and `--name=value`.
 */
export type OptionKind = 'value' | 'optional' | 'flag';

export interface ScannedOptions {
  /** Each valued option's value (the last one given); an optional value given without one maps to ''. */
  values: Map<string, string>;
  flags: Set<string>;
  /** Options nobody reads, and words that belong to no option, as given. */
  unknown: string[];
  /** Valued options given without a value. */
  missingValue: string[];
  help: boolean;
}

/**
 * Reads argv by what each option is. A valued option takes the next word even when it starts with `--`
 * (`--server-flags --max-semi-space-size=8`), unless that word is an option of this command itself (`--to --data x`
 * is a missing value, not a folder named "--data").
 */
export function scanOptions(argv: readonly string[], kindOf: (name: string) => OptionKind | undefined): ScannedOptions {
  const out: ScannedOptions = { values: new Map(), flags: new Set(), unknown: [], missingValue: [], help: false };
  const isOwnOption = (word: string | undefined) => word !== undefined && word.startsWith('--') && kindOf(nameOf(word)) !== undefined;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if ((token === '--help' || token === '-h') && kindOf('help') === undefined) {
      out.help = true;
      continue;
    }
    if (!token.startsWith('--')) {
      out.unknown.push(token);
      continue;
    }
    const name = nameOf(token);
    const inline = token.includes('=') ? token.slice(token.indexOf('=') + 1) : undefined;
    const kind = kindOf(name);
    if (kind === undefined || (kind === 'flag' && inline !== undefined)) out.unknown.push(token);
    else if (kind === 'flag') out.flags.add(name);
    else if (inline !== undefined) out.values.set(name, inline);
    else if (kind === 'value') {
      const next = argv[i + 1];
      if (next === undefined || isOwnOption(next)) out.missingValue.push(name);
      else out.values.set(name, argv[++i]!);
    } else {
      const next = argv[i + 1];
      out.values.set(name, next !== undefined && !next.startsWith('--') ? argv[++i]! : '');
    }
  }
  return out;
}

function nameOf(token: string): string {
  const bare = token.slice(2);
  return bare.includes('=') ? bare.slice(0, bare.indexOf('=')) : bare;
}

/**
 * For commands that name their options up front: the values and switches given, whether help was asked for, and the
 * first thing wrong in one clause (an unknown option, a stray word, a valued option without its value), for the
 * command to end with its usage line.
 */
export function parseOptions(
  argv: readonly string[],
  spec: { values?: readonly string[]; flags?: readonly string[] },
): { values: Map<string, string>; flags: Set<string>; help: boolean; error?: string } {
  const kinds = new Map<string, OptionKind>([...(spec.values ?? []).map((n) => [n, 'value'] as const), ...(spec.flags ?? []).map((n) => [n, 'flag'] as const)]);
  const scan = scanOptions(argv, (n) => kinds.get(n));
  const stray = scan.unknown[0];
  const error =
    stray !== undefined
      ? stray.startsWith('--')
        ? `Unknown option ${stray}`
        : `Unexpected word ${stray}`
      : scan.missingValue[0] !== undefined
        ? `--${scan.missingValue[0]} needs a value`
        : undefined;
  return { values: scan.values, flags: scan.flags, help: scan.help, ...(error ? { error } : {}) };
}

// The options a benchmark has read so far, for refuseUnknownOptions and --help.
const known = new Map<string, OptionKind>();

/** A benchmark's `--name value` option from the command line, or `fallback` when it is not given. */
export function arg(name: string, fallback: string, argv: readonly string[] = process.argv.slice(2)): string {
  known.set(name, 'value');
  const value = scanOptions(argv, (n) => known.get(n)).values.get(name);
  return value === undefined || value === '' ? fallback : value;
}

/** A benchmark's `--name` switch: whether it is given. */
export function flag(name: string, argv: readonly string[] = process.argv.slice(2)): boolean {
  known.set(name, 'flag');
  return scanOptions(argv, (n) => known.get(n)).flags.has(name);
}

/**
 * An option whose value is optional (`--paired` or `--paired only`), read by the script itself: known, and its value
 * (a word not starting with `--`) skipped.
 */
export function knownOptional(name: string): void {
  known.set(name, 'optional');
}

/**
 * Stops the script (exit 2) when the command line holds an option it did not read, a stray word, or a valued option
 * without its value, or prints the options it reads on `--help` / `-h` (exit 0). Call it after every `arg` and
 * `flag` of the script has run. `doc` says where the options are described.
 */
export function refuseUnknownOptions(doc: string, argv: readonly string[] = process.argv.slice(2)): void {
  const names = [...known]
    .map(([n, kind]) => (kind === 'value' ? `--${n} <value>` : kind === 'optional' ? `--${n} [value]` : `--${n}`))
    .sort();
  const scan = scanOptions(argv, (n) => known.get(n));
  if (scan.help) {
    console.log(`Options (described in ${doc}):\n  ${names.join('\n  ')}`);
    process.exit(0);
  }
  const wrong = [...scan.unknown, ...scan.missingValue.map((n) => `--${n} (no value)`)];
  if (wrong.length > 0) {
    console.error(`Unknown option${wrong.length > 1 ? 's' : ''} ${wrong.join(', ')}; nothing was run. Options: ${names.join(', ')} (described in ${doc}).`);
    process.exit(2);
  }
}

/** The words in argv that no `arg`, `flag` or `knownOptional` asked for; a valued option's value is skipped. */
export function unknownOptions(argv: readonly string[]): string[] {
  const scan = scanOptions(argv, (n) => known.get(n));
  return [...(scan.help ? argv.filter((t) => t === '--help' || t === '-h') : []), ...scan.unknown];
}
