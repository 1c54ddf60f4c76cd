/**
 * On-device AI results in the Yjs documents: transcripts and the host's transcription policy in the stage
 * document, explained scores in the assessment document. Two Y.Docs stand for two devices that edit while apart and
 * then exchange updates; the first-pass scorer is the real one (src/domain/scoring), not a stand-in.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { InterviewPlan } from '../../src/domain/interview';
import { createSpokenScorer, scoreMcq, type McqInput, type SpokenAnswerInput } from '../../src/domain/scoring';
import {
  DEFAULT_POLICY,
  mcqScoreKey,
  publishTranscript,
  readScore,
  readScores,
  readTranscript,
  readTranscriptionPolicy,
  readTranscripts,
  setTranscriptionPolicy,
  writeScore,
  type TranscriptRecord,
} from '../../src/sync/answer-results';
import { scoreNewAnswers, type AnswerScorer } from '../../src/staff-ai/score-answers';
import { ratedAnswersOfInterview } from '../../src/staff-ai/rated-answers';
import { setRating } from '../../src/sync/staff-doc';
import { FITTED_ACCURACY_MODEL } from '../../src/domain/scoring/fitted-model';

const V = FITTED_ACCURACY_MODEL.version;
import type { StageState } from '../../src/domain/stage';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const transcript = (over: Partial<TranscriptRecord> = {}): TranscriptRecord => ({
  recordingId: 'rec-1',
  questionId: 'q-cache',
  text: 'A cache keeps recent results close to the reader so repeated reads are fast. When data changes the entry must be invalidated.',
  segments: [{ start: 0, end: 6.2, text: 'A cache keeps recent results close to the reader so repeated reads are fast.' }],
  durationSec: 9.5,
  processedOn: 'guest-device',
  model: 'whisper-test-tiny',
  backend: 'wasm',
  at: 1000,
  ...over,
});

const PLAN: InterviewPlan = {
  meta: { id: 'iv-ai', title: 'AI results', archetype: 'backend', depth: 'standard', durationMin: 15, version: 1 } as InterviewPlan['meta'],
  questions: [
    {
      id: 'q-cache',
      kind: 'spoken',
      prompt: 'Explain how a cache speeds up repeated reads and what can go wrong.',
      referenceAnswer: 'A cache stores recent results close to the reader so repeated reads avoid the slow source; stale data appears unless entries are invalidated when the data changes.',
      keyConcepts: ['repeated reads', 'stale data', 'invalidation', 'eviction policy'],
      timeLimitSec: 120,
      archetypes: ['backend'],
      depths: ['standard'],
      difficulty: 2,
      source: 'host',
    },
    {
      id: 'q-mcq',
      kind: 'mcq',
      prompt: 'Which HTTP status means the request succeeded?',
      options: ['200 OK', '404 Not Found', '500 Internal Server Error', '301 Moved Permanently'],
      correctIndex: 0,
      explanation: '200 OK is the standard success response.',
      timeLimitSec: 60,
      archetypes: ['backend'],
      depths: ['standard'],
      difficulty: 1,
      source: 'host',
    },
  ] as InterviewPlan['questions'],
};

/** The real first-pass scorer behind the worker's interface (the worker runs exactly these functions). */
function realScorer(): AnswerScorer & { calls: number } {
  const scorer = createSpokenScorer();
  const out = {
    calls: 0,
    async scoreSpoken(input: SpokenAnswerInput) {
      out.calls += 1;
      return scorer.score(input);
    },
    async scoreMcq(q: McqInput, chosen: number | null) {
      out.calls += 1;
      return scoreMcq(q, chosen);
    },
  };
  return out;
}

