/**
 * What runs long on the main thread: with `INTERQ_TRACE_LONG_TASKS=<ms>` set, every callback the event loop runs
 * (a socket read, a timer, an immediate, a nextTick, a promise reaction) is timed through async_hooks, and so is
 * every turn of the loop (one pass: timers, then socket reads, then immediates; what a timer due meanwhile waits
 * behind). Turns of at least `<ms>` are kept with what they were made of, the GC pauses inside them, and their time
 * on the CPU; each kind of callback keeps its longest time on the CPU.
 *
 * On the CPU, not on the clock: on a machine shared with other work a turn can take 30 ms of wall time because the
 * thread was not scheduled, which no change to the server would fix. The kernel adds the time a thread waited for a
 * CPU to `/proc/thread-self/schedstat`'s second field each time it gets one back, so "wall minus that wait" is the
 * time on the CPU (GC pauses on this thread included), whatever else the machine runs. Time blocked (a synchronous
 * system call that sleeps: a disk write, SQLite waiting for a lock) is neither; the first field, the thread's time on
 * a CPU, tells it apart, but the kernel brings a running thread's figure up to date only at its scheduler tick (4 ms
 * at HZ=250), so a turn's time blocked is named only past BLOCKED_MIN_MS and is otherwise counted as on the CPU. (Node 20 has no per-thread CPU clock; process.cpuUsage counts the GC helpers and the
 * workers too.)
 *
 * A new turn is recognised when the loop goes back to an earlier phase (an immediate, then a socket read or a timer),
 * when an immediate that the check phase itself scheduled runs (Node keeps those for the next pass), or after an idle
 * gap. Diagnostics only: off by default; when on, about 5 µs per callback (a read of schedstat).
 * bench:sync turns it on with `--trace-long-tasks <ms>` and prints the report of its measured window.
 */
import { createHook, executionAsyncResource } from 'node:async_hooks';
import fs from 'node:fs';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { gcKindName } from './gc-kinds';

/** An idle gap this long (ms) between callbacks starts a new turn. */
const GAP_MS = 0.3;
/** Long turns kept per report (the longest on the CPU survive). */
const KEEP = 40;
/** A callback this long on the clock (ms) is read again at its end, for its own time on the CPU. */
const TASK_READ_MS = 1;
/** Wall minus the wait for a CPU minus the time on one, past this (ms, more than a scheduler tick), is time blocked. */
const BLOCKED_MIN_MS = 4;

export interface LongSpan {
  /** performance.now() at the turn's start, ms. */
  at: number;
  wallMs: number;
  /** Wall minus the time the thread waited for a CPU inside it, and minus `blockedMs`. */
  cpuMs: number;
  /** Time neither on a CPU nor waiting for one (a system call that slept), when past BLOCKED_MIN_MS. */
  blockedMs?: number;
  /** What ran in it, by label: "socket read 212× 9.8 ms". */
  parts: string;
  /** The GC pauses of at least 1 ms inside it ("scavenge 8.1"), or "no GC". */
  gc: string;
}

export interface LabelTotals {
  count: number;
  /** On the clock. */
  totalMs: number;
  maxMs: number;
  /** The longest on the CPU (callbacks of at least TASK_READ_MS on the clock), and how many reached the threshold. */
  maxCpuMs?: number;
  overCpu?: number;
}

export interface LongTaskReport {
  thresholdMs: number;
  /** Wall time of the report's period, ms. */
  periodMs: number;
  /** Turns at least the threshold long on the clock, and on the CPU. */
  spansOverWall: number;
  spansOverCpu: number;
  /** The longest turns on the CPU, longest first. */
  longest: LongSpan[];
  /** Every callback's wall time by label, over the period. */
  byLabel: Record<string, LabelTotals>;
  /** GC pauses on this thread over the period, by kind. */
  gc: Record<string, LabelTotals>;
}

export interface LongTaskTracer {
  /** What was seen since the last report, then starts afresh. */
  report(): LongTaskReport;
  stop(): void;
}

/** The tracer when `INTERQ_TRACE_LONG_TASKS` holds a threshold in ms, else null. */
export function longTaskTracerFromEnv(env: NodeJS.ProcessEnv = process.env): LongTaskTracer | null {
  const raw = env.INTERQ_TRACE_LONG_TASKS;
  if (!raw) return null;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`INTERQ_TRACE_LONG_TASKS must be a positive number of milliseconds, got "${raw}"`);
  return startLongTaskTracer(ms);
}

/** The check phase's place in a turn (setImmediate callbacks). */
const CHECK_PHASE = 2;

/** Where a callback runs in a turn of the loop; -1: where the callback before it ran (ticks and promise reactions). */
function phaseOf(label: string): number {
  if (label.startsWith('timer ')) return 0;
  if (label.startsWith('immediate ')) return CHECK_PHASE;
  if (label === 'promise' || label.startsWith('nextTick ')) return -1;
  return 1;
}

