/**
 * The app <-> ASR worker boundary. Every message is a member of one of two discriminated unions:
 * AsrRequest (app -> worker) and AsrEvent (worker -> app). Each request carries a requestId that the events answering
 * it repeat, so several requests can be in flight (a load, then transcriptions queued behind it).
 */
import type { AsrDtype } from './model-manifest';

export type { AsrDtype } from './model-manifest';

/** Where inference runs. 'cpu' is onnxruntime-node (Node reference runs and tests). */
export type AsrBackend = 'webgpu' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | AsrBackend;

export interface LoadOptions {
  /** Model id in the manifest, e.g. "whisper-tiny.en". */
  modelId: string;
  /** Absolute URL of models/manifest.json on the serving origin (default: <origin>/models/manifest.json). */
  manifestUrl?: string;
  /** Defaults to the model's defaultDtype (q8), or fp32 on WebGPU when the model has it. */
  dtype?: AsrDtype;
  backend?: BackendPreference;
  /** WASM threads; defaults to min(4, hardwareConcurrency) when cross-origin isolated, else 1. */
  threads?: number;
  /** Fetch from the Hugging Face hub when the same origin does not have a file. Off unless the user allowed it. */
  allowHub?: boolean;
}

export type TimestampMode = 'none' | 'segment' | 'word';

export interface TranscribeOptions {
  timestamps?: TimestampMode;
  /** Upper bound on tokens per window; random-weight test models rarely stop by themselves. Default 224. */
  maxNewTokens?: number;
  /** Benchmarks: decode exactly this many tokens per window (end-of-text is suppressed until then). */
  exactNewTokens?: number;
  /** Skip voice activity detection and cut fixed windows with overlap instead (used to compare). Default true. */
  vad?: boolean;
  /** Emit a 'partial' event after each window so the UI can show text early. Default true. */
  partials?: boolean;
}

/** Audio the worker can take: 16 kHz mono samples, or an encoded recording (decoded in the worker). */
export type AudioInput =
  | { kind: 'pcm'; samples: Float32Array; sampleRate: number }
  | { kind: 'encoded'; bytes: ArrayBuffer; mimeType: string };

export type AsrRequest =
  | { type: 'load'; requestId: string; options: LoadOptions }
  | { type: 'transcribe'; requestId: string; audio: AudioInput; options: TranscribeOptions }
  | { type: 'decode-audio'; requestId: string; audio: AudioInput }
  | { type: 'cancel'; requestId: string; targetId: string }
  | { type: 'dispose'; requestId: string }
  | { type: 'stats'; requestId: string };

/** Per file: download (repeated with bytes so far), verify, done; or cached when already stored. 'init' is session creation. */
export type LoadPhase = 'manifest' | 'download' | 'verify' | 'done' | 'cached' | 'init';

export interface FileProgress {
  file: string;
  phase: LoadPhase;
  loaded: number;
  /** Null when neither the manifest nor the server gave a size. */
  total: number | null;
  /** Where the bytes came from: the app's origin, the hub, or the local cache. */
  source: 'origin' | 'hub' | 'cache' | null;
  /** True once the SHA-256 matched the manifest; false when the manifest has no hash for this file. */
  verified?: boolean;
}

export interface LoadedInfo {
  modelId: string;
  dtype: AsrDtype;
  backend: AsrBackend;
  threads: number;
  crossOriginIsolated: boolean;
  /** Why the preferred backend was not used (e.g. "WebGPU unavailable"). */
  fallbackReason: string | null;
  loadMs: number;
  /** Bytes fetched over the network for this load (0 when everything came from the cache). */
  downloadedBytes: number;
  unverifiedFiles: string[];
}

export interface TranscriptSegment {
  /** Seconds from the start of the recording. */
  start: number;
  end: number;
  text: string;
}

export interface TranscriptWord {
  start: number;
  end: number;
  text: string;
}

