/** Starts the ASR worker in a Node worker thread and adapts it to the client's AsrWorkerHandle. */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { AsrWorkerHandle } from '../client';
import type { AsrEvent } from '../protocol';

export interface NodeWorkerOptions {
  /** E.g. a small heap to exercise out-of-memory handling. */
  resourceLimits?: ResourceLimits;
}

export function startNodeAsrWorker(options: NodeWorkerOptions = {}): AsrWorkerHandle & { worker: Worker } {
  const worker = new Worker(new URL('./asr.node-worker.mjs', import.meta.url), {
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
  let terminating = false;
  let failed = false;
  const failureHandlers: ((f: { code: 'worker-crashed' | 'out-of-memory'; detail: string }) => void)[] = [];
  const fail = (f: { code: 'worker-crashed' | 'out-of-memory'; detail: string }) => {
    if (failed || terminating) return;
    failed = true;
    for (const h of failureHandlers) h(f);
  };
  worker.on('error', (err: Error & { code?: string }) => {
    fail({ code: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'worker-crashed', detail: `${err.name}: ${err.message}` });
  });
  worker.on('exit', (code) => fail({ code: 'worker-crashed', detail: `worker thread exited with code ${code}` }));
  return {
    worker,
    postMessage: (m, transfer) => worker.postMessage(m, (transfer ?? []) as never),
    onEvent: (h) => worker.on('message', (e: AsrEvent) => h(e)),
    onFailure: (h) => failureHandlers.push(h),
    terminate: () => {
      terminating = true;
      void worker.terminate();
    },
  };
}
