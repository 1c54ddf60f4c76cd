/**
 * Who stalled, and when: a process's GC pauses and its event-loop stalls (turns that came late), with their times
 * on the machine's monotonic clock, so a benchmark can line up one process's stalls with another's and with a
 * V8 CPU profile. Used by the sync benchmark's server processes (answer-bench-parent.ts) and its load generators
 * (scripts/bench-sync/generator.ts).
 *
 * The clock: `process.hrtime` (libuv's uv_hrtime) and V8's CPU profile timestamps both read CLOCK_MONOTONIC, which
 * every process on the machine shares; performance.now() and GC entries are offsets from this process's own time
 * origin, converted here once. All times below are µs on that shared clock.
 *
 * A stall: a 10 ms timer chain, and every turn more than `stallMs` late is recorded as the interval the loop did not
 * come round. Each stall is attributed to the longest GC pause of at least 2 ms that ran since the loop last came
 * round, or to "no GC": the process's own work, or the machine not scheduling it (compare with an idle process's
 * loop). Since the last tick, not since the tick's due time: the chain cannot tell when inside its 10 ms the loop
 * stopped, so a turn that began with an 8 ms scavenge right after a tick and then worked 15 ms more is late by 13 ms
 * from the due time, and its scavenge ended before it (it was "no GC" until 2026-12-06).
 */
import fs from 'node:fs';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { gcKindName } from '../../sync-server/gc-kinds';

const TICK_MS = 10;
/** Stalls kept per report (the longest survive when there are more). */
const MAX_LISTED = 2000;

/** Now on the machine's monotonic clock (CLOCK_MONOTONIC), µs. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

const PERF_ORIGIN_US = monotonicUs() - performance.now() * 1000;

/** A performance.now() reading (ms, this process) on the shared monotonic clock, µs. */
export function perfToMonotonicUs(ms: number): number {
  return PERF_ORIGIN_US + ms * 1000;
}

export interface GcKindStats {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** One late turn: when the loop should have come round and when it did (µs, shared clock), and the GC inside. */
export interface Stall {
  startUs: number;
  endUs: number;
  ms: number;
  /** The GC pauses of at least 2 ms inside it ("scavenge 8.1, incremental 2.3"), or "no GC". */
  gc: string;
  /**
   * With `splitCpu`: ms this thread ran on a CPU during the late tick (its own work: JavaScript, its part of a GC),
   * and ms it was ready to run but waited for a CPU (the machine gave the core to another process); the rest of the
   * stall it was blocked (a GC waiting on its helper threads, a page fault, a system call).
   */
  cpuMs?: number;
  waitMs?: number;
}

export interface StallStats {
  /** Turns more than `countMs` (15 ms) late since the last report, and the longest. */
  count: number;
  maxMs: number;
  /** Of those, how many overlapped a GC pause of at least 2 ms, by the longest overlapping pause's kind. */
  withGc: Record<string, number>;
  /** The five longest: how late, and the GC pauses inside them (kind and ms), and with `splitCpu` its CPU and wait. */
  longest: Array<{ ms: number; gc: string; cpuMs?: number; waitMs?: number }>;
  /**
   * With `splitCpu`: the stalls by what most of the time went to: `on CPU` (the process's own work), `waiting for a
   * CPU` (not scheduled: another process had the core), `blocked` (neither).
   */
  byCause?: Record<string, number>;
  /**
   * With `splitCpu`: the most CPU time (ms) the thread spent inside one late turn, the five highest: the process's own
   * longest turns (its JavaScript and its part of a GC), which the machine's load does not lengthen.
   */
  mostCpuMs?: number[];
  /** Every turn more than the recorder's threshold late (it may be lower than `countMs`), in time order. */
  list: Stall[];
}

export interface BenchGcReport {
  byKind: Record<string, GcKindStats>;
  stalls: StallStats;
}

export interface Pause {
  startUs: number;
  endUs: number;
  kind: string;
}

/**
 * The GC pauses of at least 2 ms that delayed a late tick ("scavenge 8.1, incremental 2.3", longest first), or "no
 * GC": those that ran from the tick before it (the stall's start less TICK_MS) to its end.
 */
export function gcInside(stall: { startUs: number; endUs: number }, pauses: readonly Pause[]): string {
  const inside = pauses.filter((p) => p.endUs > stall.startUs - TICK_MS * 1000 && p.startUs < stall.endUs && p.endUs - p.startUs >= 2000);
  inside.sort((a, b) => b.endUs - b.startUs - (a.endUs - a.startUs));
  return inside.map((p) => `${p.kind} ${((p.endUs - p.startUs) / 1000).toFixed(1)}`).join(', ') || 'no GC';
}

export class LoopStallRecorder {
  private pauses: Pause[] = [];
  private stalls: Array<{ startUs: number; endUs: number; cpuMs?: number; waitMs?: number }> = [];
  private last = monotonicUs();
  /** With `splitCpu`: this thread's /proc schedstat, and its CPU and run-queue wait (ns) at the last tick. */
  private readonly schedstat: { fd: number; buf: Buffer; cpuNs: number; waitNs: number } | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly observer: PerformanceObserver;

