/**
 * bench:sync's one-timer write schedule (scripts/bench-sync/write-schedule.ts): every stream writes at its own mean
 * rate with exponential gaps (independent people, not lockstep), all from one timer, and nothing after stop().
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WriteSchedule } from '../../scripts/bench-sync/write-schedule';

describe('WriteSchedule', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('runs each stream at its own mean rate, with gaps that vary, from a single pending timer', () => {
    const s = new WriteSchedule();
    const times: Record<string, number[]> = { fast: [], slow: [] };
    s.every(100, () => times.fast!.push(performance.now()));
    s.every(1_000, () => times.slow!.push(performance.now()));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(200_000);
    // 2,000 and 200 expected: a Poisson count's spread is its square root (45 and 14), so these bounds are 5 spreads wide.
    expect(times.fast!.length).toBeGreaterThan(1_775);
    expect(times.fast!.length).toBeLessThan(2_225);
    expect(times.slow!.length).toBeGreaterThan(130);
    expect(times.slow!.length).toBeLessThan(270);
    expect(vi.getTimerCount()).toBe(1);
    const gaps = times.fast!.slice(1).map((t, i) => t - times.fast![i]!);
    expect(Math.min(...gaps)).toBeLessThan(10);
    expect(Math.max(...gaps)).toBeGreaterThan(300);
    s.stop();
  });

  it('writes nothing after stop()', () => {
    const s = new WriteSchedule();
    let n = 0;
    s.every(10, () => n++);
    vi.advanceTimersByTime(1_000);
    const before = n;
    expect(before).toBeGreaterThan(0);
    s.stop();
    vi.advanceTimersByTime(10_000);
    expect(n).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
  });
});
