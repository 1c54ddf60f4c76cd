/**
 * A small interview for synthesis tests: a plan with three spoken questions, one multiple-choice and one coding
 * question, and the documents' contents once the candidate has answered everything and staff devices have scored it.
 * Used by unit tests (as plain data) and integration tests (written into real Yjs documents on a real server).
 */
import type { InterviewPlan } from '../../src/domain/interview';
import { createStageState, slotsFromQuestions, type StageState } from '../../src/domain/stage';
import type { SourceScore, SourceTranscript, SynthesisSources } from '../../src/domain/wrap-up/synthesis-input';

export const FIXTURE_ID = 'synthesis-fixture';

export const ANSWER_TEXTS: Record<string, string> = {
  'q-cache':
    'I would cache the product pages at the edge with a short ttl. When a price changes we publish an event and invalidate the keys for that product. Stale reads are acceptable for a few seconds on listing pages but never at checkout.',
  'q-trace':
    'First I would look at the distributed tracing spans for the slow requests. Each request carries a correlation id, so I can follow it from the gateway to the database. Usually one span stands out, often a query without an index.',
  'q-outage':
    'Um, I am not sure. I think I would restart the servers and see if that helps. Then maybe tell my manager.',
};

export function fixturePlan(id = FIXTURE_ID): InterviewPlan {
  const base = { difficulty: 3, archetypes: ['backend' as const], depths: ['standard' as const], source: 'bank' as const };
  return {
    meta: { id, title: 'Payments backend - Jane Example', archetype: 'backend', depth: 'standard', durationMin: 30, createdAt: 1, updatedAt: 1, status: 'published', version: 1, seed: 7 },
    questions: [
      { ...base, id: 'q-cache', kind: 'spoken', topic: 'caching', prompt: 'How would you cache product pages safely?', referenceAnswer: 'Cache at the edge with a ttl, invalidate on writes through events, accept stale reads only where harmless.', keyConcepts: ['cache invalidation', 'ttl', 'stale reads'], timeLimitSec: 120 },
      { ...base, id: 'q-trace', kind: 'spoken', topic: 'distributed-systems', prompt: 'How do you find why one request across services is slow?', referenceAnswer: 'Use distributed tracing: follow the spans of the request by its correlation id and find the slow span.', keyConcepts: ['distributed tracing', 'span', 'correlation id'], timeLimitSec: 120 },
      { ...base, id: 'q-outage', kind: 'spoken', topic: 'incident-response', prompt: 'Walk us through the first thirty minutes of an outage.', referenceAnswer: 'Triage impact, roll back the latest change if it is the likely cause, and communicate status regularly.', keyConcepts: ['triage', 'rollback', 'communication'], timeLimitSec: 120 },
      { ...base, id: 'q-mcq', kind: 'mcq', topic: 'databases', prompt: 'Which isolation level prevents dirty reads at least?', options: ['Read uncommitted', 'Read committed', 'None of them', 'Only serializable'], correctIndex: 1, explanation: 'Read committed is the lowest level that prevents dirty reads.', timeLimitSec: 60 },
      {
        ...base,
        id: 'q-code',
        kind: 'coding',
        topic: 'api-design',
        title: 'Sum of squares',
        statement: 'Return the sum of the squares of the numbers in the given array.',
        language: 'typescript',
        functionName: 'sumOfSquares',
        signature: 'function sumOfSquares(values: number[]): number',
        starterCode: 'function sumOfSquares(values: number[]): number {\n}',
        referenceSolution: 'function sumOfSquares(v) { return v.reduce((s, x) => s + x * x, 0); }',
        exampleTests: [{ args: [[1, 2]], expected: 5 }],
        hiddenTests: [
          { args: [[]], expected: 0 },
          { args: [[3]], expected: 9 },
        ],
        timeLimitSec: 900,
      },
    ],
  };
}

export const recordingOf = (questionId: string) => `rec-${questionId}`;

/** The guest's stage state after answering every question (spoken ones recorded, one take each). */
export function completedStage(plan: InterviewPlan, opts: { humanReviewOnly?: boolean; completed?: boolean } = {}): StageState {
  const state = createStageState({ interviewId: plan.meta.id, questions: slotsFromQuestions(plan.questions), now: 1000 });
  state.consent = { recording: true, aiScoring: !opts.humanReviewOnly, at: 1000 };
  state.humanReviewOnly = opts.humanReviewOnly ?? false;
  state.stage = opts.completed === false ? 'question' : 'completed';
  state.completedAt = opts.completed === false ? null : 5000;
  state.answers = state.answers.map((a) => {
    const q = plan.questions.find((x) => x.id === a.questionId)!;
    const given = { ...a, status: 'answered' as const, answeredAt: 2000, shownAt: 1500 };
    if (q.kind === 'spoken') return { ...given, recordingId: recordingOf(q.id), attempts: [recordingOf(q.id)], durationMs: 30_000 };
    if (q.kind === 'mcq') return { ...given, mcqChoice: 1 };
    return { ...given, code: 'function sumOfSquares(v: number[]) { return v.reduce((s, x) => s + x * x, 0); }' };
  });
  return state;
}

export function fixtureTranscripts(plan: InterviewPlan, texts: Record<string, string> = ANSWER_TEXTS): Map<string, SourceTranscript> {
  const out = new Map<string, SourceTranscript>();
  for (const q of plan.questions) {
    const text = texts[q.id];
    if (q.kind !== 'spoken' || text === undefined) continue;
    const sentences = text.split(/(?<=[.!?])\s+/);
    out.set(recordingOf(q.id), { text, durationSec: 30, segments: sentences.map((s, i) => ({ start: i * 8, end: i * 8 + 7, text: s })) });
  }
  return out;
}

export function fixtureScores(): Map<string, SourceScore> {
  return new Map<string, SourceScore>([
    [recordingOf('q-cache'), { kind: 'spoken', score: 4.5, band: 'strong', explanation: 'Covers all key concepts.', conceptsMissed: [] }],
    [recordingOf('q-trace'), { kind: 'spoken', score: 4.2, band: 'strong', explanation: 'Covers tracing, spans and correlation ids.', conceptsMissed: [] }],
    [recordingOf('q-outage'), { kind: 'spoken', score: 0.8, band: 'weak', explanation: 'Misses triage, rollback and communication.', conceptsMissed: ['triage', 'rollback', 'communication'] }],
    ['mcq:q-mcq', { kind: 'mcq', correct: true, chosenOption: 'Read committed', correctOption: 'Read committed' }],
    ['code:q-code', { kind: 'coding', passed: 3, total: 3, examplesPassed: 1, examplesTotal: 1, loadError: null }],
  ]);
}

export function fixtureSources(overrides: Partial<SynthesisSources> = {}): SynthesisSources {
  const plan = overrides.plan ?? fixturePlan();
  return {
    plan,
    stage: completedStage(plan),
    transcripts: fixtureTranscripts(plan),
    flags: new Map(),
    scores: fixtureScores(),
    ratings: [{ questionId: 'q-cache', score: 4, role: 'interviewer' }],
    reactions: [{ questionId: 'q-outage', kind: 'concern', role: 'host', momentMs: 3000 }],
    ...overrides,
  };
}