  /**
   * `stallMs`: record every turn at least this late (ms); `countMs`: the lateness the report counts as a stall
   * (15 ms: the benchmark's stall line).
   */
  /**
   * `splitCpu`: each tick also reads this thread's CPU time and run-queue wait (/proc/thread-self/schedstat, a few µs a
   * read, 100 reads a second), so each stall says how much of it the process was running and how much it waited for a
   * CPU: its own long turn, or starvation by other processes. Off for the servers under test (it would be CPU of theirs)
   * unless their main thread is traced (bench:sync --trace-long-tasks, answer-bench-parent.ts).
   */
  constructor(
    private readonly stallMs = 15,
    private readonly countMs = 15,
    splitCpu = false,
  ) {
    if (splitCpu) {
      this.schedstat = { fd: fs.openSync('/proc/thread-self/schedstat', 'r'), buf: Buffer.alloc(96), cpuNs: 0, waitNs: 0 };
      this.readSchedstat();
    }
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
        const startUs = perfToMonotonicUs(e.startTime);
        this.pauses.push({ startUs, endUs: startUs + e.duration * 1000, kind: gcKindName(e.detail?.kind) });
      }
    });
    this.observer.observe({ entryTypes: ['gc'] });
    this.timer = setInterval(() => {
      const now = monotonicUs();
      const cpuNs = this.schedstat?.cpuNs ?? 0;
      const waitNs = this.schedstat?.waitNs ?? 0;
      if (this.schedstat) this.readSchedstat();
      if (now - this.last - TICK_MS * 1000 > this.stallMs * 1000) {
        this.stalls.push({
          startUs: this.last + TICK_MS * 1000,
          endUs: now,
          ...(this.schedstat ? { cpuMs: (this.schedstat.cpuNs - cpuNs) / 1e6, waitMs: (this.schedstat.waitNs - waitNs) / 1e6 } : {}),
        });
      }
      this.last = now;
    }, TICK_MS);
    this.timer.unref();
  }

  /** Reads this thread's CPU time and run-queue wait so far (the first two fields of its schedstat, ns). */
  private readSchedstat(): void {
    const st = this.schedstat!;
    const text = st.buf.toString('latin1', 0, fs.readSync(st.fd, st.buf, 0, st.buf.length, 0));
    const [cpu, wait] = text.split(' ');
    st.cpuNs = Number(cpu);
    st.waitNs = Number(wait);
  }

  /**
   * How late the loop is right now (ms): called from inside a turn, how long ago the timer chain should have come
   * round. 0 when it is on time.
   */
  lateNowMs(): number {
    return Math.max(0, (monotonicUs() - this.last) / 1000 - TICK_MS);
  }

  /** Discards what was recorded so far (the start of a measured window). */
  reset(): void {
    this.pauses = [];
    this.stalls = [];
  }

  /** What was recorded since the last report or reset, then starts afresh. */
  report(): BenchGcReport {
    const byKind: Record<string, GcKindStats> = {};
    for (const p of this.pauses) {
      const k = (byKind[p.kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
      const ms = (p.endUs - p.startUs) / 1000;
      k.count++;
      k.totalMs += ms;
      k.maxMs = Math.max(k.maxMs, ms);
    }
    const withGc: Record<string, number> = {};
    const list: Stall[] = this.stalls.map((s) => ({ ...s, ms: (s.endUs - s.startUs) / 1000, gc: gcInside(s, this.pauses) }));
    const counted = list.filter((s) => s.ms > this.countMs);
    let byCause: Record<string, number> | undefined;
    for (const s of counted) {
      const key = s.gc === 'no GC' ? 'no GC' : s.gc.split(' ')[0]!;
      withGc[key] = (withGc[key] ?? 0) + 1;
      if (s.cpuMs !== undefined && s.waitMs !== undefined) {
        const cause = s.cpuMs >= s.ms / 2 ? 'on CPU' : s.waitMs >= s.ms / 2 ? 'waiting for a CPU' : 'blocked';
        (byCause ??= {})[cause] = (byCause[cause] ?? 0) + 1;
      }
    }
    const longest = [...counted].sort((a, b) => b.ms - a.ms);
    const kept = list.length > MAX_LISTED ? [...list].sort((a, b) => b.ms - a.ms).slice(0, MAX_LISTED).sort((a, b) => a.startUs - b.startUs) : list;
    this.reset();
    return {
      byKind,
      stalls: {
        count: counted.length,
        maxMs: longest[0]?.ms ?? 0,
        withGc,
        longest: longest.slice(0, 5).map((s) => ({ ms: s.ms, gc: s.gc, ...(s.cpuMs !== undefined ? { cpuMs: s.cpuMs, waitMs: s.waitMs } : {}) })),
        list: kept,
        ...(byCause ? { byCause } : {}),
        ...(this.schedstat ? { mostCpuMs: list.map((s) => s.cpuMs ?? 0).sort((a, b) => b - a).slice(0, 5) } : {}),
      },
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.observer.disconnect();
    if (this.schedstat) fs.closeSync(this.schedstat.fd);
  }
}

/** ms of the stalls in `stalls` that fall inside [fromUs, toUs]. */
export function stalledWithin(stalls: readonly Stall[], fromUs: number, toUs: number): number {
  let us = 0;
  for (const s of stalls) us += Math.max(0, Math.min(s.endUs, toUs) - Math.max(s.startUs, fromUs));
  return us / 1000;
}
