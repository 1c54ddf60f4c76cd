/**
 * bench:sync `--sched-waits <dir>`: who ran on the CPUs while a load generator waited for one.
 *
 * Why: at 500 sessions the slowest deliveries are the load generators' late turns, and their stall lines say those
 * are nearly all time spent waiting for a CPU; they do not say whose turn it was instead: the server under test, its
 * GC threads, the other generator, the probe, or a process outside the bench. The kernel's scheduler trace does:
 * `perf sched record` (software tracepoints, which this VM has) over part of the window, then `perf sched timehist`,
 * whose lines give each thread's run span on a CPU and, for each, how long it had waited to run since it became
 * runnable (woken, or preempted): "sch delay". Every wait of a generator's main thread of at least `minWaitMs` is
 * laid over every other thread's run spans, and the CPU time they overlap is summed by who ran.
 */

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One thread's span on a CPU, from a `perf sched timehist` line; times in ms of the trace's clock. */
export interface RunSpan {
  startMs: number;
  endMs: number;
  cpu: number;
  comm: string;
  tid: number;
  pid: number;
  /** How long the thread waited to run before this span, since it was woken or preempted. */
  waitedMs: number;
}

/** The bench's own processes by pid, with the names the report gives them. */
export type BenchRoles = ReadonlyMap<number, string>;

export interface SchedWaitsReport {
  /** Seconds the trace covers. */
  tracedS: number;
  waits: number;
  totalMs: number;
  longestMs: number;
  /** CPU time each ran while a generator waited, ms, most first. At most 2 × totalMs on 2 CPUs. */
  ranMs: Array<[who: string, ms: number]>;
}

// "   45371.813995 [0000]  node[1769]   9.647   8.581   0.256" (a thread of another process: name[tid/pid]).
const LINE = /^\s*(\d+\.\d+)\s+\[(\d+)\]\s+(.*?)\[(\d+)(?:\/(\d+))?\]\s+(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)/;

/** The run spans in `perf sched timehist` output (its header lines and idle markers are skipped). */
export function parseTimehist(text: string): RunSpan[] {
  const spans: RunSpan[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const endMs = Number(m[1]) * 1000;
    const runMs = Number(m[8]);
    const tid = Number(m[4]);
    spans.push({ startMs: endMs - runMs, endMs, cpu: Number(m[2]), comm: m[3]!.trim(), tid, pid: m[5] ? Number(m[5]) : tid, waitedMs: Number(m[7]) });
  }
  return spans;
}

/** Who a span was: a role of the bench (its main thread or its other threads), or a process outside it by name. */
function whoRan(span: RunSpan, roles: BenchRoles): string {
  const role = roles.get(span.pid);
  if (role !== undefined) return `${role} ${span.tid === span.pid ? 'main thread' : 'other threads'}`;
  // Kernel threads and pools carry a number (kworker/0:1, ThreadPoolForeg); group them by the name without it.
  return `outside the bench: ${span.comm.replace(/[\d/:.-]+$/, '') || span.comm}`;
}

/**
 * Every wait of at least `minWaitMs` by one of `waiterTids` (the generators' main threads), and what every other
 * thread ran on the CPUs meanwhile.
 */
