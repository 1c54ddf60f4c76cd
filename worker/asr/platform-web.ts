/**
 * The ASR worker in a browser: onnxruntime-web (the instance transformers.js uses, so there is one runtime), its
 * WASM files and the Silero VAD model served from our own origin (Vite emits them as assets), Cache Storage for model
 * files, WebGPU when an adapter exists, WebCodecs to decode recordings off the main thread.
 */
import * as ort from 'onnxruntime-web/webgpu';
import ortWasmFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortAsyncifyFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortAsyncifyWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import sileroUrl from '@ricky0123/vad-web/dist/silero_vad_v5.onnx?url';
import { AsrError } from './errors';
import type { OrtSessionLike, TensorFactory } from './greedy-decoder';
import { openDefaultModelCache } from './model-cache';
import type { AsrPlatform, BackendChoice } from './platform';
import { decodeWav, isWav } from './audio/wav';
import { decodeWithWebCodecs, webCodecsAvailable } from './audio/webcodecs-decode';

interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<unknown | null> };
}

export function createWebPlatform(scope: WorkerGlobalScope & typeof globalThis = self as never): AsrPlatform {
  const absolute = (u: string) => new URL(u, scope.location.href).href;
  const tensor: TensorFactory = (type, data, dims) => new ort.Tensor(type, data as never, dims) as never;
  const isolated = () => scope.crossOriginIsolated === true;
  const cores = () => scope.navigator.hardwareConcurrency || 1;
  return {
    name: 'web',
    fetch: scope.fetch.bind(scope),
    openCache: openDefaultModelCache,
    defaultManifestUrl: () => absolute('/models/manifest.json'),
    capabilities: () => ({
      webgpu: 'gpu' in scope.navigator,
      crossOriginIsolated: isolated(),
      hardwareConcurrency: cores(),
      audioDecoder: webCodecsAvailable(),
    }),
    chooseBackend: async (preference): Promise<BackendChoice> => {
      if (preference === 'wasm' || preference === 'cpu') return { backend: 'wasm', preferredDtype: null, fallbackReason: null };
      const gpu = (scope.navigator as GpuNavigator).gpu;
      if (!gpu) return { backend: 'wasm', preferredDtype: null, fallbackReason: preference === 'webgpu' ? 'WebGPU is not supported by this browser' : null };
      const adapter = await gpu.requestAdapter().catch(() => null);
      if (!adapter) return { backend: 'wasm', preferredDtype: null, fallbackReason: 'no WebGPU adapter is available' };
      return { backend: 'webgpu', preferredDtype: 'fp32', fallbackReason: null };
    },
    defaultThreads: () => (isolated() ? Math.min(4, cores()) : 1),
    effectiveThreads: (requested) => (isolated() ? Math.max(1, Math.min(Math.floor(requested), cores())) : 1),
    configureRuntime: (backend, threads) => {
      ort.env.wasm.numThreads = threads;
      ort.env.wasm.proxy = false;
      // The plain SIMD build is half the size of the asyncify one WebGPU needs; fetch the big one only for WebGPU.
      ort.env.wasm.wasmPaths =
        backend === 'webgpu' ? { mjs: absolute(ortAsyncifyFactoryUrl), wasm: absolute(ortAsyncifyWasmUrl) } : { mjs: absolute(ortWasmFactoryUrl), wasm: absolute(ortWasmUrl) };
    },
    vadModelUrl: () => absolute(sileroUrl),
    // One thread for the VAD: its ops are tiny, and splitting them across threads costs more in synchronisation than
    // it saves (measured: 1.1 s with one thread, 1.5 s with two, for a two-minute answer).
    createVadSession: async (model) =>
      (await ort.InferenceSession.create(model, {
        executionProviders: ['wasm'],
        intraOpNumThreads: 1,
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      })) as unknown as OrtSessionLike,
    tensor,
    decodeAudio: async (bytes, mimeType) => {
      if (isWav(bytes)) return decodeWav(bytes);
      if (!webCodecsAvailable()) throw new AsrError('unsupported-audio', 'this browser cannot decode recordings in the background', true);
      return decodeWithWebCodecs(bytes, mimeType);
    },
    stats: () => {
      const memory = (scope.performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
      return { jsHeapBytes: memory?.usedJSHeapSize ?? null, rssBytes: null, peakRssBytes: null };
    },
  };
}
