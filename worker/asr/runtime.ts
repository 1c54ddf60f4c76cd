/**
 * The ASR worker's message loop, independent of where it runs: requests come in through a port, work is queued (one
 * model run at a time: ONNX sessions are not re-entrant), cancellation and disposal cut in between tokens.
 */
import { AsrError, toAsrErrorInfo } from './errors';
import { hasNonFinite, resample, toWhisperInput } from './audio/resample';
import type { ModelFileCache } from './model-cache';
import { HEADER_MODEL, HEADER_SHA256, HEADER_VERIFIED } from './model-cache';
import { findModel, modelBaseUrl, parseManifest, type ModelManifest } from './model-manifest';
import { ensureModelFiles } from './model-store';
import { sha256Hex } from '../../src/domain/sha256';
import type { AsrPlatform } from './platform';
import {
  ASR_SAMPLE_RATE,
  isAsrRequest,
  type AsrEvent,
  type AsrRequest,
  type AudioInput,
  type LoadedInfo,
  type LoadOptions,
  type SpeechStats,
  type Transcript,
  type TranscribeOptions,
} from './protocol';
import { assembleTranscript, type WindowTokens } from './transcript-assembly';
import { SILERO_V5_SHA256, SileroVad, VAD_FRAME_SAMPLES } from './vad';
import { DEFAULT_SEGMENTATION, speechSegments, speechStats } from './vad-segments';
import { WhisperEngine } from './whisper-engine';
import { createEventLoopYield } from './yield';
import { defaultFixedWindowOptions, defaultSpeechWindowOptions, groupWindows, planFixedWindows, planSpeechWindows, type AudioWindow } from './windows';

export interface RuntimePort {
  post(event: AsrEvent, transfer?: Transferable[]): void;
  onMessage(handler: (message: unknown) => void): void;
}

const DEFAULT_MAX_NEW_TOKENS = 224;
/** Longest answer accepted (the app limits answers to 2 minutes; re-records and slack on top). */
const MAX_AUDIO_SECONDS = 15 * 60;

export function startAsrRuntime(port: RuntimePort, platform: AsrPlatform): AsrRuntime {
  const runtime = new AsrRuntime(port, platform);
  port.onMessage((m) => runtime.handle(m));
  port.post({ type: 'ready', capabilities: platform.capabilities() });
  return runtime;
}

export class AsrRuntime {
  private cachePromise: Promise<ModelFileCache> | null = null;
  private engine: WhisperEngine | null = null;
  private vad: SileroVad | null = null;
  private loaded: LoadedInfo | null = null;
  private runtimeConfig: { backend: LoadedInfo['backend']; threads: number } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly controllers = new Map<string, AbortController>();
  private disposed = false;
  private readonly yieldToEvents = createEventLoopYield();

  constructor(
    private readonly port: RuntimePort,
    private readonly platform: AsrPlatform,
  ) {}

  handle(message: unknown): void {
    if (!isAsrRequest(message)) {
      this.port.post({ type: 'error', requestId: null, error: { code: 'internal', message: 'the speech recogniser received a message it does not understand', retryable: false } });
      return;
    }
    const req = message as AsrRequest;
    if (this.disposed && req.type !== 'dispose') {
      this.fail(req.requestId, new AsrError('not-loaded', 'the speech recogniser was shut down', true));
      return;
    }
    switch (req.type) {
      case 'cancel': {
        const target = this.controllers.get(req.targetId);
        target?.abort(new AsrError('cancelled', 'transcription cancelled', true));
        return;
      }
      case 'dispose':
        void this.dispose(req.requestId);
        return;
      case 'stats':
        this.port.post({ type: 'stats', requestId: req.requestId, stats: this.platform.stats() });
        return;
      case 'load':
        this.enqueue(req.requestId, (signal) => this.load(req.requestId, req.options, signal));
        return;
      case 'transcribe':
        this.enqueue(req.requestId, (signal) => this.transcribe(req.requestId, req.audio, req.options, signal));
        return;
      case 'decode-audio':
        this.enqueue(req.requestId, async () => {
          const samples = await this.toSamples(req.audio);
          this.port.post({ type: 'decoded-audio', requestId: req.requestId, samples, sampleRate: 16000, durationSeconds: samples.length / ASR_SAMPLE_RATE }, [samples.buffer as ArrayBuffer]);
        });
        return;
    }
  }

