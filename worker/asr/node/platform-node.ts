/**
 * The ASR worker on Node: onnxruntime-node, an in-memory model cache, WAV decoding only. Tests and the reference
 * benchmark use it to run the same runtime, model store and decoder as the browser worker.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-node';
import { AsrError } from '../errors';
import type { OrtSessionLike, TensorFactory } from '../greedy-decoder';
import { MemoryModelCache } from '../model-cache';
import type { AsrPlatform } from '../platform';
import { decodeWav, isWav } from '../audio/wav';

const require = createRequire(import.meta.url);

/** fetch() that also reads file: URLs (the VAD model ships inside node_modules). */
const nodeFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url.startsWith('file:')) {
    try {
      const bytes = await fs.readFile(fileURLToPath(url));
      return new Response(bytes, { status: 200, headers: { 'content-length': String(bytes.length) } });
    } catch {
      return new Response(null, { status: 404 });
    }
  }
  return fetch(input, init);
};

export function createNodePlatform(): AsrPlatform {
  const tensor: TensorFactory = (type, data, dims) => new ort.Tensor(type, data as never, dims) as never;
  return {
    name: 'node',
    fetch: nodeFetch,
    openCache: async () => new MemoryModelCache(),
    defaultManifestUrl: () => {
      throw new AsrError('model-not-found', 'no model list URL was given', false);
    },
    capabilities: () => ({ webgpu: false, crossOriginIsolated: true, hardwareConcurrency: os.availableParallelism(), audioDecoder: false }),
    chooseBackend: async () => ({ backend: 'cpu', preferredDtype: null, fallbackReason: null }),
    defaultThreads: () => Math.min(4, os.availableParallelism()),
    configureRuntime: () => undefined,
    effectiveThreads: (requested) => Math.max(1, Math.floor(requested)),
    vadModelUrl: () => pathToFileURL(require.resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx')).href,
    createVadSession: async (model) =>
      (await ort.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 })) as unknown as OrtSessionLike,
    tensor,
    decodeAudio: async (bytes, mimeType) => {
      if (isWav(bytes)) return decodeWav(bytes);
      throw new AsrError('unsupported-audio', `recordings of type ${mimeType || 'unknown'} cannot be decoded here`, true);
    },
    stats: () => {
      const m = process.memoryUsage();
      return { jsHeapBytes: m.heapUsed, rssBytes: m.rss, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
    },
  };
}
