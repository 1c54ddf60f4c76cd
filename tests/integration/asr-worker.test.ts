/**
 * The ASR worker end to end in Node: a real worker thread running the real runtime (model store, transformers.js with
 * onnxruntime-node, greedy decoder, Silero VAD), driven through the typed client, loading the committed test fixture
 * over HTTP from a real server with byte ranges. Checks progress events, chunking of a 70-second answer, cancellation,
 * disposal, bad input, failed hashes, a crashed worker and an out-of-memory worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { AsrClient } from '../../worker/asr/client';
import { AsrError } from '../../worker/asr/errors';
import { startNodeAsrWorker } from '../../worker/asr/node/node-worker-handle';
import { startModelFileServer, type ModelFileServer } from '../../worker/asr/node/model-file-server';
import { encodeWav16 } from '../../worker/asr/audio/wav';
import type { FileProgress, LoadOptions } from '../../worker/asr/protocol';

const MODELS = path.resolve(__dirname, '../../models');
let server: ModelFileServer;
let load: LoadOptions;

beforeAll(async () => {
  server = await startModelFileServer({ '/models/': MODELS });
  load = { modelId: 'whisper-test-tiny', manifestUrl: `${server.url}/models/manifest.json`, threads: 1 };
});
afterAll(async () => {
  await server?.close();
});

/** A deterministic, speech-band signal (a few drifting partials): what matters is that it is not silence. */
function signal(seconds: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * 16000));
  for (let i = 0; i < out.length; i++) {
    const t = i / 16000;
    out[i] = 0.2 * Math.sin(2 * Math.PI * (180 + 40 * Math.sin(t * 0.7 * seed)) * t) + 0.1 * Math.sin(2 * Math.PI * 620 * t + seed);
  }
  return out;
}

async function rejection(p: Promise<unknown>): Promise<AsrError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AsrError);
    return err as AsrError;
  }
  throw new Error('expected a rejection');
}

