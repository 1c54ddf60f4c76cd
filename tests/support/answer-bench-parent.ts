/**
 * What a server process started by a benchmark (scripts/bench-sync.ts) answers its parent over IPC: a GC on
 * request, and its CPU, memory, document counts and event-loop delay since the last ask, so a benchmark can tell
 * server stalls from scheduling noise. Shared by our collab server process and the reference server's, so both
 * carry exactly the same observers (their cost is in both servers' CPU figures alike).
 *
 * Besides the delay histogram it names the stalls: a 10 ms timer chain records every turn that came more than
 * STALL_MS late, and a `gc` PerformanceObserver records every collection pause, so the benchmark can say how many
 * stalls a GC pause overlapped (and which kind) and how many were something else (the server's own work, or the
 * machine not scheduling it). `profile-start` / `profile-stop` take a V8 CPU profile of the main thread through the
 * inspector, so a profile covers the measured window only (not the start-up or the connection storm).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import { PerformanceObserver, constants, monitorEventLoopDelay, type PerformanceEntry } from 'node:perf_hooks';

/** A turn this late (ms) counts as a stall. */
const STALL_MS = 15;
const TICK_MS = 10;

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks',
};

export interface GcKindStats {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface StallStats {
  /** Turns more than STALL_MS late since the last ask, and the longest. */
  count: number;
  maxMs: number;
  /** Of those, how many overlapped a GC pause of at least 2 ms, by the longest overlapping pause's kind. */
  withGc: Record<string, number>;
  /** The five longest: how late, and the GC pauses inside them (kind and ms). */
  longest: Array<{ ms: number; gc: string }>;
}

export interface BenchGcReport {
  byKind: Record<string, GcKindStats>;
  stalls: StallStats;
}

export function answerBenchParent(stop: () => void, collabStats: () => unknown): void {
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  if (!process.send) return;

  // GC pauses since the last ask (kept with their times for the stall attribution).
  let pauses: Array<{ start: number; end: number; kind: string }> = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
      pauses.push({ start: e.startTime, end: e.startTime + e.duration, kind: GC_KINDS[e.detail?.kind ?? 0] ?? 'other' });
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });

  // Stalls: the timer chain's late turns, as [start, end] of the time the loop did not come round.
  let stalls: Array<{ start: number; end: number }> = [];
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    if (now - last - TICK_MS > STALL_MS) stalls.push({ start: last + TICK_MS, end: now });
    last = now;
  }, TICK_MS);
  tick.unref();

  const report = (): BenchGcReport => {
    const byKind: Record<string, GcKindStats> = {};
    for (const p of pauses) {
      const k = (byKind[p.kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
      k.count++;
      k.totalMs += p.end - p.start;
      k.maxMs = Math.max(k.maxMs, p.end - p.start);
    }
    const withGc: Record<string, number> = {};
    const described = stalls.map((s) => {
      const inside = pauses.filter((p) => p.end > s.start && p.start < s.end && p.end - p.start >= 2);
      inside.sort((a, b) => b.end - b.start - (a.end - a.start));
      const top = inside[0];
      const key = top ? top.kind : 'no GC';
      withGc[key] = (withGc[key] ?? 0) + 1;
      return { ms: s.end - s.start, gc: inside.map((p) => `${p.kind} ${(p.end - p.start).toFixed(1)}`).join(', ') || 'no GC' };
    });
    described.sort((a, b) => b.ms - a.ms);
    const out = {
      byKind,
      stalls: { count: stalls.length, maxMs: described[0]?.ms ?? 0, withGc, longest: described.slice(0, 5) },
    };
    pauses = [];
    stalls = [];
    return out;
  };

  let session: Session | null = null;

  // The parent (benchmark) went away: do not linger.
  process.on('disconnect', stop);
  process.on('message', (msg: { type?: string; file?: string }) => {
    if (msg?.type === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ type: 'gc-done' });
    } else if (msg?.type === 'stats') {
      const loop = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
      loopDelay.reset();
      process.send!({ type: 'stats', cpu: process.cpuUsage(), mem: process.memoryUsage(), collab: collabStats(), loop, gc: report(), at: performance.now() });
    } else if (msg?.type === 'profile-start') {
      session = new Session();
      session.connect();
      session.post('Profiler.enable', () => session!.post('Profiler.start', () => process.send!({ type: 'profile-started' })));
    } else if (msg?.type === 'profile-stop') {
      const s = session;
      if (!s) {
        process.send!({ type: 'profile-stopped' });
        return;
      }
      s.post('Profiler.stop', (err, result) => {
        if (!err && msg.file) fs.writeFileSync(msg.file, JSON.stringify(result.profile));
        s.disconnect();
        session = null;
        process.send!({ type: 'profile-stopped' });
      });
    }
  });
}
