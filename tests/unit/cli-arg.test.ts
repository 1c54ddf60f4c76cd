import { describe, expect, it } from 'vitest';
import { arg, flag, knownOptional, unknownOptions } from '../../scripts/cli-arg';

describe("a benchmark's command line", () => {
  it('names the options no arg, flag or knownOptional asked for, skipping valued options’ values even when they start with --', () => {
    arg('cli-test-sessions', '10');
    arg('cli-test-server-flags', '');
    flag('cli-test-gc-phases');
    knownOptional('cli-test-paired');
    expect(unknownOptions(['--cli-test-sessions', '100,500', '--cli-test-gc-phases', '--cli-test-paired', 'only'])).toEqual([]);
    expect(unknownOptions(['--cli-test-server-flags', '--max-semi-space-size=8', '--cli-test-gc-phases'])).toEqual([]);
    // An optional value is skipped only when it is not an option itself.
    expect(unknownOptions(['--cli-test-paired', '--cli-test-windw', '5'])).toEqual(['--cli-test-windw']);
    expect(unknownOptions(['--help', '--cli-test-sessions', '10', '--cli-test-sesions', '500', '--gc-phase'])).toEqual(['--help', '--cli-test-sesions', '--gc-phase']);
  });
});
