/** Retry delays of the guest uploader: doubling, capped, jittered within [half, full]. */
import { describe, expect, it } from 'vitest';
import { retryDelayMs, sleep } from '../../src/upload/backoff';

describe('retryDelayMs', () => {
  const opts = { baseMs: 1000, maxMs: 30_000 };
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, opts, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
  it('keeps at least half of the delay and spreads the rest by the random draw', () => {
    expect(retryDelayMs(3, opts, () => 0)).toBe(2000);
    expect(retryDelayMs(3, opts, () => 0.5)).toBe(3000);
    expect(retryDelayMs(50, opts, () => 0)).toBe(15000);
    expect(retryDelayMs(3, opts, () => 7)).toBe(4000);
  });
});

describe('sleep', () => {
  it('rejects with the abort reason as soon as the signal aborts', async () => {
    const c = new AbortController();
    const p = sleep(60_000, c.signal);
    c.abort(new Error('stop now'));
    await expect(p).rejects.toThrow('stop now');
    await expect(sleep(10, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });
});
