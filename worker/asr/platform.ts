/**
 * What differs between running the ASR worker in a browser (onnxruntime-web, Cache Storage, WebCodecs) and in Node
 * (onnxruntime-node, memory cache; used by tests and the reference benchmark). The runtime only talks to this.
 */
import type { OrtSessionLike, TensorFactory } from './greedy-decoder';
import type { ModelFileCache } from './model-cache';
import type { AsrBackend, AsrDtype, BackendPreference, WorkerStats } from './protocol';

export interface BackendChoice {
  backend: AsrBackend;
  /** Preferred dtype on this backend when the model offers it (fp32 on WebGPU: no integer matmuls there). */
  preferredDtype: AsrDtype | null;
  fallbackReason: string | null;
}

export interface DecodedAudio {
  channels: Float32Array[];
  sampleRate: number;
}

export interface AsrPlatform {
  readonly name: 'web' | 'node';
  fetch: typeof fetch;
  openCache(): Promise<ModelFileCache>;
  defaultManifestUrl(): string;
  capabilities(): { webgpu: boolean; crossOriginIsolated: boolean; hardwareConcurrency: number; audioDecoder: boolean };
  chooseBackend(preference: BackendPreference): Promise<BackendChoice>;
  defaultThreads(): number;
  /** Must run before the first ONNX session is created (thread count and runtime files are fixed from then on). */
  configureRuntime(backend: AsrBackend, threads: number): void;
  /** The effective thread count, which may be lower than asked (no cross-origin isolation: 1). */
  effectiveThreads(requested: number): number;
  /** Bytes of the VAD model (Silero v5 from @ricky0123/vad-web), fetched or read and cached by the caller. */
  vadModelUrl(): string;
  createVadSession(model: Uint8Array): Promise<OrtSessionLike>;
  tensor: TensorFactory;
  /** Decodes an encoded recording (WebM/Ogg Opus) to PCM, or throws AsrError('unsupported-audio'). */
  decodeAudio(bytes: ArrayBuffer, mimeType: string): Promise<DecodedAudio>;
  stats(): WorkerStats;
}
