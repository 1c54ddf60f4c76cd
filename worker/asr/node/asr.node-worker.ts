/** Node worker_threads entry of the ASR worker (tests, reference benchmark). Run with `--import tsx`. */
import { parentPort } from 'node:worker_threads';
import { startAsrRuntime } from '../runtime';
import { createNodePlatform } from './platform-node';

if (!parentPort) throw new Error('asr.node-worker must run in a worker thread');
const port = parentPort;
startAsrRuntime(
  {
    post: (event, transfer) => port.postMessage(event, (transfer ?? []) as never),
    onMessage: (handler) => port.on('message', handler),
  },
  createNodePlatform(),
);
