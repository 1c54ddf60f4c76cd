/**
 * How the app gets its ASR client: the worker is started on first use, as a separate module chunk (Vite bundles
 * `new Worker(new URL(...))` on its own), so nothing of transformers.js is loaded until a transcription is needed.
 */
import { AsrClient, fromWebWorker } from './client';

export function createAsrClient(): AsrClient {
  return new AsrClient(() => fromWebWorker(new Worker(new URL('./asr.worker.ts', import.meta.url), { type: 'module', name: 'asr' })));
}