/** A name for the callback about to run: its kind and, for timers, immediates and ticks, its function's name. */
function labelOf(resource: unknown): string {
  if (resource === null || typeof resource !== 'object') return 'other';
  const r = resource as { _onTimeout?: { name?: string }; _onImmediate?: { name?: string }; callback?: { name?: string } };
  if (r._onTimeout) return `timer ${r._onTimeout.name || '(anonymous)'}`;
  if (r._onImmediate) return `immediate ${r._onImmediate.name || '(anonymous)'}`;
  if (resource instanceof Promise) return 'promise';
  if (typeof r.callback === 'function') return `nextTick ${r.callback.name || '(anonymous)'}`;
  const name = (resource as { constructor?: { name?: string } }).constructor?.name;
  // A socket's handle: its reads (client messages, pongs) and what they run.
  if (name === 'TCP') return 'socket read';
  return name || 'other';
}

export function startLongTaskTracer(thresholdMs: number): LongTaskTracer {
  const fd = fs.openSync('/proc/thread-self/schedstat', 'r');
  const buf = Buffer.alloc(96);
  /** ns this thread has run on a CPU so far, as of the last waitedNs() (the same read). */
  let ranNs = 0;
  /** ns this thread has waited for a CPU so far (and, in `ranNs`, run on one). */
  const waitedNs = (): number => {
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const text = buf.toString('latin1', 0, n);
    const a = text.indexOf(' ');
    ranNs = Number(text.slice(0, a));
    return Number(text.slice(a + 1, text.indexOf(' ', a + 1)));
  };
  /** Of `wallMs`, the time blocked when past BLOCKED_MIN_MS (else 0): neither waiting (`waitMs`) nor running (`ranMs`). */
  const blockedOf = (wallMs: number, waitMs: number, ranMs: number): number => {
    const gap = wallMs - waitMs - ranMs;
    return gap > BLOCKED_MIN_MS ? gap : 0;
  };

  let depth = 0;
  let periodStart = performance.now();
  let spanStart = -1;
  let spanEnd = -1;
  let spanWaitStart = 0;
  let spanWaitEnd = 0;
  let spanRanStart = 0;
  let spanRanEnd = 0;
  let taskStart = 0;
  let taskWait = 0;
  let taskRan = 0;
  let taskLabel = '';
  let phase = 0;
  let spanParts = new Map<string, LabelTotals>();
  let byLabel = new Map<string, LabelTotals>();
  let longest: Array<Omit<LongSpan, 'gc'>> = [];
  let spansOverWall = 0;
  let spansOverCpu = 0;
  let pauses: Array<{ start: number; end: number; kind: string }> = [];
  /**
   * Immediates created in the check phase (by an immediate, or a tick or promise reaction inside one): Node runs them
   * in the loop's next iteration, after its timers and socket reads, so each starts a turn of its own. A chain of
   * slices that each schedule the next (message-slices.ts) is many short turns, not one long one: every timer due
   * meanwhile ran between them.
   */
  const nextIteration = new WeakSet<object>();

  const add = (map: Map<string, LabelTotals>, label: string, ms: number): LabelTotals => {
    let t = map.get(label);
    if (t) {
      t.count++;
      t.totalMs += ms;
      if (ms > t.maxMs) t.maxMs = ms;
    } else map.set(label, (t = { count: 1, totalMs: ms, maxMs: ms }));
    return t;
  };

  const closeSpan = (): void => {
    if (spanStart < 0) return;
    const wallMs = spanEnd - spanStart;
    if (wallMs >= thresholdMs) {
      spansOverWall++;
      const waitMs = (spanWaitEnd - spanWaitStart) / 1e6;
      const blockedMs = blockedOf(wallMs, waitMs, (spanRanEnd - spanRanStart) / 1e6);
      const cpuMs = Math.max(0, wallMs - waitMs - blockedMs);
      if (cpuMs >= thresholdMs) spansOverCpu++;
      const parts = [...spanParts]
        .sort((a, b) => b[1].totalMs - a[1].totalMs)
        .slice(0, 4)
        .map(([label, t]) => `${label} ${t.count}× ${t.totalMs.toFixed(1)} ms`)
        .join(', ');
      longest.push({ at: spanStart, wallMs, cpuMs, parts, ...(blockedMs > 0 ? { blockedMs } : {}) });
      if (longest.length > KEEP * 2) {
        longest.sort((a, b) => b.cpuMs - a.cpuMs);
        longest.length = KEEP;
      }
    }
    spanStart = -1;
    spanParts = new Map();
  };

  const hook = createHook({
    init(_id, type, _trigger, resource) {
      // Inside a callback of the check phase (depth counts the callback, ticks and reactions run within it).
      if (type === 'Immediate' && depth > 0 && phase === CHECK_PHASE) nextIteration.add(resource);
    },
    before() {
      if (depth++ > 0) return;
      const now = performance.now();
      const resource = executionAsyncResource();
      taskLabel = labelOf(resource);
      const taskPhase = phaseOf(taskLabel);
      // Ticks and promise reactions run inside the phase of the callback before them; no schedstat read for them.
      const macro = taskPhase >= 0;
      if (macro) {
        taskWait = waitedNs();
        taskRan = ranNs;
      }
      const newIteration = taskPhase === CHECK_PHASE && nextIteration.has(resource);
      if (spanStart < 0 || now - spanEnd > GAP_MS || (macro && taskPhase < phase) || newIteration) {
        closeSpan();
        spanStart = now;
        spanWaitStart = macro ? taskWait : waitedNs();
        spanRanStart = macro ? taskRan : ranNs;
        spanWaitEnd = spanWaitStart;
        spanRanEnd = spanRanStart;
      }
      if (macro) phase = taskPhase;
      taskStart = now;
    },
    after() {
      if (--depth > 0) return;
      if (depth < 0) depth = 0;
      const now = performance.now();
      const ms = now - taskStart;
      const totals = add(byLabel, taskLabel, ms);
      add(spanParts, taskLabel, ms);
      spanEnd = now;
      // Read again only for a callback or a turn long enough to matter (the turn's last read is its end).
      if (ms >= TASK_READ_MS || now - spanStart >= thresholdMs) {
        const waited = waitedNs();
        spanWaitEnd = waited;
        spanRanEnd = ranNs;
        if (ms >= TASK_READ_MS && phaseOf(taskLabel) >= 0) {
          const waitMs = (waited - taskWait) / 1e6;
          const cpuMs = Math.max(0, ms - waitMs - blockedOf(ms, waitMs, (ranNs - taskRan) / 1e6));
          if (cpuMs > (totals.maxCpuMs ?? 0)) totals.maxCpuMs = cpuMs;
          if (cpuMs >= thresholdMs) totals.overCpu = (totals.overCpu ?? 0) + 1;
        }
      }
    },
  });
  hook.enable();

  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
      pauses.push({ start: e.startTime, end: e.startTime + e.duration, kind: gcKindName(e.detail?.kind) });
    }
  });
  observer.observe({ entryTypes: ['gc'] });

  return {
    report(): LongTaskReport {
      closeSpan();
      const now = performance.now();
      const gc = new Map<string, LabelTotals>();
      for (const p of pauses) add(gc, p.kind, p.end - p.start);
      const kept = longest.sort((a, b) => b.cpuMs - a.cpuMs).slice(0, KEEP);
      const out: LongTaskReport = {
        thresholdMs,
        periodMs: now - periodStart,
        spansOverWall,
        spansOverCpu,
        longest: kept.map((s) => {
          const inside = pauses.filter((p) => p.end > s.at && p.start < s.at + s.wallMs && p.end - p.start >= 1);
          return { ...s, gc: inside.map((p) => `${p.kind} ${(p.end - p.start).toFixed(1)}`).join(', ') || 'no GC' };
        }),
        byLabel: Object.fromEntries(byLabel),
        gc: Object.fromEntries(gc),
      };
      periodStart = now;
      byLabel = new Map();
      longest = [];
      spansOverWall = spansOverCpu = 0;
      pauses = [];
      return out;
    },
    stop() {
      hook.disable();
      observer.disconnect();
      fs.closeSync(fd);
    },
  };
}

