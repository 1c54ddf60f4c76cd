/**
 * bench:sync --sched-waits (scripts/bench-sync/sched-waits.ts): from `perf sched timehist` lines, every wait of a load
 * generator's main thread for a CPU, and who ran on the CPUs meanwhile. The lines below are in the format perf 6.x
 * prints (a thread of another process as name[tid/pid]); the times are chosen so each overlap is known.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSchedWaits, parseTimehist, startSchedTrace, whoRanWhileWaiting } from '../../scripts/bench-sync/sched-waits';

/** The real trace needs perf and the right to trace the whole machine (root here). */
const CAN_TRACE = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('perf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// Columns: time (s), cpu, task, wait time, sch delay, run time (ms). A span ends at `time` and began `run time` before.
const TIMEHIST = `
           time    cpu  task name                       wait time  sch delay   run time
                        [tid/pid]                          (msec)     (msec)     (msec)
--------------- ------  ------------------------------  ---------  ---------  ---------
    1000.045000 [0000]  node[200]                           0.000      0.000     20.000
    1000.050000 [0001]  node[201/200]                       0.000      0.000     10.000
    1000.040000 [0001]  chromium[300]                       0.000      0.000     10.000
    1000.052000 [0000]  node[100]                          22.000     20.000      2.000
    1000.060000 [0000]  node[101]                           6.000      5.000      3.000
    1000.058000 [0001]  kworker/1:2[77]                     0.000      0.000      1.000
    1000.070000 [0001]  node[100]                           0.000      0.000      4.000
`;

describe('bench:sync --sched-waits', () => {
  it('reads each run span with its thread, process, CPU and wait', () => {
    const spans = parseTimehist(TIMEHIST);
    expect(spans).toHaveLength(7);
    expect(spans[1]).toEqual({ startMs: 1_000_040, endMs: 1_000_050, cpu: 1, comm: 'node', tid: 201, pid: 200, waitedMs: 0 });
    expect(spans[3]).toMatchObject({ startMs: 1_000_050, endMs: 1_000_052, tid: 100, pid: 100, waitedMs: 20 });
    expect(spans[5]).toMatchObject({ comm: 'kworker/1:2', tid: 77, pid: 77 });
  });

  it("lays each long wait over the others' run spans and sums them by who ran", () => {
    const roles = new Map([
      [200, 'the server'],
      [100, 'a load generator'],
      [101, 'a load generator'],
    ]);
    const report = whoRanWhileWaiting(parseTimehist(TIMEHIST), new Set([100, 101]), roles, 10);
    // Only generator 100's wait (1000.030-1000.050 s) is 10 ms or more; 101's 5 ms wait is left out.
    expect(report.waits).toBe(1);
    expect(report.totalMs).toBeCloseTo(20, 6);
    expect(report.longestMs).toBeCloseTo(20, 6);
    const ran = Object.fromEntries(report.ranMs.map(([who, ms]) => [who, Math.round(ms * 1000) / 1000]));
    expect(ran).toEqual({
      'the server main thread': 15, // 1000.025-1000.045 overlaps 15 ms
      'the server other threads': 10, // 1000.040-1000.050
      'outside the bench: chromium': 10, // 1000.030-1000.040
    });
    expect(report.ranMs.map(([who]) => who)).toEqual(['the server main thread', 'outside the bench: chromium', 'the server other threads']); // most first, ties by name

    const line = describeSchedWaits(report, 2, 10);
    expect(line).toContain('waited for a CPU 1× for 10 ms or more');
    expect(line).toContain('(20 ms in all, longest 20.0 ms)');
    // 2 CPUs × 20 ms = 40 ms of CPU time: 15 + 10 + 10 ran, 5 idle.
    expect(line).toContain('the server main thread 15 ms (38 %), outside the bench: chromium 10 ms (25 %), the server other threads 10 ms (25 %), idle 5 ms (13 %)');
  });

  it('says when no generator waited that long', () => {
    const report = whoRanWhileWaiting(parseTimehist(TIMEHIST), new Set([101]), new Map(), 10);
    expect(report.waits).toBe(0);
    expect(describeSchedWaits(report, 2, 10)).toBe("load generators' waits for a CPU of 10 ms or more in 0.0 s traced: none");
  });

  it.skipIf(!CAN_TRACE)('records the machine with perf and reads a real process back from the trace', async () => {
    // A process that wakes every millisecond: each of its run spans follows a wait, so with a threshold of 0 ms every
    // one is counted, and the line must find them in the trace by its pid.
    const waker = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1); setTimeout(() => process.exit(0), 3000)'], { stdio: 'ignore' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sched-waits-')), 'trace.perf');
    try {
      await new Promise((r) => setTimeout(r, 300));
      const trace = startSchedTrace(file, 1);
      const line = await trace.whoRanWhileWaiting([waker.pid!], new Map([[waker.pid!, 'a load generator']]), 0);
      expect(line).toMatch(/^load generators' main threads waited for a CPU \d+× for 0 ms or more in \d+\.\d s traced/);
      expect(Number(/waited for a CPU (\d+)×/.exec(line)![1])).toBeGreaterThan(100); // ~1,000 wake-ups in 1 s
      expect(line).toContain(`(trace: ${file})`);
      expect(fs.statSync(file).size).toBeGreaterThan(0);
    } finally {
      waker.kill('SIGKILL');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }, 30_000);
});