  private enqueue(requestId: string, work: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    this.controllers.set(requestId, controller);
    this.queue = this.queue.then(async () => {
      try {
        controller.signal.throwIfAborted();
        await work(controller.signal);
      } catch (err) {
        if (controller.signal.aborted) this.port.post({ type: 'cancelled', requestId });
        else this.fail(requestId, err);
      } finally {
        this.controllers.delete(requestId);
      }
    });
  }

  private fail(requestId: string, err: unknown): void {
    this.port.post({ type: 'error', requestId, error: toAsrErrorInfo(err) });
  }

  private cache(): Promise<ModelFileCache> {
    this.cachePromise ??= this.platform.openCache();
    return this.cachePromise;
  }

  private async fetchManifest(url: string): Promise<ModelManifest> {
    const cache = await this.cache();
    // Network first so a new model list is seen; the cached copy keeps the app working offline.
    try {
      const res = await this.platform.fetch(url, { cache: 'no-cache' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const text = await res.text();
      const manifest = parseManifest(JSON.parse(text));
      await cache.put(url, new Response(text, { headers: { 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(text).length) } }));
      return manifest;
    } catch (err) {
      if (err instanceof Error && err.name === 'ManifestError') throw new AsrError('model-integrity', err.message, false);
      const cached = await cache.match(url);
      if (cached) return parseManifest(await cached.json());
      throw new AsrError('network', 'the list of speech models could not be loaded (no connection and nothing stored yet)', true, `${url}: ${String(err)}`);
    }
  }

  private async load(requestId: string, options: LoadOptions, signal: AbortSignal): Promise<void> {
    const started = performance.now();
    const manifestUrl = options.manifestUrl ?? this.platform.defaultManifestUrl();
    this.port.post({ type: 'load-progress', requestId, progress: { file: 'manifest.json', phase: 'manifest', loaded: 0, total: null, source: 'origin' } });
    const manifest = await this.fetchManifest(manifestUrl);
    const model = (() => {
      try {
        return findModel(manifest, options.modelId);
      } catch (err) {
        throw new AsrError('model-not-found', `there is no speech model called "${options.modelId}"`, false, String(err));
      }
    })();

    const choice = await this.platform.chooseBackend(options.backend ?? 'auto');
    let backend = choice.backend;
    let fallbackReason = choice.fallbackReason;
    let dtype = options.dtype ?? (choice.preferredDtype && model.dtypes.includes(choice.preferredDtype) ? choice.preferredDtype : model.defaultDtype);
    if (!model.dtypes.includes(dtype)) throw new AsrError('model-not-found', `the speech model "${model.id}" has no ${dtype} weights`, false);

    if (this.loaded && this.engine && this.loaded.modelId === model.id && this.loaded.dtype === dtype && this.loaded.backend === backend) {
      this.port.post({ type: 'loaded', requestId, info: { ...this.loaded, loadMs: Math.round(performance.now() - started), downloadedBytes: 0 } });
      return;
    }
    await this.releaseEngine();

    const cache = await this.cache();
    const onProgress = (progress: import('./protocol').FileProgress) => this.port.post({ type: 'load-progress', requestId, progress });
    const baseUrl = modelBaseUrl(manifestUrl, model);
    const files = await ensureModelFiles({ model, dtype, baseUrl, allowHub: options.allowHub ?? false, cache, fetch: this.platform.fetch, onProgress, signal });
    const vadModel = await this.ensureVadModel(cache, signal, onProgress);

    const threads = this.configureRuntime(backend, options.threads ?? this.platform.defaultThreads());
    this.vad ??= new SileroVad(await this.platform.createVadSession(vadModel), this.platform.tensor);
    signal.throwIfAborted();

    onProgress({ file: 'model', phase: 'init', loaded: 0, total: null, source: 'cache' });
    const modelUrl = baseUrl.replace(/\/$/, '');
    try {
      this.engine = await WhisperEngine.load({ modelUrl, dtype, backend, threads, cache });
    } catch (err) {
      if (backend !== 'webgpu') throw mapLoadError(err);
      // WebGPU adapters can exist yet fail on real models (limits, drivers): fall back to WASM with its usual dtype.
      fallbackReason = `WebGPU failed: ${err instanceof Error ? err.message : String(err)}`;
      backend = 'wasm';
      const wasmDtype = options.dtype ?? model.defaultDtype;
      if (wasmDtype !== dtype) {
        dtype = wasmDtype;
        await ensureModelFiles({ model, dtype, baseUrl, allowHub: options.allowHub ?? false, cache, fetch: this.platform.fetch, onProgress, signal });
      }
      this.engine = await WhisperEngine.load({ modelUrl, dtype, backend, threads, cache }).catch((e: unknown) => {
        throw mapLoadError(e);
      });
    }
    onProgress({ file: 'model', phase: 'init', loaded: 1, total: 1, source: 'cache' });
    this.loaded = {
      modelId: model.id,
      dtype,
      backend,
      threads: backend === 'webgpu' ? 1 : threads,
      crossOriginIsolated: this.platform.capabilities().crossOriginIsolated,
      fallbackReason,
      loadMs: Math.round(performance.now() - started),
      downloadedBytes: files.downloadedBytes,
      unverifiedFiles: files.unverifiedFiles,
    };
    this.port.post({ type: 'loaded', requestId, info: this.loaded });
  }

  private configureRuntime(backend: LoadedInfo['backend'], requested: number): number {
    if (!this.runtimeConfig) {
      const threads = this.platform.effectiveThreads(requested);
      this.platform.configureRuntime(backend, threads);
      this.runtimeConfig = { backend, threads };
    }
    return this.runtimeConfig.threads;
  }

  private async ensureVadModel(cache: ModelFileCache, signal: AbortSignal, onProgress: (p: import('./protocol').FileProgress) => void): Promise<Uint8Array> {
    const url = this.platform.vadModelUrl();
    const cached = await cache.match(url);
    if (cached && cached.headers.get(HEADER_SHA256) === SILERO_V5_SHA256) {
      const bytes = new Uint8Array(await cached.arrayBuffer());
      onProgress({ file: 'silero_vad_v5.onnx', phase: 'cached', loaded: bytes.length, total: bytes.length, source: 'cache', verified: true });
      return bytes;
    }
    const res = await this.platform.fetch(url, { signal }).catch((err: unknown) => {
      throw new AsrError('network', 'the speech detector could not be downloaded (no connection)', true, String(err));
    });
    if (!res.ok) throw new AsrError('model-not-found', 'the speech detector model is missing from this server', true, `${url}: HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if ((await sha256Hex(bytes)) !== SILERO_V5_SHA256) {
      throw new AsrError('model-integrity', 'the speech detector model failed its integrity check; it was not saved. Retry to download it again', true);
    }
    await cache.put(
      url,
      new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { 'content-length': String(bytes.length), [HEADER_MODEL]: 'silero-vad-v5', [HEADER_SHA256]: SILERO_V5_SHA256, [HEADER_VERIFIED]: 'true' },
      }),
    );
    onProgress({ file: 'silero_vad_v5.onnx', phase: 'done', loaded: bytes.length, total: bytes.length, source: 'origin', verified: true });
    return bytes;
  }

  private async toSamples(audio: AudioInput): Promise<Float32Array> {
    if (audio.kind === 'pcm') {
      if (!(audio.samples instanceof Float32Array)) throw new AsrError('corrupt-audio', 'the recording is not audio samples', false);
      if (audio.samples.length === 0) throw new AsrError('empty-audio', 'the recording is empty (0 seconds)', false);
      return audio.sampleRate === ASR_SAMPLE_RATE ? audio.samples : resample(audio.samples, audio.sampleRate, ASR_SAMPLE_RATE);
    }
    if (audio.bytes.byteLength === 0) throw new AsrError('empty-audio', 'the recording is empty (0 bytes)', false);
    const decoded = await this.platform.decodeAudio(audio.bytes, audio.mimeType);
    const samples = toWhisperInput(decoded.channels, decoded.sampleRate);
    if (samples.length === 0) throw new AsrError('empty-audio', 'the recording contains no audio', false);
    return samples;
  }

  private async transcribe(requestId: string, audio: AudioInput, options: TranscribeOptions, signal: AbortSignal): Promise<void> {
    const started = performance.now();
    if (audio.kind === 'encoded') this.port.post({ type: 'stage', requestId, stage: 'decoding-audio' });
    const samples = await this.toSamples(audio);
    const decodeAudioMs = performance.now() - started;
    if (hasNonFinite(samples)) throw new AsrError('corrupt-audio', 'the recording is damaged (invalid samples)', false);
    if (samples.length > MAX_AUDIO_SECONDS * ASR_SAMPLE_RATE) throw new AsrError('corrupt-audio', `the recording is longer than ${MAX_AUDIO_SECONDS / 60} minutes`, false);
    const engine = this.engine;
    const vad = this.vad;
    if (!engine || !vad || !this.loaded) throw new AsrError('not-loaded', 'the speech model is not loaded yet', true);

    let windows: AudioWindow[];
    let speech: SpeechStats | null = null;
    const vadStart = performance.now();
    if (options.vad !== false) {
      this.port.post({ type: 'stage', requestId, stage: 'detecting-speech' });
      const probs = await vad.frameProbabilities(samples, { signal, betweenRuns: this.yieldToEvents });
      const segments = speechSegments(probs, samples.length, { ...DEFAULT_SEGMENTATION, frameSamples: VAD_FRAME_SAMPLES, sampleRate: ASR_SAMPLE_RATE });
      speech = speechStats(segments, samples.length, ASR_SAMPLE_RATE);
      if (segments.length === 0) throw new AsrError('no-speech', 'no speech was heard in this answer. Check the microphone and record again', true);
      windows = planSpeechWindows(segments, samples.length, defaultSpeechWindowOptions(ASR_SAMPLE_RATE));
    } else {
      windows = planFixedWindows({ start: 0, end: samples.length }, defaultFixedWindowOptions(ASR_SAMPLE_RATE));
    }
    const vadMs = options.vad !== false ? performance.now() - vadStart : 0;
    this.port.post({ type: 'stage', requestId, stage: 'transcribing', windows: windows.length });

    const mode = options.timestamps ?? 'segment';
    const asrStart = performance.now();
    let firstResultMs: number | null = null;
    const assemblyCtx = {
      sampleRate: ASR_SAMPLE_RATE,
      timestampBegin: engine.vocab.timestampBegin,
      eot: engine.vocab.eot,
      timePrecision: engine.timePrecision,
      decode: (ids: number[]) => engine.decode(ids),
    };
    const done = new Map<AudioWindow, WindowTokens>();
    const assembleDone = (planned: readonly AudioWindow[]) =>
      assembleTranscript(
        groupWindows(planned.filter((w) => done.has(w))).map((g) => g.map((w) => done.get(w)!)),
        assemblyCtx,
        mode,
      );
    const maxNewTokens = options.exactNewTokens ?? options.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS;
    const { timings } = await engine.runWindows(samples, windows, {
      timestamps: mode,
      maxNewTokens,
      minNewTokens: options.exactNewTokens ?? 0,
      signal,
      betweenTokens: this.yieldToEvents,
      onWindow: (index, result) => {
        done.set(result.window, result);
        firstResultMs ??= performance.now() - started;
        if (options.partials !== false) {
          const partial = assembleDone(windows);
          this.port.post({ type: 'partial', requestId, window: index, windows: windows.length, text: partial.text, segments: partial.segments, elapsedMs: Math.round(performance.now() - started) });
        }
      },
    });
    const assembled = assembleDone(windows);
    const transcript: Transcript = {
      ...assembled,
      speech,
      windows: timings,
      durationSeconds: samples.length / ASR_SAMPLE_RATE,
      timing: {
        decodeAudioMs: Math.round(decodeAudioMs),
        vadMs: Math.round(vadMs),
        asrMs: Math.round(performance.now() - asrStart),
        totalMs: Math.round(performance.now() - started),
        firstResultMs: firstResultMs === null ? null : Math.round(firstResultMs),
      },
      modelId: this.loaded.modelId,
      backend: this.loaded.backend,
    };
    this.port.post({ type: 'transcript', requestId, transcript });
  }

  private async releaseEngine(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    this.loaded = null;
    await engine?.dispose();
  }

  private async dispose(requestId: string): Promise<void> {
    this.disposed = true;
    for (const c of this.controllers.values()) c.abort(new AsrError('cancelled', 'the speech recogniser is shutting down', true));
    await this.queue.catch(() => undefined);
    await this.releaseEngine().catch(() => undefined);
    this.vad = null;
    this.port.post({ type: 'disposed', requestId });
  }
}

function mapLoadError(err: unknown): unknown {
  if (err instanceof AsrError) return err;
  const text = String(err instanceof Error ? err.message : err);
  if (/protobuf|parse|Load model|invalid model|failed to load model/i.test(text)) {
    return new AsrError('model-integrity', 'the speech model files could not be opened (damaged or incompatible)', true, text);
  }
  return err;
}