/** The report in a few lines, for a benchmark's output. */
export function describeLongTasks(r: LongTaskReport, top = 6): string[] {
  const labels = Object.entries(r.byLabel)
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .slice(0, 6)
    .map(([l, t]) => `${l} ${t.count}× ${t.totalMs.toFixed(0)} ms (max ${t.maxMs.toFixed(1)}, on the CPU ${(t.maxCpuMs ?? 0).toFixed(1)}${t.overCpu ? `, ${t.overCpu} over ${r.thresholdMs}` : ''})`)
    .join('; ');
  const gc = Object.entries(r.gc)
    .map(([k, t]) => `${k} ${t.count}× max ${t.maxMs.toFixed(1)}`)
    .join(', ');
  return [
    `long tasks (loop turns ≥ ${r.thresholdMs} ms): ${r.spansOverWall} on the clock, ${r.spansOverCpu} on the CPU in ${(r.periodMs / 1000).toFixed(1)} s; GC ${gc || 'none'}`,
    ...r.longest
      .slice(0, top)
      .map((s) => `  ${s.cpuMs.toFixed(1)} ms CPU (${s.wallMs.toFixed(1)} wall) [${s.gc}${s.blockedMs ? `; blocked ${s.blockedMs.toFixed(1)} ms` : ''}]: ${s.parts}`),
    `  callbacks by kind: ${labels}`,
  ];
}
