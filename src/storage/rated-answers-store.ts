/**
 * Rated answers kept on this staff device (IndexedDB table `ratedAnswers`): every interview a host or interviewer
 * opens contributes the answers its staff rated, so later interviews score with them offline. An interview's entries
 * are replaced as a whole, so a changed or withdrawn rating is reflected.
 */
import type { RatedAnswer } from '../domain/scoring';
import type { InterqDatabase } from './db';

export async function replaceInterviewRatedAnswers(db: InterqDatabase, interviewId: string, answers: readonly RatedAnswer[], now: number): Promise<void> {
  await db.transaction('rw', db.ratedAnswers, async () => {
    await db.ratedAnswers.where('interviewId').equals(interviewId).delete();
    await db.ratedAnswers.bulkPut(answers.map((answer) => ({ id: answer.id, interviewId, answer, storedAt: now })));
  });
}

export async function allRatedAnswers(db: InterqDatabase): Promise<RatedAnswer[]> {
  return (await db.ratedAnswers.toArray()).map((r) => r.answer).sort((a, b) => a.id.localeCompare(b.id));
}