describe('stage document: transcripts and policy', () => {
  it('merges a transcript from the guest device with the host policy set while apart', () => {
    const guest = new Y.Doc();
    const host = new Y.Doc();
    publishTranscript(guest, transcript());
    expect(readTranscriptionPolicy(host)).toEqual(DEFAULT_POLICY);
    setTranscriptionPolicy(host, { requires: 'local', modelId: 'whisper-test-tiny', setBy: 'host', at: 5 });
    expect(readTranscripts(host)).toEqual([]);
    sync(guest, host);
    for (const d of [guest, host]) {
      expect(readTranscript(d, 'rec-1')).toEqual(transcript());
      expect(readTranscriptionPolicy(d)).toMatchObject({ requires: 'local', modelId: 'whisper-test-tiny' });
    }
  });

  it('keeps one record per take and ignores malformed entries', () => {
    const doc = new Y.Doc();
    publishTranscript(doc, transcript());
    publishTranscript(doc, transcript({ recordingId: 'rec-2', text: 'second take', at: 2000 }));
    doc.getMap('transcripts').set('junk', { recordingId: 'junk', text: 42 });
    doc.getMap('aiPolicy').set('transcription', { requires: 'everywhere' });
    expect(readTranscripts(doc).map((t) => t.recordingId)).toEqual(['rec-1', 'rec-2']);
    expect(readTranscript(doc, 'junk')).toBeNull();
    expect(readTranscriptionPolicy(doc)).toEqual(DEFAULT_POLICY);
    expect(() => publishTranscript(doc, transcript({ processedOn: 'cloud' as never }))).toThrow();
  });
});

