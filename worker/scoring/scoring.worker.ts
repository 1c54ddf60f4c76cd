/**
 * Browser entry of the scoring worker (a module worker):
 *   new Worker(new URL('./scoring.worker.ts', import.meta.url), { type: 'module' })
 * wink's model is parsed here, off the main thread, on first use.
 */
import { createScoringHandler } from './handler';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createScoringHandler();
scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  scope.postMessage(handle(event.data));
});
