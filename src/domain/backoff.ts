/**
 * Delay before the n-th consecutive retry (n ≥ 1): doubling from `baseMs`, capped at `maxMs`, with "equal jitter"
 * (half of the step fixed, half random) so many clients that lost the server together do not all come back in step.
 * `random` is in [0, 1).
 */
export function jitteredBackoffMs(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(step / 2 + (step / 2) * r);
}
