/**
 * Splits each question into what the guest may see and the answer key. The
 * guest's device only ever receives the public part (the `plan` document); the
 * key (reference answers, rubric, correct options, hidden tests) lives in the
 * staff-only `key` document.
 */
import type { CodingTask, McqQuestion, Question, SpokenQuestion } from './questions';

export type PublicSpoken = Omit<SpokenQuestion, 'referenceAnswer' | 'keyConcepts'>;
export type PublicMcq = Omit<McqQuestion, 'correctIndex' | 'explanation'>;
export type PublicCoding = Omit<CodingTask, 'referenceSolution' | 'hiddenTests'>;
export type PublicQuestion = PublicSpoken | PublicMcq | PublicCoding;

export type QuestionKey =
  | { kind: 'spoken'; referenceAnswer: string; keyConcepts: string[] }
  | { kind: 'mcq'; correctIndex: number; explanation: string }
  | { kind: 'coding'; referenceSolution: string; hiddenTests: CodingTask['hiddenTests'] };

export function splitQuestion(q: Question): { pub: PublicQuestion; key: QuestionKey } {
  switch (q.kind) {
    case 'spoken': {
      const { referenceAnswer, keyConcepts, ...pub } = q;
      return { pub, key: { kind: 'spoken', referenceAnswer, keyConcepts } };
    }
    case 'mcq': {
      const { correctIndex, explanation, ...pub } = q;
      return { pub, key: { kind: 'mcq', correctIndex, explanation } };
    }
    case 'coding': {
      const { referenceSolution, hiddenTests, ...pub } = q;
      return { pub, key: { kind: 'coding', referenceSolution, hiddenTests } };
    }
  }
}

/** Rejoins a public question with its key; null when the key is missing or of another kind. */
export function joinQuestion(pub: PublicQuestion, key: QuestionKey | undefined): Question | null {
  if (!key || key.kind !== pub.kind) return null;
  const { kind: _kind, ...secret } = key;
  return { ...pub, ...secret } as Question;
}
