/**
 * What a server process started by a benchmark (scripts/bench-sync.ts) answers its parent over IPC: a GC on
 * request, and its CPU, memory, document counts and event-loop delay since the last ask, so a benchmark can tell
 * server stalls from scheduling noise. Shared by our collab server process and the reference server's.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export function answerBenchParent(stop: () => void, collabStats: () => unknown): void {
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  if (!process.send) return;
  // The parent (benchmark) went away: do not linger.
  process.on('disconnect', stop);
  process.on('message', (msg: { type?: string }) => {
    if (msg?.type === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ type: 'gc-done' });
    } else if (msg?.type === 'stats') {
      const loop = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
      loopDelay.reset();
      process.send!({ type: 'stats', cpu: process.cpuUsage(), mem: process.memoryUsage(), collab: collabStats(), loop, at: performance.now() });
    }
  });
}
