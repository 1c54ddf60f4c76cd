/**
 * What a server process started by a benchmark (scripts/bench-sync.ts) answers its parent over IPC: a GC on
 * request, and its CPU, memory, document counts and event-loop delay since the last ask, so a benchmark can tell
 * server stalls from scheduling noise. Shared by our collab server process and the reference server's, so both
 * carry exactly the same observers (their cost is in both servers' CPU figures alike).
 *
 * Besides the delay histogram it names the stalls (loop-stalls.ts): every turn more than 5 ms late with its time on
 * the machine's monotonic clock and the GC pauses inside it, counted as a stall past STALL_MS, so the benchmark can
 * say what each stall was (a GC pause of which kind, or something else: the server's own work, or the machine not
 * scheduling it), line the stalls up with the load generators' latencies, and read the CPU profile's samples inside
 * each one. `profile-start` / `profile-stop` take a V8 CPU profile of the main thread through the inspector, so a
 * profile covers the measured window only (not the start-up or the connection storm); its timestamps are on the
 * same monotonic clock. `heap-profile-start` / `heap-profile-stop` do the same with V8's sampling heap profiler: where
 * the window's allocations were made (every one, whether it died young or not), which is what the scavenges' count
 * and the young generation's promotions follow. `heap-snapshot` writes a full heap snapshot to the given file (two of
 * them tell what the process kept of what it allocated in between: scripts/bench-sync/heap-snapshot-diff.ts).
 * `gc-trace-on` / `gc-trace-off` turn V8's `--trace-gc-nvp` on and off at run time: a line per GC with its phases on
 * standard output (scripts/bench-sync/gc-phases.ts).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { LoopStallRecorder, monotonicUs } from './loop-stalls';
import { longTaskTracerFromEnv } from '../../sync-server/long-tasks';
import { YoungGenerationMeter } from './young-generation';

export type { BenchGcReport, GcKindStats, Stall, StallStats } from './loop-stalls';
export type { YoungGenerationReport } from './young-generation';

/** Turns this late (ms) are listed with their times (to line up with the load generators' and a profile's). */
const LIST_STALL_MS = 5;
/** A turn this late (ms) counts as a stall in the report. */
const STALL_MS = 15;

export function answerBenchParent(stop: () => void, collabStats: () => unknown): void {
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  if (!process.send) return;
  // INTERQ_TRACE_LONG_TASKS=<ms> (bench:sync --trace-long-tasks): what the long busy spans were, on the CPU.
  const longTasks = longTaskTracerFromEnv();
  // Traced, each stall also says how much of it the server ran and how much it waited for a CPU (a schedstat read per
  // 10 ms tick, a few µs: the tracer reads it per callback already), so a late turn with no GC is told apart from the
  // machine giving the core to a load generator. Untraced runs stay as they were.
  const stalls = new LoopStallRecorder(LIST_STALL_MS, STALL_MS, longTasks !== null);
  // What the young generation took in and promoted between two asks (young-generation.ts).
  const youngGeneration = new YoungGenerationMeter();

  let session: Session | null = null;
  let heapSession: Session | null = null;

  // The parent (benchmark) went away: do not linger.
  process.on('disconnect', stop);
  process.on('message', (msg: { type?: string; file?: string; intervalUs?: number; survivors?: boolean }) => {
    if (msg?.type === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ type: 'gc-done' });
    } else if (msg?.type === 'stats') {
      const loop = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
      loopDelay.reset();
      process.send!({ type: 'stats', cpu: process.cpuUsage(), mem: process.memoryUsage(), collab: collabStats(), loop, gc: stalls.report(), young: youngGeneration.report(), longTasks: longTasks?.report() ?? null, at: performance.now(), atUs: monotonicUs() });
    } else if (msg?.type === 'profile-start') {
      session = new Session();
      session.connect();
      // V8 samples every ~1 ms by default; a finer interval (bench:sync --cpu-prof-interval) names short work.
      const start = () => session!.post('Profiler.start', () => process.send!({ type: 'profile-started' }));
      session.post('Profiler.enable', () =>
        msg.intervalUs ? session!.post('Profiler.setSamplingInterval', { interval: msg.intervalUs }, start) : start(),
      );
    } else if (msg?.type === 'heap-profile-start') {
      heapSession = new Session();
      heapSession.connect();
      // Every allocation of the window, those the scavenges and mark-compacts collected included (V8 drops a sample
      // when its object dies unless told to keep it), about one sample per 4 KiB allocated. `survivors`: only the
      // samples of objects a scavenge did not collect (alive at the end, or collected by a mark-compact: promoted).
      const options = { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !msg.survivors };
      heapSession.post('HeapProfiler.startSampling', options as never, () => process.send!({ type: 'heap-profile-started' }));
    } else if (msg?.type === 'heap-profile-stop') {
      const s = heapSession;
      if (!s) {
        process.send!({ type: 'heap-profile-stopped' });
        return;
      }
      s.post('HeapProfiler.stopSampling', (err, result) => {
        if (!err && msg.file) fs.writeFileSync(msg.file, JSON.stringify(result.profile));
        s.disconnect();
        heapSession = null;
        process.send!({ type: 'heap-profile-stopped' });
      });
    } else if (msg?.type === 'gc-trace-on' || msg?.type === 'gc-trace-off') {
      // bench:sync --gc-phases: V8 prints a line per GC with its phases (--trace-gc-nvp) to standard output, for the
      // window only; the same for both servers (scripts/bench-sync/gc-phases.ts reads them). Worker threads' isolates
      // print theirs too: a scavenge of this thread's own ends the trace and tells which isolate is the main one.
      if (msg.type === 'gc-trace-off') (globalThis as { gc?: (o: { type: 'minor' }) => void }).gc?.({ type: 'minor' });
      v8.setFlagsFromString(msg.type === 'gc-trace-on' ? '--trace-gc-nvp' : '--no-trace-gc-nvp');
      process.send!({ type: 'gc-trace-set' });
    } else if (msg?.type === 'heap-snapshot') {
      // A full heap snapshot (bench:sync --heap-snapshots-server): the process stops while V8 writes it.
      if (msg.file) v8.writeHeapSnapshot(msg.file);
      process.send!({ type: 'heap-snapshot-written' });
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
