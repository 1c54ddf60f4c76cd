/**
 * Staff-device transcription of answers the guest's device queued for staff, with the real ASR client over a Node
 * worker thread and the committed random-weight Whisper fixture (models/fixtures/whisper-test-tiny), loaded over
 * HTTP. The answers' audio is served over real HTTP too (spoken WAVs made by espeak-ng + sox), standing in for the
 * sync server's recordings endpoint; the real endpoint is exercised by tests/e2e/staff-transcription.spec.ts.
 * Checks: only pending staff-device takes are transcribed and they say so; failures are reported per answer with
 * a reason while the rest go on; a later run picks the failures up; interviewer devices write to the
 * assessment document and a host's device relays to the stage; a staff transcript is scored like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { AsrClient } from '../../worker/asr/client';
import { startNodeAsrWorker } from '../../worker/asr/node/node-worker-handle';
import { startModelFileServer, type ModelFileServer } from '../../worker/asr/node/model-file-server';
import { parseManifest } from '../../worker/asr/model-manifest';
import manifestJson from '../../models/manifest.json';
import {
  pendingStaffTranscriptions,
  publishTranscript,
  publishUpload,
  readAllTranscripts,
  readStaffTranscripts,
  readTranscript,
  readTranscripts,
  type UploadRecord,
} from '../../src/sync/answer-results';
import { transcribeQueuedAnswers, type StaffTranscriptionProgress, type TranscribeQueuedInput } from '../../src/staff-ai/transcribe-queued';
import { speechWav, wavSeconds } from '../support/speech';
import { createStageState } from '../../src/domain/stage/create';
import { publishStageState } from '../../src/sync/stage-doc';
import { CLAIM_TTL_MS, readClaim } from '../../src/sync/transcription-claims';
import { relayStaffTranscripts } from '../../src/sync/relay-staff-transcripts';

const MODELS = path.resolve(__dirname, '../../models');
const model = parseManifest(manifestJson).models.find((m) => m.id === 'whisper-test-tiny')!;
let server: ModelFileServer;
let audioDir: string;
let client: AsrClient;
let manifestUrl: string;
const spoken = speechWav('A cache keeps recent results close to the reader, so repeated reads are fast.');
const spokenBytes = fs.readFileSync(spoken);

beforeAll(async () => {
  audioDir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-asr-'));
  server = await startModelFileServer({ '/models/': MODELS, '/audio/': audioDir });
  manifestUrl = `${server.url}/models/manifest.json`;
  client = new AsrClient(() => startNodeAsrWorker());
});
afterAll(async () => {
  await client?.dispose();
  await server?.close();
  fs.rmSync(audioDir, { recursive: true, force: true });
});

/** Puts a take "on the server" and returns its upload record, as the guest's device would publish it. */
function uploaded(recordingId: string, bytes: Buffer, over: Partial<UploadRecord> = {}): UploadRecord {
  fs.writeFileSync(path.join(audioDir, `${recordingId}.wav`), bytes);
  return {
    recordingId,
    questionId: `q-${recordingId}`,
    mimeType: 'audio/wav',
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    durationSec: 5,
    transcribeOn: 'staff-device',
    at: 100,
    ...over,
  };
}

/** Downloads a take over HTTP; errors carry the status like the app's recordings client. */
async function fetchAudio(recordingId: string, signal: AbortSignal): Promise<Blob> {
  const res = await fetch(`${server.url}/audio/${recordingId}.wav`, { signal });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
  return new Blob([await res.arrayBuffer()], { type: res.headers.get('content-type') ?? '' });
}

function run(stageDoc: Y.Doc, over: Partial<TranscribeQueuedInput> = {}) {
  const progress: StaffTranscriptionProgress[] = [];
  const report = transcribeQueuedAnswers({ stageDoc, writeTo: 'stage', fetchAudio, asr: client, model, manifestUrl, now: () => 5000, onProgress: (p) => progress.push(p), ...over });
  return { report, progress };
}