export function whoRanWhileWaiting(spans: readonly RunSpan[], waiterTids: ReadonlySet<number>, roles: BenchRoles, minWaitMs: number): SchedWaitsReport {
  const waits = spans.filter((s) => waiterTids.has(s.tid) && s.waitedMs >= minWaitMs).map((s) => ({ tid: s.tid, from: s.startMs - s.waitedMs, to: s.startMs }));
  const ran = new Map<string, number>();
  // Both sorted by start, so each wait looks only at the spans that can overlap it (none runs longer than the trace).
  const byStart = [...spans].sort((a, b) => a.startMs - b.startMs);
  const longestSpan = byStart.reduce((m, s) => Math.max(m, s.endMs - s.startMs), 0);
  for (const w of waits.sort((a, b) => a.from - b.from)) {
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]!.startMs < w.from - longestSpan) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < byStart.length && byStart[i]!.startMs < w.to; i++) {
      const s = byStart[i]!;
      const overlap = Math.min(s.endMs, w.to) - Math.max(s.startMs, w.from);
      if (overlap <= 0 || s.tid === w.tid) continue;
      const who = whoRan(s, roles);
      ran.set(who, (ran.get(who) ?? 0) + overlap);
    }
  }
  const tracedMs = spans.length ? Math.max(...spans.map((s) => s.endMs)) - Math.min(...spans.map((s) => s.startMs)) : 0;
  return {
    tracedS: tracedMs / 1000,
    waits: waits.length,
    totalMs: waits.reduce((n, w) => n + (w.to - w.from), 0),
    longestMs: waits.reduce((m, w) => Math.max(m, w.to - w.from), 0),
    ranMs: [...ran].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  };
}

/** One line for the run's report: the waits, then who ran meanwhile as a share of the CPUs' time (top `top`). */
export function describeSchedWaits(r: SchedWaitsReport, cpus: number, minWaitMs: number, top = 8): string {
  if (r.waits === 0) return `load generators' waits for a CPU of ${minWaitMs} ms or more in ${r.tracedS.toFixed(1)} s traced: none`;
  const cpuMs = cpus * r.totalMs;
  const idleMs = Math.max(0, cpuMs - r.ranMs.reduce((n, [, ms]) => n + ms, 0));
  const shares = [...r.ranMs.slice(0, top), ...(idleMs >= 0.005 * cpuMs ? [['idle', idleMs] as [string, number]] : [])]
    .map(([who, ms]) => `${who} ${ms.toFixed(0)} ms (${((100 * ms) / cpuMs).toFixed(0)} %)`)
    .join(', ');
  return (
    `load generators' main threads waited for a CPU ${r.waits}× for ${minWaitMs} ms or more in ${r.tracedS.toFixed(1)} s traced ` +
    `(${r.totalMs.toFixed(0)} ms in all, longest ${r.longestMs.toFixed(1)} ms); meanwhile the ${cpus} CPUs ran: ${shares}`
  );
}

export interface SchedTrace {
  /**
   * Once the recording has ended: the line for the run (describeSchedWaits) over the main threads of `waiterPids`,
   * with the bench's processes named by `roles`, or why there is none (perf missing, not allowed to trace, failed).
   */
  whoRanWhileWaiting(waiterPids: readonly number[], roles: BenchRoles, minWaitMs: number): Promise<string>;
}

/**
 * Starts `perf sched record` of the whole machine for `seconds` from now, into `file` (kept, for `perf sched
 * timehist -i <file>` by hand).
 */
export function startSchedTrace(file: string, seconds: number): SchedTrace {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const perf = spawn('perf', ['sched', 'record', '-o', file, '--', 'sleep', String(seconds)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  perf.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const recorded = new Promise<string | null>((resolve) => {
    perf.on('error', (err) => resolve(err.message));
    perf.on('exit', (code) => resolve(code === 0 ? null : `exit ${code}: ${stderr.trim().split('\n').pop() ?? ''}`));
  });
  return {
    async whoRanWhileWaiting(waiterPids, roles, minWaitMs) {
      const failed = await recorded;
      if (failed) return `--sched-waits: perf sched record failed (${failed})`;
      let text: string;
      try {
        text = execFileSync('perf', ['sched', 'timehist', '-i', file], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      } catch (err) {
        return `--sched-waits: perf sched timehist failed (${(err as Error).message})`;
      }
      const report = whoRanWhileWaiting(parseTimehist(text), new Set(waiterPids), roles, minWaitMs);
      return `${describeSchedWaits(report, os.cpus().length, minWaitMs)} (trace: ${file})`;
    },
  };
}
