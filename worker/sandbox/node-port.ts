/** The code sandbox in a Node worker thread, for tests (see node-worker.ts: not a security boundary). */
import { listenToWorker, startTsWorker } from '../node-ts-worker';
import type { SandboxPort } from './run-code';

export function nodeSandboxPort(): SandboxPort {
  const worker = startTsWorker(new URL('./node-worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 64 } });
  return {
    postMessage: (m) => worker.postMessage(m),
    listen: (onMessage, onFailure) => listenToWorker(worker, onMessage, onFailure),
    terminate: () => void worker.terminate(),
  };
}
