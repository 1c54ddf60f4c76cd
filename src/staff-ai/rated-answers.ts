/**
 * The answers staff rated in one interview, as rated answers for the scorer: each spoken question with at least one
 * rating (several raters are averaged) and a transcript of its answer. Collected on every staff device that opens the
 * interview and kept there (src/storage/rated-answers-store.ts), so later interviews are scored with the team's
 * standard offline. Ratings of a guest who declined AI scoring are used too: they are human judgements.
 */
import type * as Y from 'yjs';
import type { InterviewPlan } from '../domain/interview';
import type { RatedAnswer } from '../domain/scoring';
import { readAllTranscripts } from '../sync/answer-results';
import { readRatings } from '../sync/staff-doc';
import { answerIdOf } from './score-answers';

export function ratedAnswersOfInterview(plan: InterviewPlan, stageDoc: Y.Doc, assessmentDoc: Y.Doc | null, staffDoc: Y.Doc): RatedAnswer[] {
  const latest = new Map<string, { recordingId: string; text: string; at: number }>();
  for (const t of readAllTranscripts(stageDoc, assessmentDoc)) {
    const seen = latest.get(t.questionId);
    if (t.text.trim() !== '' && (!seen || t.at > seen.at)) latest.set(t.questionId, { recordingId: t.recordingId, text: t.text, at: t.at });
  }
  const out: RatedAnswer[] = [];
  plan.questions.forEach((q, index) => {
    if (q.kind !== 'spoken') return;
    const ratings = readRatings(staffDoc, q.id);
    const answer = latest.get(q.id);
    if (ratings.length === 0 || !answer) return;
    const rating = ratings.reduce((s, r) => s + r.score, 0) / ratings.length;
    out.push({
      id: answerIdOf(plan.meta.id, answer.recordingId),
      question: { prompt: q.prompt, referenceAnswer: q.referenceAnswer },
      transcript: answer.text,
      rating: Math.round(rating * 100) / 100,
      label: `the answer to question ${index + 1} in "${plan.meta.title}"`,
    });
  });
  return out;
}
