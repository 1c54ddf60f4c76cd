/**
 * Node worker threads running the workers' TypeScript entries, for tests and benchmarks. A thread does not get the
 * parent's TypeScript loader in time for its entry file, so a two-line JavaScript bootstrap registers tsx first and
 * then imports the entry.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** Wires a thread's messages and failures (an error, or exiting) to listeners; returns the function that unwires them. */
export function listenToWorker(worker: Worker, onMessage: (data: unknown) => void, onFailure: (error: Error) => void): () => void {
  const exit = (code: number) => onFailure(new Error(`the worker exited with code ${code}`));
  worker.on('message', onMessage);
  worker.on('error', onFailure);
  worker.on('exit', exit);
  return () => {
    worker.off('message', onMessage);
    worker.off('error', onFailure);
    worker.off('exit', exit);
  };
}