export interface SpeechStats {
  /** Voice activity found by the VAD, seconds from the start of the recording. */
  speech: Array<{ start: number; end: number }>;
  speechSeconds: number;
  durationSeconds: number;
  /** Silences between speech of at least minPauseSeconds. */
  pauses: Array<{ start: number; end: number }>;
  minPauseSeconds: number;
  longestPauseSeconds: number;
  meanPauseSeconds: number;
  /** Silence before the first word (time to start answering) and after the last. */
  leadingSilenceSeconds: number;
  trailingSilenceSeconds: number;
}

export interface WindowTiming {
  /** Span of the recording the window covers, in seconds. */
  start: number;
  end: number;
  /** Audio the model heard (silences longer than the padding around speech are left out). */
  audioSeconds: number;
  tokens: number;
  featuresMs: number;
  encodeMs: number;
  decodeMs: number;
}

export interface Transcript {
  text: string;
  segments: TranscriptSegment[];
  words: TranscriptWord[] | null;
  /** Null when VAD was switched off. */
  speech: SpeechStats | null;
  windows: WindowTiming[];
  durationSeconds: number;
  timing: { decodeAudioMs: number; vadMs: number; asrMs: number; totalMs: number; firstResultMs: number | null };
  modelId: string;
  backend: AsrBackend;
}

export type AsrErrorCode =
  | 'empty-audio'
  | 'no-speech'
  | 'corrupt-audio'
  | 'unsupported-audio'
  | 'model-not-found'
  | 'model-integrity'
  | 'network'
  | 'hub-not-allowed'
  | 'out-of-memory'
  /** The disk (or this site's share of it) is full: the model files could not be stored. */
  | 'storage-full'
  | 'not-loaded'
  | 'cancelled'
  | 'worker-crashed'
  | 'busy'
  | 'internal';

export interface AsrErrorInfo {
  code: AsrErrorCode;
  /** Short, user-facing; the UI prefixes it with "could not transcribe:". */
  message: string;
  /** Whether trying again (perhaps after reloading the model) can help. */
  retryable: boolean;
  detail?: string;
}

export interface WorkerStats {
  /** JS heap in use, where the engine reports it (Chrome's performance.memory, Node's heapUsed). */
  jsHeapBytes: number | null;
  /** Resident memory of the process now and at its peak (Node only; browsers do not expose it to pages). */
  rssBytes: number | null;
  peakRssBytes: number | null;
}

export type AsrEvent =
  | { type: 'ready'; capabilities: { webgpu: boolean; crossOriginIsolated: boolean; hardwareConcurrency: number; audioDecoder: boolean } }
  | { type: 'load-progress'; requestId: string; progress: FileProgress }
  | { type: 'loaded'; requestId: string; info: LoadedInfo }
  | { type: 'stage'; requestId: string; stage: 'decoding-audio' | 'detecting-speech' | 'transcribing'; windows?: number }
  | { type: 'partial'; requestId: string; window: number; windows: number; text: string; segments: TranscriptSegment[]; elapsedMs: number }
  | { type: 'transcript'; requestId: string; transcript: Transcript }
  | { type: 'decoded-audio'; requestId: string; samples: Float32Array; sampleRate: 16000; durationSeconds: number }
  | { type: 'cancelled'; requestId: string }
  | { type: 'disposed'; requestId: string }
  | { type: 'stats'; requestId: string; stats: WorkerStats }
  | { type: 'error'; requestId: string | null; error: AsrErrorInfo };

export const ASR_SAMPLE_RATE = 16000;

/** Narrowing helper for message handlers: rejects anything that is not a request this protocol knows. */
export function isAsrRequest(value: unknown): value is AsrRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; requestId?: unknown };
  if (typeof v.requestId !== 'string') return false;
  return ['load', 'transcribe', 'decode-audio', 'cancel', 'dispose', 'stats'].includes(v.type as string);
}
