/** The code sandbox in a Node worker thread, for tests (see node-worker.ts: not a security boundary). */
import { Worker } from 'node:worker_threads';
import type { SandboxPort } from './run-code';

/** A two-line JavaScript bootstrap registers tsx in the thread, then imports the TypeScript entry. */
export function nodeSandboxPort(): SandboxPort {
  const entry = new URL('./node-worker.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 64 } });
  return {
    postMessage: (m) => worker.postMessage(m),
    listen(onMessage, onFailure) {
      const exit = (code: number) => onFailure(new Error(`the worker exited with code ${code}`));
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
