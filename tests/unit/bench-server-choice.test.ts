/** bench:sync's `--server`: production's composition unless asked otherwise, and a clear refusal of anything else. */
import { describe, expect, it } from 'vitest';
import { OUR_SERVER_SCRIPTS, parseOurServer } from '../../scripts/bench-sync/server-choice';

describe('bench:sync --server', () => {
  it('runs ours as npm start composes it by default, the collab server alone only when asked', () => {
    expect(parseOurServer('')).toBe('app');
    expect(parseOurServer('app')).toBe('app');
    expect(parseOurServer('collab')).toBe('collab');
    expect(OUR_SERVER_SCRIPTS[parseOurServer('')]).toBe('tests/support/app-process.ts');
    expect(OUR_SERVER_SCRIPTS.collab).toBe('tests/support/collab-process.ts');
  });

  it('refuses anything else, naming both choices', () => {
    expect(() => parseOurServer('main')).toThrow(/--server main: use app .* or collab/);
  });
});
