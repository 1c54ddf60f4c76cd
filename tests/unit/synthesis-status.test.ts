import { describe, expect, it } from 'vitest';
import { INTERVIEW_STATUSES, interviewPhase, interviewStatus, isInterviewStatus, PHASE_LABELS, type StatusFacts } from '../../src/domain/wrap-up/status';
import { completedStage, fixturePlan, recordingOf } from '../support/synthesis-fixtures';
import { createStageState, slotsFromQuestions } from '../../src/domain/stage';

const plan = fixturePlan();
const spoken = ['q-cache', 'q-trace', 'q-outage'].map(recordingOf);
const allScores = [...spoken, 'mcq:q-mcq', 'code:q-code'];

function facts(over: Partial<StatusFacts> = {}): StatusFacts {
  return {
    stage: completedStage(plan),
    uploadedRecordingIds: new Set(spoken),
    transcribedRecordingIds: new Set(spoken),
    scoreKeys: new Set(allScores),
    synthesized: false,
    ...over,
  };
}

describe('interview status', () => {
  it('is invited before the guest joins or consents, in progress until the stage machine completes', () => {
    expect(interviewStatus(facts({ stage: null })).status).toBe('invited');
    expect(interviewStatus(facts({ stage: createStageState({ interviewId: plan.meta.id, questions: slotsFromQuestions(plan.questions), now: 1 }) })).status).toBe('invited');
    expect(interviewStatus(facts({ stage: completedStage(plan, { completed: false }) })).status).toBe('in-progress');
  });

  it('moves completed → uploaded → transcribed → scored → synthesized as each step is whole', () => {
    expect(interviewStatus(facts({ uploadedRecordingIds: new Set(spoken.slice(0, 2)) })).status).toBe('completed');
    expect(interviewStatus(facts({ transcribedRecordingIds: new Set(spoken.slice(1)) })).status).toBe('uploaded');
    expect(interviewStatus(facts({ scoreKeys: new Set(allScores.slice(1)) })).status).toBe('transcribed');
    const scored = interviewStatus(facts());
    expect(scored.status).toBe('scored');
    expect(scored.counts).toEqual({ answers: 5, recordings: 3, uploaded: 3, transcribed: 3, toScore: 5, scored: 5 });
    expect(interviewStatus(facts({ synthesized: true })).status).toBe('synthesized');
  });

  it('never runs ahead: transcripts and scores do not count before the uploads are whole', () => {
    expect(interviewStatus(facts({ uploadedRecordingIds: new Set() })).status).toBe('completed');
  });

  it('ignores takes that are not the answer (older takes, stray ids)', () => {
    const r = interviewStatus(facts({ uploadedRecordingIds: new Set([...spoken.slice(0, 2), 'rec-old-take']) }));
    expect(r.status).toBe('completed');
    expect(r.counts.uploaded).toBe(2);
  });

  it('says human review only when the guest declined AI scoring, and never synthesized', () => {
    const stage = completedStage(plan, { humanReviewOnly: true });
    const r = interviewStatus(facts({ stage, transcribedRecordingIds: new Set(), scoreKeys: new Set(), synthesized: true }));
    expect(r.status).toBe('human-review-only');
    expect(r.humanReviewOnly).toBe(true);
  });

  it('needs nothing uploaded or transcribed for an interview with only multiple-choice and coding answers', () => {
    const stage = completedStage(plan);
    stage.answers = stage.answers.map((a) => (a.recordingId ? { ...a, status: 'skipped' as const, recordingId: null } : a));
    expect(interviewStatus(facts({ stage, uploadedRecordingIds: new Set(), transcribedRecordingIds: new Set(), scoreKeys: new Set(['mcq:q-mcq', 'code:q-code']) })).status).toBe('scored');
  });
});

describe('the phase the host’s list shows (grouped from the status, issue #12)', () => {
  it('is draft before publishing, whatever the server says', () => {
    expect(interviewPhase(false, null)).toBe('draft');
    expect(interviewPhase(false, 'scored')).toBe('draft');
  });

  it('groups every status into published, in progress or done', () => {
    const phases = Object.fromEntries(INTERVIEW_STATUSES.map((s) => [s, interviewPhase(true, s)]));
    expect(phases).toEqual({
      invited: 'published',
      'in-progress': 'in-progress',
      completed: 'done',
      uploaded: 'done',
      transcribed: 'done',
      scored: 'done',
      'human-review-only': 'done',
      synthesized: 'done',
    });
    expect(interviewPhase(true, null)).toBe('published');
    expect(PHASE_LABELS[interviewPhase(true, 'in-progress')]).toBe('In progress');
  });

  it('accepts only known statuses from the server', () => {
    expect(isInterviewStatus('scored')).toBe(true);
    expect(isInterviewStatus('finished')).toBe(false);
    expect(isInterviewStatus(null)).toBe(false);
  });
});
