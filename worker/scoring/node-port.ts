/** Runs the scoring worker in a Node worker thread (benchmark, tests). */
import type { Worker } from 'node:worker_threads';
import { listenToWorker, startTsWorker } from '../node-ts-worker';
import { ScoringClient, type ScoringClientOptions, type ScoringPort } from './client';

export function nodeWorkerPort(worker: Worker): ScoringPort {
  return {
    postMessage: (m) => worker.postMessage(m),
    listen: (onMessage, onFailure) => listenToWorker(worker, onMessage, onFailure),
    terminate: () => void worker.terminate(),
  };
}

export function startNodeScoringWorker(options?: ScoringClientOptions): ScoringClient {
  return new ScoringClient(nodeWorkerPort(startTsWorker(new URL('./node-worker.ts', import.meta.url))), options);
}
