import { describe, expect, it } from 'vitest';
import { arg, flag, knownOptional, parseOptions, unknownOptions } from '../../scripts/cli-arg';

describe("a benchmark's command line", () => {
  it('names the options no arg, flag or knownOptional asked for, skipping valued options’ values even when they start with --', () => {
    arg('cli-test-sessions', '10');
    arg('cli-test-server-flags', '');
    flag('cli-test-gc-phases');
    knownOptional('cli-test-paired');
    expect(unknownOptions(['--cli-test-sessions', '100,500', '--cli-test-gc-phases', '--cli-test-paired', 'only'])).toEqual([]);
    expect(unknownOptions(['--cli-test-server-flags', '--max-semi-space-size=8', '--cli-test-gc-phases'])).toEqual([]);
    // An optional value is skipped only when it is not an option itself; a word that belongs to no option is refused.
    expect(unknownOptions(['--cli-test-paired', '--cli-test-windw', '5'])).toEqual(['--cli-test-windw', '5']);
    expect(unknownOptions(['--cli-test-sessions', '100', '500'])).toEqual(['500']);
    expect(unknownOptions(['--help', '--cli-test-sessions', '10', '--cli-test-sesions', '500', '--gc-phase'])).toEqual(['--help', '--cli-test-sesions', '500', '--gc-phase']);
  });

  it('reads --name value and --name=value alike, the last one given winning', () => {
    expect(arg('cli-test-window', '30', ['--cli-test-window', '5'])).toBe('5');
    expect(arg('cli-test-window', '30', ['--cli-test-window=7'])).toBe('7');
    expect(arg('cli-test-window', '30', ['--cli-test-window', '5', '--cli-test-window=9'])).toBe('9');
    expect(arg('cli-test-window', '30', [])).toBe('30');
    expect(flag('cli-test-quiet', ['--cli-test-quiet'])).toBe(true);
    expect(flag('cli-test-quiet', ['--cli-test-quiet=yes'])).toBe(false);
  });
});

describe("a command's named options", () => {
  const spec = { values: ['data', 'to'], flags: ['resume'] };

  it('gives the values and switches', () => {
    const r = parseOptions(['--data', 'd', '--to=t', '--resume'], spec);
    expect(r.error).toBeUndefined();
    expect(Object.fromEntries(r.values)).toEqual({ data: 'd', to: 't' });
    expect([...r.flags]).toEqual(['resume']);
    expect(parseOptions(['-h'], spec).help).toBe(true);
  });

  it('names the first thing wrong', () => {
    expect(parseOptions(['--data', 'd', '--fast'], spec).error).toBe('Unknown option --fast');
    expect(parseOptions(['--data', 'd', 'extra'], spec).error).toBe('Unexpected word extra');
    // A valued option followed by another of the command's options has no value; a folder may still start with "--"
    // when it is no option of the command.
    expect(parseOptions(['--to', '--data', 'd'], spec).error).toBe('--to needs a value');
    expect(parseOptions(['--data'], spec).error).toBe('--data needs a value');
    expect(parseOptions(['--to', '--odd-folder'], spec).values.get('to')).toBe('--odd-folder');
    expect(parseOptions(['--resume=yes'], spec).error).toBe('Unknown option --resume=yes');
  });
});
