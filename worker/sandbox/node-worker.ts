/**
 * Node entry of the code sandbox, for tests only (worker_threads): the same handler as the browser worker, so the
 * compile, load, case and timeout paths are tested in Node as well as in Chromium. Not a security boundary: Node
 * gives code other ways out (process, dynamic import of node: modules); the product runs candidates' code only in
 * the browser worker.
 */
import { parentPort } from 'node:worker_threads';
import { createSandboxHandler } from './handler';
import type { SandboxMessage } from './protocol';

if (!parentPort) throw new Error('node-worker.ts must run inside a worker thread');
const port = parentPort;
const handle = createSandboxHandler((message: SandboxMessage) => port.postMessage(message));
port.once('message', (message: unknown) => void handle(message));
// A browser worker stays alive while a candidate's promise never settles (and is stopped at the time limit); a
// Node thread with nothing left to wait for would exit instead, so this one waits like the browser's.
setInterval(() => undefined, 1 << 30);
