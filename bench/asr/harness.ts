/**
 * Browser harness for the ASR worker, driven by scripts/bench-asr.ts and tests/e2e/asr-worker.spec.ts through
 * window.asrHarness. It uses the same client and worker entry the app uses (Vite bundles the worker separately).
 */
import { AsrClient, fromWebWorker } from '../../worker/asr/client';
import { AsrError } from '../../worker/asr/errors';
import { CacheStorageModelCache, estimateStorage, listCachedModels, removeCachedModel } from '../../worker/asr/model-cache';
import type { FileProgress, LoadOptions, Transcript, TranscribeOptions } from '../../worker/asr/protocol';

interface RunRecord {
  /** elapsedMs: measured in the worker from the request; receivedMs: when the page got it, from the call. */
  partials: { window: number; windows: number; elapsedMs: number; receivedMs: number; text: string }[];
  stages: string[];
  transcript: Transcript | null;
  error: { code: string; message: string; retryable: boolean } | null;
  wallMs: number;
}

let client: AsrClient | null = null;
let workerUrl: URL | null = null;
const log = (line: string) => {
  const el = document.getElementById('log');
  if (el) el.textContent += `${line}\n`;
};

function newClient(url?: string): AsrClient {
  workerUrl = url ? new URL(url, location.href) : null;
  return new AsrClient(() =>
    fromWebWorker(url ? new Worker(new URL(url, location.href), { type: 'module' }) : new Worker(new URL('../../worker/asr/asr.worker.ts', import.meta.url), { type: 'module', name: 'asr' })),
  );
}

function errorInfo(err: unknown): RunRecord['error'] {
  if (err instanceof AsrError) return { code: err.code, message: err.message, retryable: err.retryable };
  return { code: 'unexpected', message: String(err), retryable: false };
}

type PartialEvent = { window: number; windows: number; elapsedMs: number; text: string };

async function run(work: (hooks: { onPartial: (p: PartialEvent) => void; onStage: (s: string) => void }) => Promise<Transcript>): Promise<RunRecord> {
  const record: RunRecord = { partials: [], stages: [], transcript: null, error: null, wallMs: 0 };
  const t0 = performance.now();
  try {
    record.transcript = await work({
      onPartial: (p) => record.partials.push({ window: p.window, windows: p.windows, elapsedMs: p.elapsedMs, receivedMs: performance.now() - t0, text: p.text }),
      onStage: (s) => record.stages.push(s),
    });
  } catch (err) {
    record.error = errorInfo(err);
  }
  record.wallMs = performance.now() - t0;
  return record;
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

const harness = {
  crossOriginIsolated: () => self.crossOriginIsolated,

  /** Starts a fresh client (and worker on first use). `workerScript` replaces the worker, e.g. a missing URL. */
  reset(workerScript?: string) {
    void client?.dispose();
    client = newClient(workerScript);
    return true;
  },

  async load(options: LoadOptions) {
    client ??= newClient();
    const progress: FileProgress[] = [];
    const t0 = performance.now();
    try {
      const info = await client.load(options, (p) => progress.push(p));
      log(`loaded ${info.modelId} ${info.dtype} on ${info.backend} x${info.threads} in ${info.loadMs} ms`);
      return { info, progress, wallMs: performance.now() - t0, error: null };
    } catch (err) {
      return { info: null, progress, wallMs: performance.now() - t0, error: errorInfo(err) };
    }
  },

  /** Transcribes a file from the server, decoded in the worker (WAV, WebM/Opus, Ogg/Opus). */
  transcribeUrl(url: string, mimeType: string, options: TranscribeOptions = {}) {
    return run(async (hooks) => client!.transcribe({ kind: 'encoded', bytes: await fetchBytes(url), mimeType }, options, hooks));
  },

  transcribeSilence(seconds: number, options: TranscribeOptions = {}) {
    return run((hooks) => client!.transcribe({ kind: 'pcm', samples: new Float32Array(seconds * 16000), sampleRate: 16000 }, options, hooks));
  },

  /** A synthetic 70 s signal (not speech: use with vad:false) for chunking checks. */
  transcribeSignal(seconds: number, options: TranscribeOptions = {}, cancelAfterFirstPartial = false) {
    const samples = new Float32Array(seconds * 16000);
    for (let i = 0; i < samples.length; i++) samples[i] = 0.2 * Math.sin((2 * Math.PI * (180 + 40 * Math.sin(i / 16000)) * i) / 16000) + 0.1 * Math.sin((2 * Math.PI * 620 * i) / 16000);
    const controller = new AbortController();
    const copy = samples.slice();
    return run((hooks) =>
      client!.transcribe({ kind: 'pcm', samples, sampleRate: 16000 }, options, {
        ...hooks,
        signal: controller.signal,
        onPartial: (p) => {
          hooks.onPartial(p);
          if (cancelAfterFirstPartial) controller.abort();
        },
      }),
    ).then((r) => ({ ...r, audioIntact: samples.length === copy.length && samples.every((x, i) => x === copy[i]) }));
  },

  transcribeBytes(bytes: number[], mimeType: string, options: TranscribeOptions = {}) {
    return run((hooks) => client!.transcribe({ kind: 'encoded', bytes: new Uint8Array(bytes).buffer, mimeType }, options, hooks));
  },

  /** Records `seconds` of a WAV played through Web Audio with MediaRecorder (as the app records), then transcribes it. */
  async recordAndTranscribe(wavUrl: string, seconds: number, options: TranscribeOptions = {}) {
    const ctx = new AudioContext({ sampleRate: 48000 });
    const buffer = await ctx.decodeAudioData(await fetchBytes(wavUrl));
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    const dest = ctx.createMediaStreamDestination();
    source.connect(dest);
    const mime = MediaRecorder.isTypeSupported('audio/webm;codecs=opus') ? 'audio/webm;codecs=opus' : 'audio/ogg;codecs=opus';
    const recorder = new MediaRecorder(dest.stream, { mimeType: mime });
    const parts: Blob[] = [];
    recorder.ondataavailable = (e) => parts.push(e.data);
    const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
    recorder.start(250);
    source.start();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    recorder.stop();
    await stopped;
    await ctx.close();
    const blob = new Blob(parts, { type: mime });
    const decoded = await client!.decodeAudio({ kind: 'encoded', bytes: await blob.arrayBuffer(), mimeType: mime });
    const record = await run((hooks) => client!.transcribeRecording(blob, options, hooks));
    return { ...record, mimeType: mime, recordedBytes: blob.size, decodedSeconds: decoded.length / 16000, decodedPeak: decoded.reduce((m, x) => Math.max(m, Math.abs(x)), 0) };
  },

  stats: () => client!.stats(),
  dispose: async () => {
    await client?.dispose();
    return true;
  },
  async cacheInfo() {
    const cache = await CacheStorageModelCache.open();
    return { models: await listCachedModels(cache), storage: await estimateStorage() };
  },
  async removeModel(id: string) {
    return removeCachedModel(await CacheStorageModelCache.open(), id);
  },
  workerUrl: () => workerUrl?.href ?? null,
};

(window as unknown as { asrHarness: typeof harness }).asrHarness = harness;
document.body.dataset.ready = 'true';
