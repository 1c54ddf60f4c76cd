/**
 * The app's handle on the ASR worker. Typed requests and promises over the message protocol, progress callbacks for
 * model downloads, partial results while transcribing, cancellation through AbortSignal, and recovery: if the worker
 * dies (crash, out of memory), every pending call rejects with a retryable AsrError and the next call starts a fresh
 * worker and reloads the last model. Audio is never transferred away from the caller unless asked, so whatever
 * happens to the worker, the recording the app holds stays intact.
 *
 * This module does not import transformers.js; only the worker does.
 */
import { AsrError } from './errors';
import type {
  AsrEvent,
  AsrRequest,
  AudioInput,
  FileProgress,
  LoadedInfo,
  LoadOptions,
  Transcript,
  TranscribeOptions,
  TranscriptSegment,
  WorkerStats,
} from './protocol';

/** A started worker, whatever its kind (Web Worker, Node worker thread). */
export interface AsrWorkerHandle {
  postMessage(message: AsrRequest, transfer?: Transferable[]): void;
  onEvent(handler: (event: AsrEvent) => void): void;
  /** The worker died or could not start. */
  onFailure(handler: (failure: { code: 'worker-crashed' | 'out-of-memory'; detail: string }) => void): void;
  terminate(): void;
}

export type AsrWorkerFactory = () => AsrWorkerHandle;

export interface TranscribeHooks {
  signal?: AbortSignal;
  onStage?: (stage: 'decoding-audio' | 'detecting-speech' | 'transcribing', windows?: number) => void;
  onPartial?: (partial: { window: number; windows: number; text: string; segments: TranscriptSegment[]; elapsedMs: number }) => void;
  /** Progress of an automatic model reload after the worker had to be restarted. */
  onLoadProgress?: (p: FileProgress) => void;
  /** Copy-free hand-over of PCM samples; the caller's array becomes unusable. Off by default. */
  transfer?: boolean;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (err: AsrError) => void;
  onEvent?: (event: AsrEvent) => void;
}

/** Wraps a browser Worker. */
export function fromWebWorker(worker: Worker): AsrWorkerHandle {
  return {
    postMessage: (m, transfer) => worker.postMessage(m, transfer ?? []),
    onEvent: (h) => worker.addEventListener('message', (e: MessageEvent) => h(e.data as AsrEvent)),
    onFailure: (h) => {
      worker.addEventListener('error', (e: ErrorEvent) => {
        e.preventDefault();
        const text = e.message || 'the worker script failed';
        h({ code: /out of memory|allocation failed/i.test(text) ? 'out-of-memory' : 'worker-crashed', detail: text });
      });
      worker.addEventListener('messageerror', () => h({ code: 'worker-crashed', detail: 'a message could not be decoded' }));
    },
    terminate: () => worker.terminate(),
  };
}

let nextId = 0;
const newId = (kind: string) => `${kind}-${Date.now().toString(36)}-${(nextId++).toString(36)}`;

export class AsrClient {
  private worker: AsrWorkerHandle | null = null;
  private readonly pending = new Map<string, Pending>();
  private lastLoad: LoadOptions | null = null;
  private loaded: LoadedInfo | null = null;
  private loading: Promise<LoadedInfo> | null = null;
  private readonly progressListeners = new Set<(p: FileProgress) => void>();
  private generation = 0;

  constructor(private readonly factory: AsrWorkerFactory) {}

  /** The model currently loaded in the worker, if any. */
  get info(): LoadedInfo | null {
    return this.loaded;
  }

