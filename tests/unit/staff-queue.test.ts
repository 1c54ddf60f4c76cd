/**
 * The records behind staff-device transcription: upload records in the stage document (guest writes, staff read),
 * which takes wait for a staff device, transcripts an interviewer's device keeps in the assessment document and how
 * they are scored (the real first-pass scorer), and the per-answer states the staff panel shows. Two Y.Docs stand
 * for two devices that exchange updates.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { InterviewPlan } from '../../src/domain/interview';
import { createSpokenScorer, scoreMcq } from '../../src/domain/scoring';
import { FITTED_ACCURACY_MODEL } from '../../src/domain/scoring/fitted-model';
import { createStageState } from '../../src/domain/stage/create';
import type { StageState } from '../../src/domain/stage';
import {
  pendingStaffTranscriptions,
  publishStaffTranscript,
  publishTranscript,
  publishUpload,
  readAllTranscripts,
  readScore,
  readStaffTranscripts,
  readUpload,
  readUploads,
  UploadRecord,
  type TranscriptRecord,
} from '../../src/sync/answer-results';
import { scoreNewAnswers } from '../../src/staff-ai/score-answers';
import { queuedAnswerRows } from '../../src/app/components/ai/queued-answers';
import { retryDelayMs } from '../../src/app/components/ai/use-staff-transcription';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const upload = (over: Partial<UploadRecord> = {}): UploadRecord => ({
  recordingId: 'rec-1',
  questionId: 'q-cache',
  mimeType: 'audio/webm;codecs=opus',
  bytes: 48_213,
  sha256: 'a'.repeat(64),
  durationSec: 9.5,
  transcribeOn: 'staff-device',
  at: 1000,
  ...over,
});

const transcript = (over: Partial<TranscriptRecord> = {}): TranscriptRecord => ({
  recordingId: 'rec-1',
  questionId: 'q-cache',
  text: 'A cache keeps recent results close to the reader so repeated reads are fast. When data changes the entry must be invalidated.',
  segments: [],
  durationSec: 9.5,
  processedOn: 'staff-device',
  model: 'whisper-test-tiny',
  backend: 'wasm',
  at: 2000,
  ...over,
});

describe('upload records in the stage document', () => {
  it('a record the guest publishes reaches staff; junk and bad records are refused or ignored', () => {
    const guest = new Y.Doc();
    const host = new Y.Doc();
    publishUpload(guest, upload());
    publishUpload(guest, upload({ recordingId: 'rec-0', at: 500, transcribeOn: 'guest-device' }));
    guest.getMap('uploads').set('junk', { recordingId: 'junk', bytes: 'many' });
    sync(guest, host);
    expect(readUploads(host).map((u) => u.recordingId)).toEqual(['rec-0', 'rec-1']);
    expect(readUpload(host, 'rec-1')).toEqual(upload());
    expect(readUpload(host, 'junk')).toBeNull();

    expect(() => publishUpload(guest, upload({ mimeType: 'video/webm' }))).toThrow('an answer recording must be audio');
    expect(() => publishUpload(guest, upload({ sha256: 'XYZ' }))).toThrow();
    expect(() => publishUpload(guest, upload({ bytes: 0 }))).toThrow();
    expect(() => publishUpload(guest, upload({ transcribeOn: 'cloud' as never }))).toThrow();
    expect(UploadRecord.safeParse(upload()).success).toBe(true);
  });

  it('pending: staff-device takes with no transcript in the stage or (when given) the assessment document', () => {
    const stage = new Y.Doc();
    const assessment = new Y.Doc();
    publishUpload(stage, upload({ recordingId: 'rec-a', at: 3 }));
    publishUpload(stage, upload({ recordingId: 'rec-b', at: 1 }));
    publishUpload(stage, upload({ recordingId: 'rec-guest', transcribeOn: 'guest-device' }));
    publishUpload(stage, upload({ recordingId: 'rec-int', at: 2 }));
    expect(pendingStaffTranscriptions(stage).map((u) => u.recordingId)).toEqual(['rec-b', 'rec-int', 'rec-a']);

    publishTranscript(stage, transcript({ recordingId: 'rec-a' }));
    publishStaffTranscript(assessment, transcript({ recordingId: 'rec-int' }));
    expect(pendingStaffTranscriptions(stage, assessment).map((u) => u.recordingId)).toEqual(['rec-b']);
    // Only staff-device transcripts belong in the assessment document.
    expect(() => publishStaffTranscript(assessment, transcript({ processedOn: 'guest-device' }))).toThrow('only transcripts made on a staff device');
    // The stage's transcript wins when both exist.
    publishStaffTranscript(assessment, transcript({ recordingId: 'rec-a', text: 'other' }));
    expect(readAllTranscripts(stage, assessment).find((t) => t.recordingId === 'rec-a')!.text).toBe(transcript().text);
    expect(readStaffTranscripts(assessment).map((t) => t.recordingId).sort()).toEqual(['rec-a', 'rec-int']);
  });
});

const PLAN: InterviewPlan = {
  meta: { id: 'iv-staff', title: 'Staff ASR', archetype: 'backend', depth: 'standard', durationMin: 15, version: 1 } as InterviewPlan['meta'],
  questions: [
    {
      id: 'q-cache',
      kind: 'spoken',
      prompt: 'Explain how a cache speeds up repeated reads and what can go wrong.',
      referenceAnswer: 'A cache stores recent results close to the reader so repeated reads avoid the slow source; stale data appears unless entries are invalidated when the data changes.',
      keyConcepts: ['repeated reads', 'stale data', 'invalidation'],
      timeLimitSec: 120,
      archetypes: ['backend'],
      depths: ['standard'],
      difficulty: 2,
      source: 'host',
    },
  ] as InterviewPlan['questions'],
};

describe('scoring a transcript an interviewer’s device made', () => {
  it('is scored from the assessment document like a stage transcript, and says it was transcribed on a staff device', async () => {
    const stage = new Y.Doc();
    const assessment = new Y.Doc();
    publishUpload(stage, upload());
    publishStaffTranscript(assessment, transcript());
    const spoken = createSpokenScorer();
    const report = await scoreNewAnswers({
      plan: PLAN,
      stageDoc: stage,
      assessmentDoc: assessment,
      state: null,
      scorer: { scoreSpoken: async (i) => spoken.score(i), scoreMcq: async (q, c) => scoreMcq(q, c) },
      scoredBy: 'Ivy Interviewer',
      now: () => 3000,
      modelVersion: FITTED_ACCURACY_MODEL.version,
    });
    expect(report).toEqual({ scored: ['rec-1'], failed: [] });
    const score = readScore(assessment, 'rec-1');
    expect(score).toMatchObject({ kind: 'spoken', transcribedOn: 'staff-device', processedOn: 'staff-device', transcriptAt: 2000, scoredBy: 'Ivy Interviewer' });
    expect(score?.kind === 'spoken' && score.accuracy.conceptsFound.map((c) => c.concept)).toEqual(expect.arrayContaining(['repeated reads']));
    // The stage document was not written (an interviewer may only read it).
    expect(stage.getMap('transcripts').size).toBe(0);
  });
});

function stateWith(answers: Array<{ questionId: string; recordingId: string; detail: string | null }>): StageState {
  const s = createStageState({ interviewId: 'iv', questions: answers.map((a) => ({ id: a.questionId, kind: 'spoken' as const, timeLimitSec: 120 })), now: 1 });
  return {
    ...s,
    answers: s.answers.map((a, i) => ({ ...a, status: 'answered' as const, recordingId: answers[i]!.recordingId, processing: answers[i]!.detail === null ? null : { outcome: 'ok' as const, detail: answers[i]!.detail, at: 5 } })),
  };
}

describe('the staff panel’s view of queued answers', () => {
  it('waiting for upload, ready, transcribing, failed and done, for current takes only', () => {
    const queuedDetail = 'queued for a staff device: the connection is too slow to download the speech model';
    const state = stateWith([
      { questionId: 'q1', recordingId: 'r1', detail: queuedDetail },
      { questionId: 'q2', recordingId: 'r2', detail: queuedDetail },
      { questionId: 'q3', recordingId: 'r3', detail: queuedDetail },
      { questionId: 'q4', recordingId: 'r4', detail: queuedDetail },
      { questionId: 'q5', recordingId: 'r5', detail: queuedDetail },
      { questionId: 'q6', recordingId: 'r6', detail: 'transcribed on this device (whisper-tiny.en)' },
    ]);
    const rows = queuedAnswerRows({
      state,
      uploads: [upload({ recordingId: 'r2', questionId: 'q2' }), upload({ recordingId: 'r3', questionId: 'q3' }), upload({ recordingId: 'r4', questionId: 'q4' }), upload({ recordingId: 'r5', questionId: 'q5' }), upload({ recordingId: 'r5-old', questionId: 'q5' })],
      transcripts: [transcript({ recordingId: 'r5', questionId: 'q5' })],
      running: { recordingId: 'r3', questionId: 'q3', phase: 'transcribing', fraction: 0.5, detail: 'transcribing (part 1 of 2)' },
      failures: new Map([['r4', { reason: 'could not download the answer’s audio: offline', nextTryAt: 99 }]]),
    });
    expect(rows.map((r) => [r.recordingId, r.questionId, r.state])).toEqual([
      ['r1', 'q1', 'waiting-upload'],
      ['r2', 'q2', 'ready'],
      ['r3', 'q3', 'transcribing'],
      ['r4', 'q4', 'failed'],
      ['r5', 'q5', 'done'],
    ]);
    expect(rows[0]!.detail).toBe("waiting for the candidate's device to upload the recording (queued because the connection is too slow to download the speech model)");
    expect(rows[2]).toMatchObject({ fraction: 0.5, detail: 'transcribing (part 1 of 2)' });
    expect(rows[3]).toMatchObject({ canRetry: true, detail: 'could not download the answer’s audio: offline (tried again automatically)' });
    expect(rows[4]!.detail).toBe('transcribed on a staff device (whisper-test-tiny)');
  });

  it('says when another staff device is working on an answer', () => {
    const rows = queuedAnswerRows({
      state: null,
      uploads: [upload({ recordingId: 'r1' }), upload({ recordingId: 'r2', questionId: 'q2' })],
      transcripts: [],
      running: null,
      failures: new Map(),
      claims: new Map([['r1', { by: 'Hana Host' }]]),
    });
    expect(rows.map((r) => [r.recordingId, r.state, r.detail])).toEqual([
      ['r1', 'elsewhere', "being transcribed on Hana Host's device"],
      ['r2', 'ready', 'uploaded; waiting for a staff device with the speech model'],
    ]);
  });

  it('retries back off from 15 s to at most 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(retryDelayMs)).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
  });
});
