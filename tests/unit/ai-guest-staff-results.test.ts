/**
 * The guest's side of staff-device transcription (real placement rule, real IndexedDB via fake-indexeddb, real Yjs
 * stage document): a take queued for staff is announced for a staff device in its upload record, and when a staff
 * device's transcript arrives the guest's answer is marked processed on a staff device and the transcript stored.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import manifestJson from '../../models/manifest.json';
import { parseManifest, type ModelEntry } from '../../worker/asr/model-manifest';
import { MemoryModelCache } from '../../worker/asr/model-cache';
import { modelCacheState } from '../../src/speech-model/model-library';
import { aiStatusKey, createGuestAi, followStaffTranscripts, loadAiStatus, takeStaffTranscripts, transcribeOnFor, type AiAnswerStatus } from '../../src/guest/ai-processor';
import type { AnswerProcessingJob } from '../../src/guest/processing-queue';
import { loadTranscript } from '../../src/guest/transcripts';
import { InterqDatabase } from '../../src/storage/db';
import { DEFAULT_POLICY, publishTranscript, publishUpload, readUpload, setTranscriptionPolicy, type TranscriptRecord, type UploadRecord } from '../../src/sync/answer-results';

const manifest = parseManifest(manifestJson);
const opened: InterqDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});
function newDb(): InterqDatabase {
  const db = new InterqDatabase(`ai-guest-staff-${opened.length}-${Date.now()}`);
  opened.push(db);
  return db;
}

const upload = (over: Partial<UploadRecord> = {}): UploadRecord => ({
  recordingId: 'rec-1',
  questionId: 'q1',
  mimeType: 'audio/webm',
  bytes: 10,
  sha256: 'b'.repeat(64),
  durationSec: 3,
  transcribeOn: 'guest-device',
  at: 10,
  ...over,
});

const staffTranscript = (over: Partial<TranscriptRecord> = {}): TranscriptRecord => ({
  recordingId: 'rec-1',
  questionId: 'q1',
  text: 'Caches keep hot data near the reader.',
  segments: [{ start: 0, end: 2.5, text: 'Caches keep hot data near the reader.' }],
  durationSec: 3,
  processedOn: 'staff-device',
  model: 'whisper-test-tiny',
  backend: 'wasm',
  at: 50,
  ...over,
});

function guestAi(db: InterqDatabase, stage: Y.Doc) {
  return createGuestAi({
    stageDoc: () => stage,
    db,
    manifest: async () => manifest,
    manifestUrl: 'http://app.test/models/manifest.json',
    cacheState: (m: ModelEntry) => modelCacheState(m, 'http://app.test/models/manifest.json', new MemoryModelCache()),
    serverHasModel: async () => true,
    navigator: () => ({ onLine: true, connection: { downlink: 0.5 } }),
    asr: async () => {
      throw new Error('no worker may start on a slow link');
    },
    now: () => 42,
  });
}

const job = (): AnswerProcessingJob => ({
  interviewId: 'iv',
  questionId: 'q1',
  recordingId: 'rec-1',
  mimeType: 'audio/webm',
  durationMs: 3000,
  prompt: null,
  loadAudio: async () => new Blob([new Uint8Array(10)], { type: 'audio/webm' }),
  signal: new AbortController().signal,
});

describe('a take the guest’s device queues for staff', () => {
  it('is announced for a staff device, even when its upload finished before the decision', async () => {
    const db = newDb();
    const stage = new Y.Doc();
    expect(await transcribeOnFor('rec-1', db)).toBe('guest-device');
    // The upload queue was quicker than the processor.
    publishUpload(stage, upload());
    await guestAi(db, stage).processor(job());
    expect(await loadAiStatus('rec-1', db)).toMatchObject({ state: 'queued-staff', processedOn: 'staff-device' });
    expect(await transcribeOnFor('rec-1', db)).toBe('staff-device');
    expect(readUpload(stage, 'rec-1')).toMatchObject({ transcribeOn: 'staff-device', sha256: 'b'.repeat(64), at: 42 });
  });

  it('shows the staff device’s transcript on the guest’s answer, processed on a staff device', async () => {
    const db = newDb();
    const stage = new Y.Doc();
    setTranscriptionPolicy(stage, { ...DEFAULT_POLICY, requires: 'staff' });
    await guestAi(db, stage).processor(job());
    // Another take transcribed on the guest's own device is left alone.
    const own: AiAnswerStatus = { recordingId: 'rec-own', interviewId: 'iv', questionId: 'q2', state: 'transcribed', detail: 'transcribed on this device', processedOn: 'guest-device', model: 'm', backend: 'wasm', retryable: false, at: 1 };
    await db.kv.put({ key: aiStatusKey('rec-own'), value: own });
    publishTranscript(stage, staffTranscript({ recordingId: 'rec-own', questionId: 'q2' }));
    publishTranscript(stage, staffTranscript({ recordingId: 'rec-guest', processedOn: 'guest-device' }));
    expect(await takeStaffTranscripts(stage, db, () => 77)).toEqual([]);

    // The staff transcript arrives while the guest screens follow the stage document.
    const stop = followStaffTranscripts(stage, db, () => 77);
    publishTranscript(stage, staffTranscript());
    await expect.poll(async () => (await loadAiStatus('rec-1', db))?.state).toBe('transcribed');
    stop();
    expect(await loadAiStatus('rec-1', db)).toMatchObject({
      state: 'transcribed',
      processedOn: 'staff-device',
      model: 'whisper-test-tiny',
      detail: 'transcribed on a staff device (whisper-test-tiny, wasm)',
      interviewId: 'iv',
      questionId: 'q1',
      at: 77,
    });
    expect(await loadTranscript('rec-1', db)).toMatchObject({ text: 'Caches keep hot data near the reader.', source: 'whisper-test-tiny', segments: [{ startMs: 0, endMs: 2500, text: 'Caches keep hot data near the reader.' }] });
    expect(await loadAiStatus('rec-own', db)).toEqual(own);
    expect(await transcribeOnFor('rec-1', db)).toBe('staff-device');
    // Done once: a later update changes nothing.
    expect(await takeStaffTranscripts(stage, db, () => 99)).toEqual([]);
  });
});
