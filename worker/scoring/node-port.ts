/**
 * Runs the scoring worker in a Node worker thread (benchmark, tests). The
 * TypeScript entry is loaded through tsx, which the parent process also uses.
 */
import { Worker } from 'node:worker_threads';
import { ScoringClient, type ScoringClientOptions, type ScoringPort } from './client';

export function nodeWorkerPort(worker: Worker): ScoringPort {
  return {
    postMessage: (m) => worker.postMessage(m),
    listen(onMessage, onFailure) {
      const exit = (code: number) => onFailure(new Error(`worker exited with code ${code}`));
      worker.on('message', onMessage);
      worker.on('error', onFailure);
      worker.on('exit', exit);
      return () => {
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', exit);
      };
    },
    terminate: () => void worker.terminate(),
  };
}

/**
 * A worker thread does not get the parent's TypeScript loader in time for its
 * entry file, so a two-line JavaScript bootstrap registers tsx first and then
 * imports the TypeScript entry.
 */
export function startNodeScoringWorker(options?: ScoringClientOptions): ScoringClient {
  const entry = new URL('./node-worker.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  return new ScoringClient(nodeWorkerPort(worker), options);
}
