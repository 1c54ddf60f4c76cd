/**
 * Voice activity detection with the real Silero v5 model from @ricky0123/vad-web (onnxruntime-node), on speech made
 * by espeak-ng with known pauses; then through the worker: silence never reaches Whisper, long answers are cut in
 * their pauses, and the speech segments give the pause figures.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsrClient } from '../../worker/asr/client';
import { AsrError } from '../../worker/asr/errors';
import { ANSWER_SENTENCES, espeakAvailable, spokenAnswer, type SpokenAnswer } from '../../worker/asr/node/espeak';
import { startModelFileServer, type ModelFileServer } from '../../worker/asr/node/model-file-server';
import { startNodeAsrWorker } from '../../worker/asr/node/node-worker-handle';
import { SileroVad, VAD_FRAME_SAMPLES } from '../../worker/asr/vad';
import { DEFAULT_SEGMENTATION, speechSegments } from '../../worker/asr/vad-segments';

const require = createRequire(import.meta.url);
const SR = 16000;
const hasEspeak = espeakAvailable();
let vad: SileroVad;
let answer: SpokenAnswer;

beforeAll(async () => {
  const model = fs.readFileSync(require.resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
  vad = new SileroVad(session as never, (type, data, dims) => new ort.Tensor(type, data as never, dims) as never);
  if (hasEspeak) answer = spokenAnswer(ANSWER_SENTENCES.slice(0, 4), [1.2, 0.8, 2.0, 0.5]);
});

const segmentsOf = async (samples: Float32Array, lanes?: number) =>
  speechSegments(await vad.frameProbabilities(samples, lanes ? { lanes } : {}), samples.length, { ...DEFAULT_SEGMENTATION, frameSamples: VAD_FRAME_SAMPLES, sampleRate: SR });

describe.skipIf(!hasEspeak)('Silero VAD on synthetic speech', () => {
  it('finds each sentence and nothing in the pauses', async () => {
    const segs = await segmentsOf(answer.samples);
    expect(segs).toHaveLength(answer.sentences.length);
    answer.sentences.forEach((sentence, i) => {
      const seg = segs[i]!;
      // espeak leaves a little silence inside its own output; the detector's edges land within 0.4 s of the voice.
      expect(Math.abs(seg.start - sentence.start) / SR).toBeLessThan(0.4);
      expect(Math.abs(seg.end - sentence.end) / SR).toBeLessThan(0.4);
    });
  });

  it('finds no speech in silence or faint noise', async () => {
    expect(await segmentsOf(new Float32Array(SR * 5))).toEqual([]);
    let seed = 7;
    const noise = Float32Array.from({ length: SR * 5 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.002);
    expect(await segmentsOf(noise)).toEqual([]);
  });

  it('scores lanes in parallel with the same segmentation as one stream', async () => {
    const one = await segmentsOf(answer.samples, 1);
    for (const lanes of [6, 64]) {
      const many = await segmentsOf(answer.samples, lanes);
      expect(many.length).toBe(one.length);
      many.forEach((s, i) => {
        expect(Math.abs(s.start - one[i]!.start)).toBeLessThanOrEqual(2 * VAD_FRAME_SAMPLES);
        expect(Math.abs(s.end - one[i]!.end)).toBeLessThanOrEqual(2 * VAD_FRAME_SAMPLES);
      });
    }
    // Frame by frame, warmed-up lanes agree closely with the single stream.
    const p1 = await vad.frameProbabilities(answer.samples, { lanes: 1 });
    const p64 = await vad.frameProbabilities(answer.samples, { lanes: 64 });
    let disagree = 0;
    for (let i = 0; i < p1.length; i++) if (p1[i]! >= 0.5 !== p64[i]! >= 0.5) disagree++;
    expect(disagree / p1.length).toBeLessThan(0.02);
  });
});

describe.skipIf(!hasEspeak)('VAD in the ASR worker', () => {
  let server: ModelFileServer;
  let client: AsrClient;
  beforeAll(async () => {
    server = await startModelFileServer({ '/models/': path.resolve(__dirname, '../../models') });
    client = new AsrClient(() => startNodeAsrWorker());
    await client.load({ modelId: 'whisper-test-tiny', manifestUrl: `${server.url}/models/manifest.json`, threads: 1 });
  });
  afterAll(async () => {
    await client?.dispose();
    await server?.close();
  });

  it('never sends silence to Whisper: a silent answer is reported as no speech', async () => {
    let err: unknown;
    const stages: string[] = [];
    try {
      await client.transcribe({ kind: 'pcm', samples: new Float32Array(SR * 8), sampleRate: SR }, {}, { onStage: (s) => stages.push(s) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AsrError);
    expect((err as AsrError).code).toBe('no-speech');
    expect((err as AsrError).message).toMatch(/no speech was heard/);
    expect(stages).toEqual(['detecting-speech']);
  });

  it('cuts a 70-second answer in its pauses, leaves silences out and reports pause figures', async () => {
    // 12 sentences with pauses of 0.6 s, and one 4-second silence in the middle
    const pauses = ANSWER_SENTENCES.map((_, i) => (i === 5 ? 4 : 0.6));
    const long = spokenAnswer(ANSWER_SENTENCES, pauses);
    const seconds = long.samples.length / SR;
    expect(seconds).toBeGreaterThan(60);
    const t = await client.transcribe({ kind: 'pcm', samples: long.samples, sampleRate: SR }, { maxNewTokens: 8 });
    expect(t.speech).not.toBeNull();
    const speech = t.speech!;
    expect(speech.pauses.length).toBeGreaterThanOrEqual(10);
    expect(speech.longestPauseSeconds).toBeGreaterThan(3.5);
    expect(speech.speechSeconds).toBeLessThan(seconds - 8);
    // Windows: at most 30 s of audio each, cut only in pauses; the silences (4 s and the 0.6 s pauses beyond their
    // padding) were never sent to Whisper.
    const sent = t.windows.reduce((n, w) => n + w.audioSeconds, 0);
    expect(sent).toBeLessThan(seconds - 4);
    expect(sent).toBeGreaterThan(speech.speechSeconds);
    for (const w of t.windows) {
      expect(w.audioSeconds).toBeLessThanOrEqual(30);
      for (const edge of [w.start, w.end]) {
        const insideSentence = long.sentences.some((s) => edge > s.start / SR + 0.3 && edge < s.end / SR - 0.3);
        expect(insideSentence).toBe(false);
      }
    }
    // All speech is covered by some window.
    for (const s of long.sentences) expect(t.windows.some((w) => w.start <= s.start / SR + 0.3 && w.end >= s.end / SR - 0.3)).toBe(true);
    // 70 s of answer, 60 s of it speech: three encoder passes rather than the four of a fixed 30-second layout.
    expect(t.windows).toHaveLength(3);
    expect(t.timing.vadMs).toBeGreaterThan(0);
  });
});