describe('assessment document: explained scores', () => {
  it('scores a published transcript against the key with the words that matched, once per transcript', async () => {
    const stage = new Y.Doc();
    const assessment = new Y.Doc();
    publishTranscript(stage, transcript());
    const scorer = realScorer();
    const first = await scoreNewAnswers({ plan: PLAN, stageDoc: stage, assessmentDoc: assessment, state: null, scorer, scoredBy: 'Ivy', modelVersion: V, now: () => 3000 });
    expect(first).toEqual({ scored: ['rec-1'], failed: [] });
    const score = readScore(assessment, 'rec-1');
    expect(score?.kind).toBe('spoken');
    if (score?.kind !== 'spoken') throw new Error('not spoken');
    expect(score.accuracy.score).toBeGreaterThan(0);
    const found = score.accuracy.conceptsFound.map((c) => c.concept);
    expect(found).toContain('repeated reads');
    const repeated = score.accuracy.conceptsFound.find((c) => c.concept === 'repeated reads')!;
    for (const w of repeated.words) expect(transcript().text.slice(w.start, w.end)).toBe(w.said);
    expect(score.accuracy.conceptsMissed.map((c) => c.concept)).toContain('eviction policy');
    expect(score.delivery.wordCount).toBeGreaterThan(15);
    expect(score.delivery.wordsPerMinute).not.toBeNull();
    expect(score.explanation.length).toBeGreaterThan(20);
    expect(score).toMatchObject({ transcribedOn: 'guest-device', processedOn: 'staff-device', scoredBy: 'Ivy', modelVersion: V, transcriptAt: 1000 });

    // Nothing new: nothing scored again. A newer transcript of the same take is scored again.
    const calls = scorer.calls;
    expect((await scoreNewAnswers({ plan: PLAN, stageDoc: stage, assessmentDoc: assessment, state: null, scorer, scoredBy: 'Ivy', modelVersion: V })).scored).toEqual([]);
    expect(scorer.calls).toBe(calls);
    publishTranscript(stage, transcript({ text: 'I do not know.', at: 4000 }));
    expect((await scoreNewAnswers({ plan: PLAN, stageDoc: stage, assessmentDoc: assessment, state: null, scorer, scoredBy: 'Ivy', modelVersion: V })).scored).toEqual(['rec-1']);
    const again = readScore(assessment, 'rec-1');
    expect(again?.kind === 'spoken' && again.accuracy.score).toBeLessThan(score.accuracy.score);
  });

  it('checks multiple-choice answers against the key with its explanation', async () => {
    const stage = new Y.Doc();
    const assessment = new Y.Doc();
    const state = { answers: [{ questionId: 'q-mcq', mcqChoice: 2, recordingId: null }] } as unknown as StageState;
    await scoreNewAnswers({ plan: PLAN, stageDoc: stage, assessmentDoc: assessment, state, scorer: realScorer(), scoredBy: 'Ivy', modelVersion: V });
    expect(readScore(assessment, mcqScoreKey('q-mcq'))).toMatchObject({ kind: 'mcq', correct: false, chosenOption: '500 Internal Server Error', correctOption: '200 OK', score: 0 });
    expect(readScore(assessment, mcqScoreKey('q-mcq'))?.kind === 'mcq' && readScore(assessment, mcqScoreKey('q-mcq'))).toMatchObject({ explanation: expect.stringContaining('200 OK') });
  });

  it('reports a transcript whose question has no key on this device instead of scoring it', async () => {
    const stage = new Y.Doc();
    publishTranscript(stage, transcript({ questionId: 'q-unknown' }));
    const report = await scoreNewAnswers({ plan: PLAN, stageDoc: stage, assessmentDoc: new Y.Doc(), state: null, scorer: realScorer(), scoredBy: 'Ivy', modelVersion: V });
    expect(report.scored).toEqual([]);
    expect(report.failed[0]).toMatchObject({ key: 'rec-1', reason: expect.stringContaining('answer key') });
  });

  it('two staff devices scoring while apart converge on the same scores', async () => {
    const stage = new Y.Doc();
    publishTranscript(stage, transcript());
    publishTranscript(stage, transcript({ recordingId: 'rec-2', text: 'Stale data shows up unless entries are invalidated.', at: 1500 }));
    const interviewer = new Y.Doc();
    const host = new Y.Doc();
    await scoreNewAnswers({ plan: PLAN, stageDoc: stage, assessmentDoc: interviewer, state: null, scorer: realScorer(), scoredBy: 'Ivy', modelVersion: V, now: () => 10 });
    await scoreNewAnswers({ plan: PLAN, stageDoc: stage, assessmentDoc: host, state: null, scorer: realScorer(), scoredBy: 'Hana', modelVersion: V, now: () => 20 });
    // And one more entry only the interviewer has.
    const extra = readScore(interviewer, 'rec-1')!;
    writeScore(interviewer, { ...extra, kind: 'spoken', recordingId: 'rec-3' } as never);
    sync(interviewer, host);
    const a = readScores(interviewer).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    const b = readScores(host).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    expect(a).toEqual(b);
    expect(a).toHaveLength(3);
    // Same transcript, same figures, whoever scored it.
    expect(new Set(a.filter((s) => s.kind === 'spoken' && s.recordingId === 'rec-1').map((s) => s.kind === 'spoken' && s.accuracy.score)).size).toBe(1);
  });
});