  /** Subscribes to every model download/verification progress event (for a global progress bar). */
  onLoadProgress(listener: (p: FileProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private ensureWorker(): AsrWorkerHandle {
    if (this.worker) return this.worker;
    const generation = ++this.generation;
    const worker = this.factory();
    worker.onEvent((event) => {
      if (generation === this.generation) this.route(event);
    });
    worker.onFailure((failure) => {
      if (generation === this.generation) this.crashed(failure.code, failure.detail);
    });
    this.worker = worker;
    return worker;
  }

  private route(event: AsrEvent): void {
    if (event.type === 'ready') return;
    if (event.type === 'error' && event.requestId === null) return;
    const requestId = event.requestId;
    if (requestId === null) return;
    const p = this.pending.get(requestId);
    if (!p) return;
    p.onEvent?.(event);
  }

  private crashed(code: 'worker-crashed' | 'out-of-memory', detail: string): void {
    const worker = this.worker;
    this.worker = null;
    this.loaded = null;
    this.loading = null;
    this.generation++;
    worker?.terminate();
    const error =
      code === 'out-of-memory'
        ? new AsrError('out-of-memory', 'the device ran out of memory. Close other apps or tabs, or choose the smaller model, then retry', true, detail)
        : new AsrError('worker-crashed', 'the speech recogniser stopped unexpectedly. Your recording is safe; retry', true, detail);
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }

  private request<T>(build: (requestId: string) => AsrRequest, handle: (event: AsrEvent, done: (value: T) => void, fail: (err: AsrError) => void) => void, transfer?: Transferable[]): { id: string; promise: Promise<T> } {
    const worker = this.ensureWorker();
    const message = build(newId('req'));
    const id = message.requestId;
    const promise = new Promise<T>((resolve, reject) => {
      const settle = () => this.pending.delete(id);
      const done = (v: T) => {
        settle();
        resolve(v);
      };
      const fail = (e: AsrError) => {
        settle();
        reject(e);
      };
      this.pending.set(id, {
        resolve: resolve as (v: never) => void,
        reject: fail,
        onEvent: (event) => {
          if (event.type === 'error') fail(AsrError.fromInfo(event.error));
          else if (event.type === 'cancelled') fail(new AsrError('cancelled', 'transcription cancelled', true));
          else handle(event, done, fail);
        },
      });
    });
    worker.postMessage(message, transfer);
    return { id, promise };
  }

  /**
   * Downloads (if needed), verifies and loads a model. Loads are queued in the worker; asking again for the model
   * already loaded answers at once without touching the network.
   */
  load(options: LoadOptions, onProgress?: (p: FileProgress) => void): Promise<LoadedInfo> {
    this.lastLoad = options;
    const { promise } = this.request<LoadedInfo>(
      (requestId) => ({ type: 'load', requestId, options }),
      (event, done) => {
        if (event.type === 'load-progress') {
          onProgress?.(event.progress);
          for (const l of this.progressListeners) l(event.progress);
        } else if (event.type === 'loaded') {
          this.loaded = event.info;
          done(event.info);
        }
      },
    );
    const loading: Promise<LoadedInfo> = promise.finally(() => {
      if (this.loading === loading) this.loading = null;
    });
    // Failures reach the caller through `promise`; this copy only tracks that a load is under way.
    loading.catch(() => undefined);
    this.loading = loading;
    return promise;
  }

  /** Transcribes audio. Loads the last model again first if the worker was restarted since. */
  async transcribe(audio: AudioInput, options: TranscribeOptions = {}, hooks: TranscribeHooks = {}): Promise<Transcript> {
    hooks.signal?.throwIfAborted();
    if (!this.loaded && !this.loading) {
      if (!this.lastLoad) throw new AsrError('not-loaded', 'no speech model has been loaded yet', true);
      await this.load(this.lastLoad, hooks.onLoadProgress);
    } else if (this.loading) {
      await this.loading;
    }
    const transfer = hooks.transfer && audio.kind === 'pcm' ? [audio.samples.buffer as ArrayBuffer] : hooks.transfer && audio.kind === 'encoded' ? [audio.bytes] : undefined;
    const { id, promise } = this.request<Transcript>(
      (requestId) => ({ type: 'transcribe', requestId, audio, options }),
      (event, done) => {
        if (event.type === 'stage') hooks.onStage?.(event.stage, event.windows);
        else if (event.type === 'partial') hooks.onPartial?.(event);
        else if (event.type === 'transcript') done(event.transcript);
      },
      transfer,
    );
    const onAbort = () => this.worker?.postMessage({ type: 'cancel', requestId: newId('cancel'), targetId: id });
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await promise;
    } finally {
      hooks.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Transcribes a recorded answer (WebM/Ogg Opus or WAV) decoded in the worker. Where the worker cannot decode the
   * format (no WebCodecs, e.g. some Safari versions), `fallbackDecode` decodes on the calling thread instead.
   */
  async transcribeRecording(
    recording: Blob,
    options: TranscribeOptions = {},
    hooks: TranscribeHooks & { fallbackDecode?: (bytes: ArrayBuffer) => Promise<{ samples: Float32Array; sampleRate: number }> } = {},
  ): Promise<Transcript> {
    const bytes = await recording.arrayBuffer();
    try {
      return await this.transcribe({ kind: 'encoded', bytes, mimeType: recording.type }, options, { ...hooks, transfer: false });
    } catch (err) {
      if (!(err instanceof AsrError) || err.code !== 'unsupported-audio' || !hooks.fallbackDecode) throw err;
      const pcm = await hooks.fallbackDecode(bytes);
      return this.transcribe({ kind: 'pcm', samples: pcm.samples, sampleRate: pcm.sampleRate }, options, hooks);
    }
  }

  /** Decodes and resamples a recording to 16 kHz mono in the worker (e.g. for waveform display or playback checks). */
  decodeAudio(audio: AudioInput): Promise<Float32Array> {
    return this.request<Float32Array>(
      (requestId) => ({ type: 'decode-audio', requestId, audio }),
      (event, done) => {
        if (event.type === 'decoded-audio') done(event.samples);
      },
    ).promise;
  }

  stats(): Promise<WorkerStats> {
    return this.request<WorkerStats>(
      (requestId) => ({ type: 'stats', requestId }),
      (event, done) => {
        if (event.type === 'stats') done(event.stats);
      },
    ).promise;
  }

  /** Frees the model and stops the worker. Safe to call twice; a later call starts a new worker. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    try {
      await Promise.race([
        this.request<void>(
          (requestId) => ({ type: 'dispose', requestId }),
          (event, done) => {
            if (event.type === 'disposed') done(undefined);
          },
        ).promise,
        // A worker stuck in a long native call still gets stopped.
        new Promise<void>((resolve) => setTimeout(resolve, 5000)),
      ]);
    } catch {
      // Disposal is best effort: the worker is terminated below either way.
    }
    if (this.worker === worker) {
      this.worker = null;
      this.generation++;
      worker.terminate();
    }
    this.loaded = null;
    this.loading = null;
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(new AsrError('cancelled', 'the speech recogniser was shut down', true));
  }
}
