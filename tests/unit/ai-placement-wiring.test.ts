/**
 * Where an answer is transcribed: the browser facts and the host's policy fed into the placement rule, the
 * worker's failures turned into states people can act on, and the guest's processor deciding (real placement
 * rule, real IndexedDB via fake-indexeddb, real Yjs stage document). The local transcription path itself runs in
 * Chromium in tests/e2e/ai-pipeline.spec.ts.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AsrError } from '../../worker/asr/errors';
import { canTranscribeLocally } from '../../worker/asr/placement';
import { parseManifest, type ModelEntry } from '../../worker/asr/model-manifest';
import manifestJson from '../../models/manifest.json';
import { couldNotTranscribe, describeModelFailure, NOT_INSTALLED_MESSAGE } from '../../src/speech-model/asr-failure';
import { placementInputFor } from '../../src/speech-model/placement-input';
import { modelCacheState, visibleModels } from '../../src/speech-model/model-library';
import { createGuestAi, loadAiStatus } from '../../src/guest/ai-processor';
import type { AnswerProcessingJob } from '../../src/guest/processing-queue';
import { InterqDatabase } from '../../src/storage/db';
import { appendChunk, assembleRecording, createRecording } from '../../src/storage/recordings';
import { DEFAULT_POLICY, setTranscriptionPolicy, type TranscriptionPolicy } from '../../src/sync/answer-results';
import { MemoryModelCache } from '../../worker/asr/model-cache';

const manifest = parseManifest(manifestJson);
const tiny = manifest.models.find((m) => m.id === 'whisper-tiny.en')!;
const notCached = { complete: false, bytesToDownload: null, approxBytes: 42_000_000 };
const policy = (requires: TranscriptionPolicy['requires']): TranscriptionPolicy => ({ ...DEFAULT_POLICY, requires });

describe('placement input from the browser', () => {
  it('a cached model is used whatever the connection', () => {
    const input = placementInputFor(DEFAULT_POLICY, { complete: true, bytesToDownload: 0, approxBytes: 42e6 }, { onLine: false });
    expect(canTranscribeLocally(input)).toMatchObject({ local: true, reason: 'model-cached' });
  });

  it('a fast link downloads, a slow one or save-data queues for staff, and Chromium’s downlink 0 counts as unknown', () => {
    expect(canTranscribeLocally(placementInputFor(DEFAULT_POLICY, notCached, { onLine: true, connection: { downlink: 50, effectiveType: '4g' } }))).toMatchObject({ local: true, reason: 'fast-connection' });
    expect(canTranscribeLocally(placementInputFor(DEFAULT_POLICY, notCached, { onLine: true, connection: { downlink: 1.2, effectiveType: '3g' } }))).toMatchObject({ local: false, reason: 'slow-connection' });
    expect(canTranscribeLocally(placementInputFor(DEFAULT_POLICY, notCached, { onLine: true, connection: { downlink: 50, saveData: true } }))).toMatchObject({ local: false, reason: 'save-data' });
    const zero = placementInputFor(DEFAULT_POLICY, notCached, { onLine: true, connection: { downlink: 0, effectiveType: 'weird' } });
    expect(zero.connection).toEqual({ online: true });
    expect(canTranscribeLocally(zero)).toMatchObject({ local: false, reason: 'unknown-connection' });
  });

  it('the host’s requirement wins over the link, and low memory keeps the model off the device', () => {
    expect(canTranscribeLocally(placementInputFor(policy('local'), notCached, { onLine: true, connection: { downlink: 0.1 } }))).toMatchObject({ local: true, reason: 'host-requires-local' });
    expect(canTranscribeLocally(placementInputFor(policy('staff'), { complete: true, bytesToDownload: 0, approxBytes: 1 }, {}))).toMatchObject({ local: false, reason: 'host-requires-staff' });
    expect(canTranscribeLocally(placementInputFor(DEFAULT_POLICY, { complete: true, bytesToDownload: 0, approxBytes: 1 }, { deviceMemory: 1 }))).toMatchObject({ local: false, reason: 'low-memory' });
  });

  it('cache state reads the model store’s entries: complete only when every file is stored with its pinned hash', async () => {
    const fixture = manifest.models.find((m) => m.id === 'whisper-test-tiny')!;
    const cache = new MemoryModelCache();
    const url = 'http://app.test/models/manifest.json';
    const empty = await modelCacheState(fixture, url, cache);
    expect(empty).toMatchObject({ complete: false, cachedBytes: 0 });
    expect(empty.bytesToDownload).toBe(empty.files.reduce((n, f) => n + (f.size ?? 0), 0));
    for (const f of empty.files) {
      const entry = fixture.files.find((x) => x.path === f.path)!;
      await cache.put(`http://app.test/models/fixtures/whisper-test-tiny/${f.path}`, new Response(new Uint8Array(entry.size!), { headers: { 'content-length': String(entry.size), 'x-interq-sha256': entry.sha256!, 'x-interq-verified': 'true', 'x-interq-model': fixture.id } }));
    }
    const full = await modelCacheState(fixture, url, cache);
    expect(full).toMatchObject({ complete: true, bytesToDownload: 0, cachedBytes: empty.bytesToDownload });
    // A stored file under another hash is not usable.
    const f0 = empty.files[0]!.path;
    await cache.put(`http://app.test/models/fixtures/whisper-test-tiny/${f0}`, new Response('x', { headers: { 'content-length': '1', 'x-interq-sha256': '0'.repeat(64), 'x-interq-verified': 'true' } }));
    expect((await modelCacheState(fixture, url, cache)).complete).toBe(false);
    // Generated test models are offered only where the server says so (INTERQ_TEST_MODELS=1 sets testModels).
    expect(visibleModels({ ...manifest, testModels: false }).map((m) => m.id)).toEqual(['whisper-tiny.en', 'whisper-base.en']);
    expect(visibleModels({ ...manifest, testModels: true }).map((m) => m.id)).toContain('whisper-test-tiny');
  });
});

describe('worker failures as states', () => {
  it('a model missing on the server is "not installed", with the file', () => {
    const err = new AsrError('hub-not-allowed', 'the speech model is not available from this server, and downloading it from Hugging Face is switched off', true, 'http://h/models/whisper-tiny.en/config.json: HTTP 404');
    expect(describeModelFailure(err)).toEqual({ kind: 'not-installed', message: NOT_INSTALLED_MESSAGE, retryable: false, missingFile: '/models/whisper-tiny.en/config.json' });
    // The same error after crossing the worker boundary (a plain object) reads the same.
    expect(describeModelFailure(err.toInfo()).kind).toBe('not-installed');
  });

  it('hash mismatch, quota, offline, out of memory and crashes each read clearly', () => {
    expect(describeModelFailure(new AsrError('model-integrity', 'the speech model file x failed its integrity check', true)).kind).toBe('hash-mismatch');
    expect(describeModelFailure(new AsrError('storage-full', 'there is not enough storage space on this device for the speech model', true)).kind).toBe('quota');
    expect(describeModelFailure(new AsrError('network', 'no connection', true)).kind).toBe('offline');
    expect(describeModelFailure(new AsrError('out-of-memory', 'the device ran out of memory', true)).kind).toBe('out-of-memory');
    expect(couldNotTranscribe(new AsrError('worker-crashed', 'the speech recogniser stopped unexpectedly. Your recording is safe; retry', true))).toEqual({
      detail: 'could not transcribe: the speech recogniser stopped unexpectedly. Your recording is safe; retry',
      retryable: true,
    });
    expect(couldNotTranscribe(new AsrError('empty-audio', 'the recording is empty (0 bytes)', false))).toEqual({ detail: 'could not transcribe: the recording is empty (0 bytes)', retryable: false });
  });
});

describe('the guest’s processor decides', () => {
  const opened: InterqDatabase[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await Dexie.delete(db.name);
    }
  });
  function setup(opts: { downlink?: number; requires?: TranscriptionPolicy['requires']; serverHas?: boolean; asr?: () => Promise<never> }) {
    const db = new InterqDatabase(`ai-wiring-${opened.length}-${Date.now()}`);
    opened.push(db);
    const stage = new Y.Doc();
    if (opts.requires) setTranscriptionPolicy(stage, { ...DEFAULT_POLICY, requires: opts.requires });
    const asrStarts: string[] = [];
    const ai = createGuestAi({
      stageDoc: () => stage,
      db,
      manifest: async () => manifest,
      manifestUrl: 'http://app.test/models/manifest.json',
      cacheState: (m: ModelEntry) => modelCacheState(m, 'http://app.test/models/manifest.json', new MemoryModelCache()),
      serverHasModel: async () => opts.serverHas ?? true,
      navigator: () => ({ onLine: true, connection: opts.downlink === undefined ? undefined : { downlink: opts.downlink } }),
      asr: opts.asr ?? (async () => {
        asrStarts.push('started');
        throw new AsrError('worker-crashed', 'the speech recogniser stopped unexpectedly. Your recording is safe; retry', true);
      }),
      now: () => 42,
    });
    const audio = new Blob([new Uint8Array(10)], { type: 'audio/webm' });
    const job: AnswerProcessingJob = { interviewId: 'iv', questionId: 'q1', recordingId: 'rec-1', mimeType: 'audio/webm', durationMs: 3000, prompt: null, loadAudio: async () => audio, signal: new AbortController().signal };
    return { ai, db, job, asrStarts, stage };
  }

  it('on a slow link the answer is queued for a staff device and no worker starts', async () => {
    const { ai, db, job, asrStarts } = setup({ downlink: 0.5 });
    const result = await ai.processor(job);
    expect(result).toEqual({ outcome: 'ok', transcript: null, detail: expect.stringMatching(/^queued for a staff device: the connection is too slow/) });
    expect(asrStarts).toEqual([]);
    expect(await loadAiStatus('rec-1', db)).toMatchObject({ state: 'queued-staff', processedOn: 'staff-device' });
  });

  it('when the host requires staff, even a fast link queues', async () => {
    const { ai, job, asrStarts } = setup({ downlink: 100, requires: 'staff' });
    expect(await ai.processor(job)).toMatchObject({ outcome: 'ok', detail: expect.stringContaining('the host asked for answers to be transcribed by staff') });
    expect(asrStarts).toEqual([]);
  });

  it('a model the server does not have is queued for staff rather than failing, and the status says so', async () => {
    const { ai, job, asrStarts } = setup({ downlink: 100, serverHas: false });
    expect(await ai.processor(job)).toMatchObject({ outcome: 'ok', detail: 'queued for a staff device: no speech model on the server' });
    expect(asrStarts).toEqual([]);
  });

  it('with no model on the server the reason is that, not the connection speed', async () => {
    // The new-install case: a localhost server without a model, where the link estimate said "too slow".
    const { ai, db, job } = setup({ downlink: 0.5, serverHas: false });
    expect(await ai.processor(job)).toMatchObject({ outcome: 'ok', detail: 'queued for a staff device: no speech model on the server' });
    expect(await loadAiStatus('rec-1', db)).toMatchObject({ state: 'queued-staff', detail: expect.stringContaining('no speech model on the server') });
  });

  it('a crashed worker is a retryable "could not transcribe" (the queue retries), shown on the answer with Retry', async () => {
    const { ai, db, job, asrStarts } = setup({ downlink: 100 });
    // The take as the recorder stores it, so Retry can read it back.
    await createRecording({ id: 'rec-1', interviewId: 'iv', questionId: 'q1', mimeType: 'audio/webm', startedAt: 1 }, db);
    await appendChunk({ recordingId: 'rec-1', seq: 0, endMs: 1000, data: new Blob([new Uint8Array([1, 2, 3])]) }, db);
    await ai.processor(job).catch(() => undefined);
    await expect(ai.processor(job)).rejects.toThrow('could not transcribe: the speech recogniser stopped unexpectedly');
    expect(asrStarts).toEqual(['started', 'started']);
    expect(await loadAiStatus('rec-1', db)).toMatchObject({ state: 'failed', retryable: true, detail: expect.stringMatching(/^could not transcribe:/) });
    // Retry runs the pipeline again from the stored status.
    expect(await ai.retry('rec-1')).toMatchObject({ state: 'failed' });
    expect(asrStarts).toEqual(['started', 'started', 'started']);
    // The audio is untouched.
    expect((await assembleRecording('rec-1', db)).size).toBe(3);
  });

  it('a corrupt recording is a final "could not transcribe" without retries', async () => {
    const { ai, job } = setup({ downlink: 100, asr: async () => Promise.reject(new AsrError('corrupt-audio', 'the recording is damaged (invalid samples)', false)) });
    expect(await ai.processor(job)).toEqual({ outcome: 'failed', detail: 'could not transcribe: the recording is damaged (invalid samples)' });
  });

  it('silence is final too (the worker calls it retryable, but only recording again helps), and says so on the answer', async () => {
    const { ai, db, job } = setup({ downlink: 100, asr: async () => Promise.reject(new AsrError('no-speech', 'no speech was heard in this answer. Check the microphone and record again', true)) });
    expect(await ai.processor(job)).toEqual({ outcome: 'failed', detail: 'could not transcribe: no speech was heard in this answer. Check the microphone and record again' });
    expect(await loadAiStatus('rec-1', db)).toMatchObject({ state: 'failed', retryable: false });
  });
});