describe("learning from the team's ratings", () => {
  const earlier: InterviewPlan = { ...PLAN, meta: { ...PLAN.meta, id: 'iv-earlier', title: 'Earlier interview' } };
  // The same question in another interview, under another id and with its prompt slightly edited.
  const edited: InterviewPlan = {
    ...PLAN,
    questions: PLAN.questions.map((q) => (q.kind === 'spoken' ? { ...q, id: 'q-cache-v2', prompt: 'Explain how a cache speeds up repeated reads, and what can go wrong.' } : q)),
  };

  it('turns an interview\'s rated answers into rated answers, and rescores with them and on a new model version', async () => {
    const oldStage = new Y.Doc();
    const oldAssessment = new Y.Doc();
    const oldStaff = new Y.Doc();
    publishTranscript(oldStage, transcript({ recordingId: 'rec-old', text: 'Repeated reads come from the cache; when the data changes the entry is invalidated, and the eviction policy removes old entries.' }));
    setRating(oldStaff, 'q-cache', 5, { by: 'Ivy', role: 'interviewer' }, 1);
    setRating(oldStaff, 'q-cache', 4, { by: 'Hana', role: 'host' }, 2);
    // A declined-AI guest's rated answer still counts: it is a human judgement.
    const rated = ratedAnswersOfInterview(earlier, oldStage, oldAssessment, oldStaff);
    expect(rated).toEqual([
      expect.objectContaining({ id: 'iv-earlier/rec-old', rating: 4.5, label: 'the answer to question 1 in "Earlier interview"' }),
    ]);

    const stage = new Y.Doc();
    const assessment = new Y.Doc();
    publishTranscript(stage, transcript({ questionId: 'q-cache-v2', text: 'Repeated reads come from the cache, and entries are invalidated when the data changes; an eviction policy removes old ones.' }));
    const scorer = realScorer();
    await scoreNewAnswers({ plan: edited, stageDoc: stage, assessmentDoc: assessment, state: null, scorer, scoredBy: 'Ivy', modelVersion: V });
    const before = readScore(assessment, 'rec-1');
    if (before?.kind !== 'spoken') throw new Error('not spoken');
    expect(before.rated).toBeNull();

    // A rating arrives (from the earlier interview, stored on this device): the answer is scored again with it.
    const report = await scoreNewAnswers({ plan: edited, stageDoc: stage, assessmentDoc: assessment, state: null, scorer, scoredBy: 'Ivy', modelVersion: V, ratedAnswers: rated });
    expect(report.scored).toEqual(['rec-1']);
    const after = readScore(assessment, 'rec-1');
    if (after?.kind !== 'spoken') throw new Error('not spoken');
    expect(after.rated?.count).toBe(1);
    expect(after.rated?.nearest[0]).toMatchObject({ id: 'iv-earlier/rec-old', rating: 4.5 });
    expect(after.accuracy.explanation).toContain('closest to the answer to question 1 in "Earlier interview" rated 4.5/5');
    expect(after.accuracy.score).toBeGreaterThan(before.accuracy.score);
    // Same ratings, same model: nothing to do. Another model version: scored again.
    expect((await scoreNewAnswers({ plan: edited, stageDoc: stage, assessmentDoc: assessment, state: null, scorer, scoredBy: 'Ivy', modelVersion: V, ratedAnswers: rated })).scored).toEqual([]);
    expect((await scoreNewAnswers({ plan: edited, stageDoc: stage, assessmentDoc: assessment, state: null, scorer, scoredBy: 'Ivy', modelVersion: V + 1, ratedAnswers: rated })).scored).toEqual(['rec-1']);
  });

  it('never uses the answer\'s own rating, and produces no AI score for a guest who declined it', async () => {
    const stage = new Y.Doc();
    const assessment = new Y.Doc();
    const staff = new Y.Doc();
    publishTranscript(stage, transcript());
    setRating(staff, 'q-cache', 1, { by: 'Ivy', role: 'interviewer' }, 1);
    const own = ratedAnswersOfInterview(PLAN, stage, assessment, staff);
    expect(own.map((r) => r.id)).toEqual(['iv-ai/rec-1']);
    await scoreNewAnswers({ plan: PLAN, stageDoc: stage, assessmentDoc: assessment, state: null, scorer: realScorer(), scoredBy: 'Ivy', modelVersion: V, ratedAnswers: own });
    const score = readScore(assessment, 'rec-1');
    expect(score?.kind === 'spoken' && score.rated).toBeNull();

    const declined = { humanReviewOnly: true, consent: { recording: true, aiScoring: false, at: 1 }, answers: [] } as unknown as StageState;
    const fresh = new Y.Doc();
    const report = await scoreNewAnswers({ plan: PLAN, stageDoc: stage, assessmentDoc: fresh, state: declined, scorer: realScorer(), scoredBy: 'Ivy', modelVersion: V, ratedAnswers: own });
    expect(report).toEqual({ scored: [], failed: [] });
    expect(readScore(fresh, 'rec-1')).toBeNull();
  });
});
