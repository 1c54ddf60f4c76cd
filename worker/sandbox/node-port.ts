/** The code sandbox in a Node worker thread, for tests and benchmarks (see node-worker.ts: not a security boundary). */
import { listenToWorker, startTsWorker } from '../node-ts-worker';
import { SandboxMemoryError, type SandboxPort } from './run-code';

/** The thread's heap limit: past it Node stops the thread with ERR_WORKER_OUT_OF_MEMORY, reported as memory. */
export const NODE_SANDBOX_HEAP_MB = 64;

export function nodeSandboxPort(): SandboxPort {
  const worker = startTsWorker(new URL('./node-worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: NODE_SANDBOX_HEAP_MB } });
  // A failure after the run has stopped listening (the thread dying while it is terminated) is nobody's news.
  worker.on('error', () => undefined);
  return {
    postMessage: (m) => worker.postMessage(m),
    listen: (onMessage, onFailure) =>
      listenToWorker(worker, onMessage, (error) => onFailure((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SandboxMemoryError(NODE_SANDBOX_HEAP_MB) : error)),
    terminate: () => void worker.terminate(),
  };
}
