/**
 * A benchmark's command-line options. Each option a script reads through `arg` or `flag` is remembered, so that
 * `refuseUnknownOptions` can stop a run given an option it never reads (a typo, or `--help` where there is none)
 * before it starts minutes of load on a shared machine, instead of ignoring it and running the defaults.
 */
const valued = new Set<string>();
const flags = new Set<string>();
const optional = new Set<string>();

/** A benchmark's `--name value` option from the command line, or `fallback` when it is not given. */
export function arg(name: string, fallback: string): string {
  valued.add(name);
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** A benchmark's `--name` switch: whether it is given. */
export function flag(name: string): boolean {
  flags.add(name);
  return process.argv.includes(`--${name}`);
}

/**
 * An option whose value is optional (`--paired` or `--paired only`), read by the script itself: known, and its value
 * (a word not starting with `--`) skipped.
 */
export function knownOptional(name: string): void {
  optional.add(name);
}

/**
 * Stops the script (exit 2) when the command line holds an option it did not read, or prints the options it reads
 * on `--help` / `-h` (exit 0). Call it after every `arg` and `flag` of the script has run. `doc` says where the
 * options are described.
 */
export function refuseUnknownOptions(doc: string, argv: readonly string[] = process.argv.slice(2)): void {
  const names = [...[...valued].map((n) => `--${n} <value>`), ...[...optional].map((n) => `--${n} [value]`), ...[...flags].map((n) => `--${n}`)].sort();
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Options (described in ${doc}):\n  ${names.join('\n  ')}`);
    process.exit(0);
  }
  const unknown = unknownOptions(argv);
  if (unknown.length > 0) {
    console.error(`Unknown option${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; nothing was run. Options: ${names.join(', ')} (described in ${doc}).`);
    process.exit(2);
  }
}

/** The `--options` in argv that no `arg`, `flag` or `knownOptional` asked for; a valued option's value is skipped. */
export function unknownOptions(argv: readonly string[]): string[] {
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('--')) continue;
    const name = token.slice(2);
    // Values may start with "--" themselves (--server-flags "--max-semi-space-size=8"): skip the valued option's value.
    if (valued.has(name)) i++;
    else if (optional.has(name)) {
      if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
    } else if (!flags.has(name)) unknown.push(token);
  }
  return unknown;
}
