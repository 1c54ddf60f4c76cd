/** The stage machine's view of the questions the guest received (public parts only: no answer key on this device). */
import type { QuestionSlot } from '../domain/stage';
import type { PublicQuestion } from '../domain/plan-split';

export function slotsFromPublicQuestions(questions: readonly PublicQuestion[]): QuestionSlot[] {
  return questions.map((q) =>
    q.kind === 'mcq'
      ? { id: q.id, kind: q.kind, timeLimitSec: q.timeLimitSec, optionCount: q.options.length }
      : { id: q.id, kind: q.kind, timeLimitSec: q.timeLimitSec },
  );
}

export function sameSlots(a: readonly QuestionSlot[], b: readonly QuestionSlot[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const t = b[i]!;
      return s.id === t.id && s.kind === t.kind && s.timeLimitSec === t.timeLimitSec && s.optionCount === t.optionCount;
    })
  );
}
