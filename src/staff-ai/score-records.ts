/**
 * Turns the scorer's full results into the compact, explained records kept in the staff document: every figure
 * comes with the words behind it (concepts found with the transcript words that matched, concepts missed with the
 * words that were not said, hedges, pace and fillers), never a bare number.
 */
import type { McqScore, SpokenScore } from '../domain/scoring';
import type { Judgement } from '../domain/coding/judge';
import type { CodeFingerprint } from '../domain/coding/fingerprint';
import type { CodingScoreRecord, McqScoreRecord, ProcessedOn, SpokenScoreRecord, TranscriptRecord } from '../sync/answer-results';

const cap = <T>(items: readonly T[], n: number): T[] => items.slice(0, n);
const clip = (s: string, n = 500) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function spokenScoreRecord(score: SpokenScore, transcript: TranscriptRecord, scoredBy: string, now: number, ratedLibraryKey?: string): SpokenScoreRecord {
  const { accuracy, tone, delivery } = score;
  return {
    kind: 'spoken',
    recordingId: transcript.recordingId,
    questionId: transcript.questionId,
    transcriptAt: transcript.at,
    accuracy: {
      score: Math.max(0, Math.min(5, accuracy.score)),
      band: accuracy.band,
      conceptsFound: cap(accuracy.conceptsFound, 100).map((c) => ({
        concept: clip(c.concept),
        words: cap(c.matches, 50).map((m) => ({ conceptWord: clip(m.conceptWord), said: clip(m.span.text), start: m.span.start, end: m.span.end })),
        negated: c.negated,
      })),
      conceptsMissed: cap(accuracy.conceptsMissed, 100).map((c) => ({ concept: clip(c.concept), missingWords: cap(c.missingWords, 50).map((w) => clip(w)) })),
      conceptSource: accuracy.conceptSource,
      reasons: cap(accuracy.reasons, 20).map((r) => clip(r, 1000)),
      reviewSuggested: accuracy.reviewSuggested,
      explanation: clip(accuracy.explanation, 4000),
    },
    tone: {
      assessed: tone.assessed,
      assertiveness: tone.assertiveness,
      polarity: tone.polarity,
      hedges: cap(tone.hedges, 50).map((h) => clip(h.span.text)),
      confidentCues: cap(tone.confidentCues, 50).map((h) => clip(h.span.text)),
      explanation: clip(tone.explanation, 2000),
    },
    delivery: {
      wordCount: delivery.wordCount,
      wordsPerMinute: delivery.wordsPerMinute,
      pace: delivery.pace,
      fillerCount: delivery.fillerCount,
      fillerRate: delivery.fillerRate,
      longPauses: delivery.longPauses.length,
      timed: delivery.timed,
      explanation: clip(delivery.explanation, 2000),
    },
    empty: score.empty,
    explanation: clip(score.explanation, 8000),
    modelVersion: score.modelVersion,
    ...(ratedLibraryKey !== undefined ? { ratedLibraryKey } : {}),
    rated: score.rated
      ? {
          count: score.rated.count,
          before: score.rated.before,
          nearest: score.rated.nearest.map((n) => ({ id: clip(n.id), label: clip(n.label), rating: n.rating, similarity: n.similarity })),
          explanation: clip(score.rated.explanation, 2000),
        }
      : null,
    transcribedOn: transcript.processedOn as ProcessedOn,
    processedOn: 'staff-device',
    scoredBy: clip(scoredBy, 500),
    at: now,
  };
}

export function mcqScoreRecord(score: McqScore, questionId: string, scoredBy: string, now: number): McqScoreRecord {
  return {
    kind: 'mcq',
    questionId,
    chosenIndex: score.chosenIndex,
    correct: score.correct,
    chosenOption: score.chosenOption,
    correctOption: score.correctOption,
    score: score.score,
    explanation: clip(score.explanation, 4000),
    processedOn: 'staff-device',
    scoredBy: clip(scoredBy, 500),
    at: now,
  };
}

function jsonText(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return clip(text, 600);
}

/**
 * A coding answer's result: every test with its verdict (the hidden ones marked), the share passed as a 0–5 score,
 * and an explanation that names the first failures, so the number never stands alone.
 */
export function codingScoreRecord(judgement: Judgement, exampleCount: number, questionId: string, code: { sha256: string; fingerprint: CodeFingerprint }, scoredBy: string, now: number): CodingScoreRecord {
  const tests = judgement.verdicts.slice(0, 100).map((v) => ({
    hidden: v.index >= exampleCount,
    state: v.state,
    args: jsonText(v.args),
    expected: jsonText(v.expected),
    got: v.got === undefined ? null : jsonText(v.got),
    detail: v.detail ? clip(v.detail, 1000) : null,
    ms: v.ms ?? null,
  }));
  const examples = tests.filter((t) => !t.hidden);
  const examplesPassed = examples.filter((t) => t.state === 'passed').length;
  const { passed, total } = judgement;
  const score = total > 0 ? Math.round((50 * passed) / total) / 10 : 0;
  const name = (t: (typeof tests)[number], i: number) => (t.hidden ? `hidden test ${i + 1 - exampleCount}` : `example ${i + 1}`);
  const failures = tests
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.state !== 'passed' && t.state !== 'not-run')
    .slice(0, 3)
    .map(({ t, i }) => (t.state === 'wrong' ? `${name(t, i)} returned ${t.got} instead of ${t.expected}` : `${name(t, i)}: ${t.detail ?? t.state}`));
  const explanation = judgement.loadError
    ? `The code could not run, so no test passed: ${judgement.loadError}.`
    : `Passed ${passed} of ${total} tests (${examplesPassed} of ${examples.length} examples, ${passed - examplesPassed} of ${total - examples.length} hidden).` +
      (failures.length ? ` ${failures.join('; ')}.` : '') +
      (tests.some((t) => t.state === 'not-run') ? ' Tests after a stopped one did not run.' : '');
  return {
    kind: 'coding',
    questionId,
    codeSha256: code.sha256,
    loadError: judgement.loadError ? clip(judgement.loadError, 1000) : null,
    passed,
    total,
    examplesPassed,
    examplesTotal: examples.length,
    tests,
    score,
    explanation: clip(explanation, 4000),
    fingerprint: code.fingerprint,
    processedOn: 'staff-device',
    scoredBy: clip(scoredBy, 500),
    at: now,
  };
}