describe('ASR worker (Node worker thread, test fixture)', () => {
  it('loads with progress events for every file, then reuses the cache', async () => {
    const client = new AsrClient(() => startNodeAsrWorker());
    try {
      const events: FileProgress[] = [];
      const info = await client.load(load, (p) => events.push(p));
      expect(info).toMatchObject({ modelId: 'whisper-test-tiny', dtype: 'q8', backend: 'cpu', threads: 1, unverifiedFiles: [] });
      expect(info.downloadedBytes).toBeGreaterThan(300_000);
      const doneFiles = events.filter((e) => e.phase === 'done').map((e) => e.file);
      expect(doneFiles).toEqual([
        'config.json',
        'generation_config.json',
        'preprocessor_config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'onnx/encoder_model_quantized.onnx',
        'onnx/decoder_model_merged_quantized.onnx',
        'silero_vad_v5.onnx',
      ]);
      for (const file of doneFiles.slice(0, 7)) {
        const mine = events.filter((e) => e.file === file);
        expect(mine[0]).toMatchObject({ phase: 'download', loaded: 0 });
        expect(mine.some((e) => e.phase === 'verify')).toBe(true);
        expect(mine.at(-1)).toMatchObject({ phase: 'done', verified: true });
        expect(mine.at(-1)!.loaded).toBe(mine.at(-1)!.total);
      }
      expect(events.at(-1)).toMatchObject({ phase: 'init', loaded: 1, total: 1 });

      // Another dtype of the same model: shared files come from the cache, only the fp32 weights are fetched.
      const before = server.log.length;
      const again: FileProgress[] = [];
      const fp32 = await client.load({ ...load, dtype: 'fp32' }, (p) => again.push(p));
      expect(fp32.dtype).toBe('fp32');
      expect(again.filter((e) => e.phase === 'cached').map((e) => e.file)).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'silero_vad_v5.onnx']));
      const fetched = server.log.slice(before).filter((l) => l.includes('/onnx/'));
      expect(fetched).toEqual([
        'GET /models/fixtures/whisper-test-tiny/onnx/encoder_model.onnx',
        'GET /models/fixtures/whisper-test-tiny/onnx/decoder_model_merged.onnx',
      ]);
    } finally {
      await client.dispose();
    }
  });

  /**
   * The cases that need a loaded model and nothing else share one worker and one load (each load is a worker thread,
   * transformers.js and two ONNX sessions): they run in order on the same client, so each also checks that the
   * worker still works after what the cases before it did (a cancellation, bad input).
   */
  describe('one loaded worker', () => {
    let client: AsrClient;
    // The hook's limit is two cases' worth: it does the load each of these cases did in its own 60 s before.
    beforeAll(async () => {
      client = new AsrClient(() => startNodeAsrWorker());
      await client.load(load);
    }, 120_000);
    afterAll(async () => {
      await client?.dispose();
    });

    it('chunks a 70-second answer into overlapping 30-second windows and stitches one transcript', async () => {
      const audio = signal(70);
      const partials: number[] = [];
      const stages: string[] = [];
      const t = await client.transcribe(
        { kind: 'pcm', samples: audio, sampleRate: 16000 },
        { vad: false, maxNewTokens: 12, timestamps: 'segment' },
        { onPartial: (p) => partials.push(p.window), onStage: (s) => stages.push(s) },
      );
      expect(t.durationSeconds).toBe(70);
      expect(t.windows.map((w) => [w.start, w.end])).toEqual([
        [0, 30],
        [20, 50],
        [40, 70],
      ]);
      expect(t.windows.every((w) => w.tokens > 0 && w.tokens <= 12)).toBe(true);
      expect(partials).toEqual([0, 1, 2]);
      expect(stages).toEqual(['transcribing']);
      expect(t.speech).toBeNull();
      expect(t.text.length).toBeGreaterThan(0);
      for (const s of t.segments) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(70);
        expect(s.end).toBeGreaterThanOrEqual(s.start);
      }
      expect(t.timing.firstResultMs).not.toBeNull();
      expect(t.timing.firstResultMs!).toBeLessThanOrEqual(t.timing.totalMs);

      // Deterministic: the same audio gives the same transcript.
      const again = await client.transcribe({ kind: 'pcm', samples: audio, sampleRate: 16000 }, { vad: false, maxNewTokens: 12, timestamps: 'segment' });
      expect(again.text).toBe(t.text);
      expect(again.segments).toEqual(t.segments);

      // Other audio, other text: the windows really are transcribed, not copied.
      const other = await client.transcribe({ kind: 'pcm', samples: signal(70, 3), sampleRate: 16000 }, { vad: false, maxNewTokens: 12, timestamps: 'segment' });
      expect(other.text).not.toBe(t.text);
    });

    it('gives plain text without timestamps, word timings on request, and resamples 48 kHz input', async () => {
      const plain = await client.transcribe({ kind: 'pcm', samples: signal(8), sampleRate: 16000 }, { vad: false, maxNewTokens: 10, timestamps: 'none' });
      expect(plain.words).toBeNull();
      expect(plain.segments).toHaveLength(plain.text ? 1 : 0);
      expect(plain.windows[0]!.tokens).toBeGreaterThan(0);

      const words = await client.transcribe({ kind: 'pcm', samples: signal(8), sampleRate: 16000 }, { vad: false, maxNewTokens: 10, timestamps: 'word' });
      expect(words.words).not.toBeNull();
      for (const w of words.words!) {
        expect(w.text.length).toBeGreaterThan(0);
        expect(w.start).toBeGreaterThanOrEqual(0);
        expect(w.end).toBeLessThanOrEqual(8);
        expect(w.end).toBeGreaterThanOrEqual(w.start);
      }

      const at48k = new Float32Array(8 * 48000);
      for (let i = 0; i < at48k.length; i++) at48k[i] = 0.3 * Math.sin((2 * Math.PI * 300 * i) / 48000);
      const resampled = await client.transcribe({ kind: 'pcm', samples: at48k, sampleRate: 48000 }, { vad: false, maxNewTokens: 5, timestamps: 'none' });
      expect(resampled.durationSeconds).toBe(8);
      const decoded = await client.decodeAudio({ kind: 'encoded', bytes: encodeWav16(at48k, 48000), mimeType: 'audio/wav' });
      expect(decoded.length).toBe(8 * 16000);
    });

    it('falls back to decoding on the calling thread when the worker cannot read a recording format', async () => {
      // An MP4/AAC recording (Safari) cannot be decoded in this worker; the app decodes it on its side instead.
      const mp4 = new Blob([new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x41, 0x20])], { type: 'audio/mp4' });
      const decodedBy: string[] = [];
      const t = await client.transcribeRecording(mp4, { vad: false, maxNewTokens: 4 }, {
        fallbackDecode: async (bytes) => {
          decodedBy.push(`main thread: ${bytes.byteLength} bytes`);
          return { samples: signal(4), sampleRate: 16000 };
        },
      });
      expect(decodedBy).toEqual(['main thread: 12 bytes']);
      expect(t.durationSeconds).toBe(4);
      // Without a fallback the error says what happened.
      const err = await rejection(client.transcribeRecording(mp4, { vad: false }));
      expect(err).toMatchObject({ code: 'unsupported-audio' });
    });

    it('cancels a running transcription between tokens and keeps working afterwards', async () => {
      const controller = new AbortController();
      const long = signal(600);
      let partials = 0;
      const err = await rejection(
        client.transcribe({ kind: 'pcm', samples: long, sampleRate: 16000 }, { vad: false, exactNewTokens: 100 }, {
          signal: controller.signal,
          onPartial: () => {
            partials++;
            controller.abort();
          },
        }),
      );
      expect(err.code).toBe('cancelled');
      expect(partials).toBeGreaterThanOrEqual(1);
      expect(partials).toBeLessThan(29); // 600 s is 29 windows; cancellation cut it short
      const after = await client.transcribe({ kind: 'pcm', samples: signal(5), sampleRate: 16000 }, { vad: false, maxNewTokens: 4 });
      expect(after.windows).toHaveLength(1);

      // Aborted before it starts: rejected without running.
      const pre = new AbortController();
      pre.abort();
      await expect(client.transcribe({ kind: 'pcm', samples: signal(5), sampleRate: 16000 }, { vad: false }, { signal: pre.signal })).rejects.toThrow();
    });

    it('rejects bad input with clear, coded errors and keeps the caller\'s audio', async () => {
      const empty = await rejection(client.transcribe({ kind: 'pcm', samples: new Float32Array(0), sampleRate: 16000 }));
      expect(empty).toMatchObject({ code: 'empty-audio', retryable: false });
      expect(empty.message).toMatch(/empty/);

      const zeroBytes = await rejection(client.transcribe({ kind: 'encoded', bytes: new ArrayBuffer(0), mimeType: 'audio/webm;codecs=opus' }));
      expect(zeroBytes.code).toBe('empty-audio');

      const brokenWav = new Uint8Array(encodeWav16(signal(1), 16000)).slice(0, 30).buffer;
      const corrupt = await rejection(client.transcribe({ kind: 'encoded', bytes: brokenWav, mimeType: 'audio/wav' }));
      expect(corrupt.code).toBe('corrupt-audio');

      const nan = signal(2);
      nan[100] = Number.NaN;
      expect((await rejection(client.transcribe({ kind: 'pcm', samples: nan, sampleRate: 16000 }, { vad: false }))).code).toBe('corrupt-audio');

      // The caller's samples are copied, not transferred: still intact after the worker used them.
      const audio = signal(3);
      const copy = audio.slice();
      await client.transcribe({ kind: 'pcm', samples: audio, sampleRate: 16000 }, { vad: false, maxNewTokens: 3 });
      expect(audio.length).toBe(copy.length);
      expect(audio).toEqual(copy);
    });

    it('reports memory use on request', async () => {
      const stats = await client.stats();
      expect(stats.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
      expect(stats.peakRssBytes!).toBeGreaterThanOrEqual(stats.rssBytes!);
    });
  });

  it('disposes: the model is released, pending work is rejected, the thread exits', async () => {
    let handle: ReturnType<typeof startNodeAsrWorker> | null = null;
    const client = new AsrClient(() => (handle = startNodeAsrWorker()));
    await client.load(load);
    const exited = new Promise<number>((resolve) => handle!.worker.once('exit', resolve));
    let disposing: Promise<void> | null = null;
    const err = await rejection(
      client.transcribe({ kind: 'pcm', samples: signal(600), sampleRate: 16000 }, { vad: false, exactNewTokens: 100 }, {
        onPartial: () => {
          disposing ??= client.dispose();
        },
      }),
    );
    expect(err.code).toBe('cancelled');
    await disposing;
    await exited;
    expect(client.info).toBeNull();
    await client.dispose(); // twice is fine
  });

  it('refuses a model file that fails its hash, caches nothing bad, and succeeds on retry', async () => {
    const client = new AsrClient(() => startNodeAsrWorker());
    const weights = '/models/fixtures/whisper-test-tiny/onnx/decoder_model_merged_quantized.onnx';
    try {
      server.faults.set(weights, { corrupt: true });
      const err = await rejection(client.load(load));
      expect(err).toMatchObject({ code: 'model-integrity', retryable: true });
      expect(err.message).toMatch(/decoder_model_merged_quantized\.onnx failed its integrity check/);
      server.faults.delete(weights);
      const events: FileProgress[] = [];
      const info = await client.load(load, (p) => events.push(p));
      expect(info.modelId).toBe('whisper-test-tiny');
      // Files verified before the failure were kept; the bad one was not.
      expect(events.find((e) => e.file === 'tokenizer.json')?.phase).toBe('cached');
      expect(events.filter((e) => e.file === 'onnx/decoder_model_merged_quantized.onnx').at(-1)).toMatchObject({ phase: 'done', source: 'origin', verified: true });
    } finally {
      server.faults.clear();
      await client.dispose();
    }
  });

  it('resumes a download cut off halfway with a Range request', async () => {
    const client = new AsrClient(() => startNodeAsrWorker());
    const weights = '/models/fixtures/whisper-test-tiny/onnx/encoder_model_quantized.onnx';
    try {
      server.faults.set(weights, { dropAfterBytes: 30_000 });
      const before = server.log.length;
      const info = await client.load(load);
      expect(info.unverifiedFiles).toEqual([]);
      const requests = server.log.slice(before).filter((l) => l.startsWith(`GET ${weights}`));
      expect(requests).toEqual([`GET ${weights}`, `GET ${weights} bytes=30000-`]);
    } finally {
      server.faults.clear();
      await client.dispose();
    }
  });

  it('explains when a model is missing here and the hub is not allowed', async () => {
    const client = new AsrClient(() => startNodeAsrWorker());
    try {
      const err = await rejection(client.load({ ...load, modelId: 'whisper-tiny.en' }));
      expect(err).toMatchObject({ code: 'hub-not-allowed', retryable: true });
      expect(err.message).toMatch(/Hugging Face is switched off/);
      const unknown = await rejection(client.load({ ...load, modelId: 'no-such-model' }));
      expect(unknown).toMatchObject({ code: 'model-not-found', retryable: false });
    } finally {
      await client.dispose();
    }
  });

  it('survives a worker crash: pending work fails retryably, the audio is intact, the next call restarts and reloads', async () => {
    const handles: ReturnType<typeof startNodeAsrWorker>[] = [];
    const client = new AsrClient(() => {
      const h = startNodeAsrWorker();
      handles.push(h);
      return h;
    });
    try {
      await client.load(load);
      const audio = signal(600);
      const checksum = audio.reduce((a, b) => a + b, 0);
      const err = await rejection(
        client.transcribe({ kind: 'pcm', samples: audio, sampleRate: 16000 }, { vad: false, exactNewTokens: 100 }, {
          onPartial: () => void handles[0]!.worker.terminate(),
        }),
      );
      expect(err).toMatchObject({ code: 'worker-crashed', retryable: true });
      expect(err.message).toMatch(/recording is safe/);
      expect(audio.reduce((a, b) => a + b, 0)).toBe(checksum);
      const reloads: FileProgress[] = [];
      const t = await client.transcribe({ kind: 'pcm', samples: audio.subarray(0, 16000 * 5), sampleRate: 16000 }, { vad: false, maxNewTokens: 4 }, { onLoadProgress: (p) => reloads.push(p) });
      expect(t.windows).toHaveLength(1);
      expect(handles).toHaveLength(2);
      expect(reloads.some((p) => p.phase === 'done')).toBe(true);
    } finally {
      await client.dispose();
    }
  });

  it('reports a worker that runs out of memory as out-of-memory, retryable', async () => {
    const client = new AsrClient(() => startNodeAsrWorker({ resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 4 } }));
    try {
      const err = await rejection(client.load(load));
      expect(err).toMatchObject({ code: 'out-of-memory', retryable: true });
      expect(err.message).toMatch(/ran out of memory/);
    } finally {
      await client.dispose();
    }
  });

});
