/**
 * bench:sync's late-turn recorder (tests/support/loop-stalls.ts) with `splitCpu`, as the load generators run it: a
 * stall must say how much of it the thread ran on a CPU, so a generator's own long turn is told apart from the
 * machine not running it (which a late timer alone cannot tell).
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopStallRecorder } from '../support/loop-stalls';

/** This thread's own time on the CPU so far, ms (the first field of /proc/thread-self/schedstat, ns). */
function threadCpuMs(): number {
  return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
}

/** Keeps this thread on the CPU for `ms` of its own CPU time, however long that takes on a busy machine. */
function busyCpu(ms: number): void {
  const start = threadCpuMs();
  while (threadCpuMs() - start < ms) {
    /* working */
  }
}

const after = (ms: number) => new Promise((r) => setTimeout(r, ms));

let recorder: LoopStallRecorder | null = null;
afterEach(() => {
  recorder?.stop();
  recorder = null;
});

describe('LoopStallRecorder with splitCpu', () => {
  it("puts a turn's own CPU time in its stall, and none in a turn the thread slept through", async () => {
    recorder = new LoopStallRecorder(5, 15, true);
    await after(30);
    busyCpu(60);
    await after(30);
    const busy = recorder.report();
    const worked = busy.stalls.list.find((s) => (s.cpuMs ?? 0) >= 55);
    expect(worked).toBeDefined();
    expect(worked!.ms).toBeGreaterThanOrEqual(45);
    expect(busy.stalls.mostCpuMs![0]).toBeGreaterThanOrEqual(55);

    // Blocked, not running and not waiting for a CPU: a synchronous sleep of 60 ms.
    await after(30);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60);
    await after(30);
    const slept = recorder.report().stalls.list.find((s) => s.ms >= 45);
    expect(slept).toBeDefined();
    expect(slept!.cpuMs!).toBeLessThan(slept!.ms / 2);
    expect(slept!.waitMs).toBeGreaterThanOrEqual(0);
  });

  it('reads nothing of the kind without it (the servers under test run it so: no CPU of theirs spent on it)', async () => {
    recorder = new LoopStallRecorder(5, 15);
    await after(30);
    busyCpu(40);
    await after(30);
    const r = recorder.report();
    expect(r.stalls.list.length).toBeGreaterThan(0);
    expect(r.stalls.list.every((s) => s.cpuMs === undefined && s.waitMs === undefined)).toBe(true);
    expect(r.stalls.byCause).toBeUndefined();
  });
});
