/**
 * Turns the scorer's full results into the compact, explained records kept in the staff document: every figure
 * comes with the words behind it (concepts found with the transcript words that matched, concepts missed with the
 * words that were not said, hedges, pace and fillers), never a bare number.
 */
import type { McqScore, SpokenScore } from '../domain/scoring';
import type { McqScoreRecord, ProcessedOn, SpokenScoreRecord, TranscriptRecord } from '../sync/answer-results';

const cap = <T>(items: readonly T[], n: number): T[] => items.slice(0, n);
const clip = (s: string, n = 500) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function spokenScoreRecord(score: SpokenScore, transcript: TranscriptRecord, scoredBy: string, now: number): SpokenScoreRecord {
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
