/** Node entry of the scoring worker, for worker_threads (benchmark, tests, server). */
import { parentPort } from 'node:worker_threads';
import { createScoringHandler } from './handler';

if (!parentPort) throw new Error('node-worker.ts must run inside a worker thread');
const port = parentPort;
const handle = createScoringHandler();
port.on('message', (message: unknown) => port.postMessage(handle(message)));
