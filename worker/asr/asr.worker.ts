/**
 * The ASR Web Worker entry. transformers.js and ONNX Runtime Web are imported from here down only, so they load in
 * this worker's own chunk, never in the app's main bundle.
 */
/// <reference lib="webworker" />
import { createWebPlatform } from './platform-web';
import { startAsrRuntime } from './runtime';

const scope = self as unknown as DedicatedWorkerGlobalScope;
startAsrRuntime(
  {
    post: (event, transfer) => scope.postMessage(event, transfer ?? []),
    onMessage: (handler) => scope.addEventListener('message', (e: MessageEvent) => handler(e.data)),
  },
  createWebPlatform(),
);
