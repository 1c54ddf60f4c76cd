/**
 * bench:sync's late-turn recorder (tests/support/loop-stalls.ts) with `splitCpu`, as the load generators run it: a
 * stall must say how much of it the thread ran on a CPU, so a generator's own long turn is told apart from the
 * machine not running it (which a late timer alone cannot tell).
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { gcInside, LoopStallRecorder } from '../support/loop-stalls';

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

  it('puts a GC pause that ran between the last tick and the due time in the stall it began (a real GC)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    recorder = new LoopStallRecorder(5, 15);
    await after(30);
    recorder.report();
    // A timer due with the recorder's next tick runs right after it: the GC starts just after the loop came round, and
    // 40 ms of work after it make the tick late.
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        gc();
        busyCpu(40);
        resolve();
      }, 10),
    );
    await after(30);
    const r = recorder.report();
    const late = r.stalls.list.find((s) => s.ms >= 25);
    expect(late).toBeDefined();
    // However long the pause took on this machine (the attribution's bounds are the next case's), a listed one is named.
    if ((r.byKind['mark-compact']?.maxMs ?? 0) >= 2) expect(late!.gc).toContain('mark-compact');
  });

  it('counts a pause that ended before the late tick was due, if it ran after the tick before it', () => {
    // The tick before ran at 1,000,000 µs; the next was due at 1,010,000 and ran at 1,035,000 (a 25 ms stall).
    const stall = { startUs: 1_010_000, endUs: 1_035_000 };
    const pause = (kind: string, startUs: number, endUs: number) => ({ kind, startUs, endUs });
    // An 8 ms scavenge right after the tick before, then 25 ms of work: the scavenge is part of why the tick was late.
    expect(gcInside(stall, [pause('scavenge', 1_001_000, 1_009_000)])).toBe('scavenge 8.0');
    // Before the tick before: not this stall's. Under 2 ms: not listed. Longest first.
    expect(gcInside(stall, [pause('scavenge', 990_000, 999_000)])).toBe('no GC');
    expect(gcInside(stall, [pause('scavenge', 1_001_000, 1_002_500)])).toBe('no GC');
    expect(gcInside(stall, [pause('incremental', 1_012_000, 1_015_000), pause('mark-compact', 1_020_000, 1_030_000)])).toBe('mark-compact 10.0, incremental 3.0');
  });
});