describe('transcribing queued answers on a staff device (real ASR worker, fixture model)', () => {
  it('transcribes only the takes waiting for a staff device, marks them processed on a staff device, and leaves the rest', async () => {
    const stage = new Y.Doc();
    const a = uploaded('rec-a', spokenBytes);
    publishUpload(stage, a);
    // The guest's device transcribes this one itself: not for staff.
    publishUpload(stage, uploaded('rec-guest', spokenBytes, { transcribeOn: 'guest-device' }));
    // Already transcribed on another staff device.
    publishUpload(stage, uploaded('rec-done', spokenBytes));
    publishTranscript(stage, { recordingId: 'rec-done', questionId: 'q-rec-done', text: 'earlier', segments: [], durationSec: 5, processedOn: 'staff-device', model: 'm', backend: 'wasm', at: 50 });
    expect(pendingStaffTranscriptions(stage).map((u) => u.recordingId)).toEqual(['rec-a']);

    const { report, progress } = run(stage);
    const done = await report;
    expect(done).toEqual({ transcribed: ['rec-a'], failed: [], superseded: [], elsewhere: [] });
    const t = readTranscript(stage, 'rec-a')!;
    expect(t).toMatchObject({ questionId: 'q-rec-a', processedOn: 'staff-device', model: 'whisper-test-tiny', at: 5000 });
    expect(t.durationSec).toBeCloseTo(wavSeconds(spoken), 1);
    expect(readTranscript(stage, 'rec-guest')).toBeNull();
    expect(readTranscript(stage, 'rec-done')!.text).toBe('earlier');
    // The phases in order, ending in done with the whole take transcribed.
    const phases = progress.filter((p) => p.recordingId === 'rec-a').map((p) => p.phase);
    expect(phases[0]).toBe('downloading');
    expect(phases).toContain('transcribing');
    expect(progress.at(-1)).toMatchObject({ recordingId: 'rec-a', phase: 'done', fraction: 1 });
    expect(pendingStaffTranscriptions(stage)).toEqual([]);

    // Nothing left: a second run downloads nothing.
    const before = server.log.filter((l) => l.startsWith('GET /audio/')).length;
    expect(await run(stage).report).toEqual({ transcribed: [], failed: [], superseded: [], elsewhere: [] });
    expect(server.log.filter((l) => l.startsWith('GET /audio/')).length).toBe(before);
  });

  it('reports each failure with its reason and goes on with the others; a later run picks them up', async () => {
    const stage = new Y.Doc();
    // Not on the server (yet).
    const missing = uploaded('rec-missing', spokenBytes);
    fs.rmSync(path.join(audioDir, 'rec-missing.wav'));
    publishUpload(stage, { ...missing, at: 1 });
    // The server's bytes are not the take the guest uploaded.
    const tampered = uploaded('rec-tampered', spokenBytes);
    publishUpload(stage, { ...tampered, sha256: 'ab'.repeat(32), at: 2 });
    // Silence: the recogniser hears nothing.
    const silence = path.join(audioDir, 'silence-src.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', silence, 'trim', '0', '3']);
    publishUpload(stage, { ...uploaded('rec-silent', fs.readFileSync(silence)), at: 3 });
    publishUpload(stage, { ...uploaded('rec-ok', spokenBytes), at: 4 });

    const first = await run(stage).report;
    expect(first.transcribed).toEqual(['rec-ok']);
    expect(first.failed).toEqual([
      { recordingId: 'rec-missing', questionId: 'q-rec-missing', reason: 'the server has no audio for this answer (HTTP 404)', retryable: false },
      { recordingId: 'rec-tampered', questionId: 'q-rec-tampered', reason: 'the downloaded audio does not match the uploaded checksum', retryable: true },
      { recordingId: 'rec-silent', questionId: 'q-rec-silent', reason: expect.stringMatching(/^could not transcribe: no speech was heard/), retryable: false },
    ]);
    expect(readTranscript(stage, 'rec-missing')).toBeNull();
    expect(pendingStaffTranscriptions(stage).map((u) => u.recordingId)).toEqual(['rec-missing', 'rec-tampered', 'rec-silent']);

    // The take reaches the server later; skipped takes wait for their own time.
    fs.writeFileSync(path.join(audioDir, 'rec-missing.wav'), spokenBytes);
    const later = await run(stage, { skip: (id) => id !== 'rec-missing' }).report;
    expect(later).toEqual({ transcribed: ['rec-missing'], failed: [], superseded: [], elsewhere: [] });
    expect(readTranscript(stage, 'rec-missing')).toMatchObject({ processedOn: 'staff-device' });
  });

  it('an interviewer’s device keeps its transcript in the assessment document; a host’s device relays it to the stage', async () => {
    const stage = new Y.Doc();
    const assessment = new Y.Doc();
    publishUpload(stage, uploaded('rec-int', spokenBytes));
    await expect(run(stage, { writeTo: 'assessment' }).report).rejects.toThrow('an assessment document is needed');

    const done = await run(stage, { writeTo: 'assessment', assessmentDoc: assessment }).report;
    expect(done.transcribed).toEqual(['rec-int']);
    expect(readTranscripts(stage)).toEqual([]);
    expect(readStaffTranscripts(assessment)).toEqual([expect.objectContaining({ recordingId: 'rec-int', processedOn: 'staff-device', model: 'whisper-test-tiny' })]);
    // Staff see it, and no other staff device transcribes it again.
    expect(readAllTranscripts(stage, assessment).map((t) => t.recordingId)).toEqual(['rec-int']);
    expect(pendingStaffTranscriptions(stage, assessment)).toEqual([]);
    expect(pendingStaffTranscriptions(stage).map((u) => u.recordingId)).toEqual(['rec-int']);

    // The host's device copies it to the stage, where the guest's device sees it; once.
    expect(relayStaffTranscripts(stage, assessment)).toEqual(['rec-int']);
    expect(readTranscript(stage, 'rec-int')).toEqual(readStaffTranscripts(assessment)[0]);
    expect(relayStaffTranscripts(stage, assessment)).toEqual([]);
  });

  it('leaves a take the guest has recorded again since: only the current take counts', async () => {
    const stage = new Y.Doc();
    const fresh = createStageState({ interviewId: 'iv', questions: [{ id: 'q-rec-old', kind: 'spoken', timeLimitSec: 120 }], now: 1 });
    publishStageState(stage, { ...fresh, answers: fresh.answers.map((a) => ({ ...a, status: 'answered' as const, recordingId: 'rec-new' })) });
    publishUpload(stage, uploaded('rec-old', spokenBytes));
    expect(await run(stage).report).toEqual({ transcribed: [], failed: [], superseded: ['rec-old'], elsewhere: [] });
    expect(readTranscript(stage, 'rec-old')).toBeNull();
  });
  it('two staff devices share the queue: a take one device claimed is left to it, a lapsed claim is taken over, a failure is given back', async () => {
    const stage = new Y.Doc();
    const assessment = new Y.Doc();
    const host = { by: 'Hana Host', device: 'host-laptop' };
    const interviewer = { by: 'Ivy Interviewer', device: 'ivy-laptop' };
    publishUpload(stage, uploaded('rec-shared', spokenBytes));

    // The host's device claims the take and transcribes it.
    const first = run(stage, { assessmentDoc: assessment, claimAs: host, now: () => 10_000 });
    expect(readClaim(assessment, 'rec-shared')).toMatchObject({ by: 'Hana Host', device: 'host-laptop', at: 10_000 });
    // Meanwhile the interviewer's device leaves it alone and downloads nothing.
    const before = server.log.filter((l) => l.startsWith('GET /audio/rec-shared')).length;
    expect(await run(stage, { writeTo: 'assessment', assessmentDoc: assessment, claimAs: interviewer, now: () => 20_000 }).report).toEqual({
      transcribed: [],
      failed: [],
      superseded: [],
      elsewhere: [{ recordingId: 'rec-shared', by: 'Hana Host' }],
    });
    expect((await first.report).transcribed).toEqual(['rec-shared']);
    expect(server.log.filter((l) => l.startsWith('GET /audio/rec-shared')).length).toBe(before + 1);
    expect(readStaffTranscripts(assessment)).toEqual([]);

    // A device that claimed a take and went away: after the claim lapses, the other device takes it.
    publishUpload(stage, uploaded('rec-stranded', spokenBytes));
    assessment.getMap('transcriptionClaims').set('rec-stranded', { recordingId: 'rec-stranded', by: 'Hana Host', device: 'host-laptop', at: 30_000 });
    expect((await run(stage, { writeTo: 'assessment', assessmentDoc: assessment, claimAs: interviewer, now: () => 30_000 + CLAIM_TTL_MS - 1 }).report).elsewhere).toHaveLength(1);
    const taken = await run(stage, { writeTo: 'assessment', assessmentDoc: assessment, claimAs: interviewer, now: () => 30_000 + CLAIM_TTL_MS }).report;
    expect(taken.transcribed).toEqual(['rec-stranded']);

    // A take this device fails on is given back, so another device may try it at once.
    publishUpload(stage, uploaded('rec-gone', spokenBytes));
    fs.rmSync(path.join(audioDir, 'rec-gone.wav'));
    const failed = await run(stage, { writeTo: 'assessment', assessmentDoc: assessment, claimAs: interviewer, now: () => 40_000 }).report;
    expect(failed.failed.map((f) => f.recordingId)).toEqual(['rec-gone']);
    expect(readClaim(assessment, 'rec-gone')).toBeNull();
  });
});
