/**
 * The staff AI loops' scheduler: bursts of wake-ups become one run, a wake-up during a run becomes exactly one
 * more run after it, runs never overlap, and nothing runs after stop(). Fake timers make the order deterministic.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serialRunner } from '../../src/app/components/ai/serial-runner';

/** A job whose runs the test finishes by hand, to hold one open while more wake-ups arrive. */
function controlledJob() {
  const finishers: Array<() => void> = [];
  let active = 0;
  let maxActive = 0;
  const job = vi.fn(
    () =>
      new Promise<void>((resolve) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        finishers.push(() => {
          active -= 1;
          resolve();
        });
      }),
  );
  return { job, finishNext: async () => { finishers.shift()!(); await vi.advanceTimersByTimeAsync(0); }, maxActive: () => maxActive };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('serialRunner', () => {
  it('turns a burst of wake-ups into one run after the quiet spell', async () => {
    const { job, finishNext } = controlledJob();
    const runner = serialRunner(job, 150);
    for (let i = 0; i < 5; i += 1) {
      runner.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(job).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(150);
    expect(job).toHaveBeenCalledTimes(1);
    await finishNext();
    await vi.advanceTimersByTimeAsync(1000);
    expect(job).toHaveBeenCalledTimes(1);
  });

  it('runs exactly once more after a run that was asked for again, never two at a time, and calls afterRun each time', async () => {
    const { job, finishNext, maxActive } = controlledJob();
    const afterRun = vi.fn();
    const runner = serialRunner(job, 10, afterRun);
    runner.schedule();
    await vi.advanceTimersByTimeAsync(10);
    expect(job).toHaveBeenCalledTimes(1);
    // Three wake-ups while the first run is under way.
    for (let i = 0; i < 3; i += 1) {
      runner.schedule();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(job).toHaveBeenCalledTimes(1);
    await finishNext();
    expect(afterRun).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(job).toHaveBeenCalledTimes(2);
    await finishNext();
    await vi.advanceTimersByTimeAsync(100);
    expect(job).toHaveBeenCalledTimes(2);
    expect(afterRun).toHaveBeenCalledTimes(2);
    expect(maxActive()).toBe(1);
  });

  it('after stop(), cancels what was scheduled and runs nothing after the run under way', async () => {
    const { job, finishNext } = controlledJob();
    const afterRun = vi.fn();
    const runner = serialRunner(job, 10, afterRun);
    runner.schedule();
    await vi.advanceTimersByTimeAsync(10);
    runner.schedule();
    await vi.advanceTimersByTimeAsync(10);
    runner.stop();
    await finishNext();
    runner.schedule();
    await vi.advanceTimersByTimeAsync(1000);
    expect(job).toHaveBeenCalledTimes(1);
    expect(afterRun).not.toHaveBeenCalled();

    const idle = serialRunner(job, 10);
    idle.schedule();
    idle.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(job).toHaveBeenCalledTimes(1);
  });
});
