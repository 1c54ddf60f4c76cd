import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { describeLongTasks, longTaskTracerFromEnv, startLongTaskTracer, type LongTaskTracer } from '../../sync-server/long-tasks';

/** This thread's own time on the CPU so far, ms (Linux: the first field of /proc/thread-self/schedstat, in ns). */
function threadCpuMs(): number {
  return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
}

/**
 * Keeps this thread on the CPU for `ms` of its own CPU time (however long that takes on a busy machine). Not
 * process.cpuUsage: that counts every thread of the process, so with other test files' threads busy it reached
 * 25 ms after 23.7 ms on this thread's clock (a failed run at load 10).
 */
function busyCpu(ms: number): void {
  const start = threadCpuMs();
  while (threadCpuMs() - start < ms) {
    /* working */
  }
}

/** Keeps the thread busy for `ms` on the clock. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* working */
  }
}

const nextTurn = () => new Promise((r) => setImmediate(r));
const after = (ms: number) => new Promise((r) => setTimeout(r, ms));

let tracer: LongTaskTracer | null = null;
afterEach(() => {
  tracer?.stop();
  tracer = null;
});

describe('long-tasks: what runs long on the main thread', () => {
  it('keeps a long timer callback with its name and its time on the CPU, and not the short ones', async () => {
    tracer = startLongTaskTracer(10);
    await new Promise<void>((resolve) =>
      setTimeout(function busyTimer() {
        busyCpu(25);
        resolve();
      }, 1),
    );
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) =>
        setTimeout(function shortTimer() {
          busy(1);
          resolve();
        }, 3),
      );
    }
    const r = tracer.report();
    const span = r.longest.find((s) => s.parts.includes('busyTimer'));
    expect(span!.parts).toContain('timer busyTimer 1×');
    expect(span!.parts).not.toContain('shortTimer');
    // 25 ms of this thread's CPU time (schedstat) took at least that on the clock (performance.now), but for the two
    // clocks' granularity: a loaded full run measured 24.55 ms.
    expect(span!.wallMs).toBeGreaterThanOrEqual(24);
    // 25 ms of CPU on this thread, whatever the machine made of it on the clock.
    expect(span!.cpuMs).toBeGreaterThan(15);
    expect(span!.cpuMs).toBeLessThanOrEqual(span!.wallMs);
    expect(r.byLabel['timer shortTimer']!.count).toBe(5);
    // On the clock as well, with the same granularity allowance as the span's (24.66 ms in a quiet full run).
    expect(r.byLabel['timer busyTimer']!.maxMs).toBeGreaterThanOrEqual(24);
    expect(describeLongTasks(r).join('\n')).toContain('timer busyTimer');
    // The report starts afresh.
    expect(tracer.report().byLabel['timer busyTimer']).toBeUndefined();
  });

  it('names the time a turn was blocked (a system call that slept), which is neither on the CPU nor waiting for one', async () => {
    tracer = startLongTaskTracer(10);
    await new Promise<void>((resolve) =>
      setTimeout(function blockedTimer() {
        // The thread sleeps 40 ms in the kernel, as in a disk write or SQLite waiting for a lock.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 40);
        resolve();
      }, 1),
    );
    const r = tracer.report();
    const span = r.longest.find((s) => s.parts.includes('blockedTimer'));
    expect(span!.wallMs).toBeGreaterThanOrEqual(39);
    // Within a scheduler tick of 40 ms (the kernel updates a running thread's CPU time at its tick).
    expect(span!.blockedMs).toBeGreaterThan(30);
    expect(span!.cpuMs).toBeLessThan(10);
    expect(r.byLabel['timer blockedTimer']!.maxCpuMs).toBeLessThan(10);
    expect(describeLongTasks(r).join('\n')).toMatch(/blocked \d+\.\d ms\]: timer blockedTimer/);
  });

  it('joins callbacks that run back to back into one span (what a late timer waits behind)', async () => {
    tracer = startLongTaskTracer(12);
    // A scavenge or a preemption between two of them is a gap that ends a span (a busy machine did that in a full
    // run: 3× and 1×), so up to three tries; joining must happen in one of them.
    let span: ReturnType<LongTaskTracer['report']>['longest'][number] | undefined;
    for (let attempt = 0; attempt < 3 && !span?.parts.includes('immediate sliceOfWork 4×'); attempt++) {
      const immediates = new Promise<void>((resolve) => {
        let left = 4;
        for (let i = 0; i < 4; i++) {
          setImmediate(function sliceOfWork() {
            busy(5);
            if (--left === 0) resolve();
          });
        }
      });
      await immediates;
      await after(5);
      // No callback is 12 ms long; their span of about 20 ms is. The report starts afresh for the next try.
      span = tracer.report().longest.find((s) => s.parts.includes('immediate sliceOfWork'));
    }
    expect(span?.parts).toContain('immediate sliceOfWork 4×');
    expect(span!.wallMs).toBeGreaterThanOrEqual(20);
  });

  it('starts a new turn for an immediate the check phase scheduled: Node runs it on the next pass of the loop', async () => {
    tracer = startLongTaskTracer(8);
    // Four slices of 5 ms, each scheduling the next from inside its own callback (as message-slices.ts does): every
    // one runs on a pass of its own, after that pass's timers and socket reads, so no turn holds two of them. (One
    // slice preempted on a busy machine can still be a turn of 8 ms on the clock, alone.)
    await new Promise<void>((resolve) => {
      let left = 4;
      setImmediate(function chainedSlice() {
        busy(5);
        if (--left === 0) resolve();
        else setImmediate(chainedSlice);
      });
    });
    await after(5);
    const r = tracer.report();
    const joined = r.longest.filter((s) => s.parts.includes('chainedSlice') && !s.parts.includes('chainedSlice 1×'));
    expect(joined).toEqual([]);
    expect(r.byLabel['immediate chainedSlice']!.count).toBe(4);
  });

  it('names promise reactions and nextTicks, and leaves the hooks off once stopped', async () => {
    tracer = startLongTaskTracer(1000);
    await Promise.resolve().then(function reaction() {
      busy(1);
    });
    await new Promise<void>((resolve) => process.nextTick(function tick() {
      resolve();
    }));
    await nextTurn();
    const r = tracer.report();
    expect(Object.keys(r.byLabel)).toEqual(expect.arrayContaining(['promise', 'nextTick tick']));
    tracer.stop();
    tracer = null;
    await nextTurn();
  });

  it('is off unless INTERQ_TRACE_LONG_TASKS holds a positive number of milliseconds', () => {
    expect(longTaskTracerFromEnv({})).toBeNull();
    expect(() => longTaskTracerFromEnv({ INTERQ_TRACE_LONG_TASKS: 'soon' })).toThrow(/positive number of milliseconds/);
    expect(() => longTaskTracerFromEnv({ INTERQ_TRACE_LONG_TASKS: '0' })).toThrow(/positive number/);
    const t = longTaskTracerFromEnv({ INTERQ_TRACE_LONG_TASKS: '20' });
    expect(t?.report().thresholdMs).toBe(20);
    t?.stop();
  });
});
