/** Multiple-choice scoring: right or wrong, at once, with the reason. */
import type { McqQuestion } from '../questions';

export type McqInput = Pick<McqQuestion, 'options' | 'correctIndex' | 'explanation'> & { readonly id?: string };

export interface McqScore {
  readonly kind: 'mcq';
  readonly questionId: string | null;
  /** false when nothing (or something invalid) was chosen. */
  readonly answered: boolean;
  readonly correct: boolean;
  readonly chosenIndex: number | null;
  readonly correctIndex: number;
  readonly chosenOption: string | null;
  readonly correctOption: string;
  /** 5 for right, 0 for wrong or unanswered, on the same 0–5 scale as spoken answers. */
  readonly score: 0 | 5;
  readonly explanation: string;
}

const letter = (i: number) => String.fromCharCode(65 + i);

export function scoreMcq(question: McqInput, chosenIndex: number | null | undefined): McqScore {
  const options = question.options;
  const correctIndex = question.correctIndex;
  const correctOption = options[correctIndex] ?? '';
  const valid = typeof chosenIndex === 'number' && Number.isInteger(chosenIndex) && chosenIndex >= 0 && chosenIndex < options.length;
  const base = { kind: 'mcq' as const, questionId: question.id ?? null, correctIndex, correctOption };
  if (!valid) {
    const why =
      chosenIndex === null || chosenIndex === undefined
        ? 'No option was chosen'
        : `Choice ${String(chosenIndex)} is not one of the ${options.length} options`;
    return {
      ...base,
      answered: false,
      correct: false,
      chosenIndex: null,
      chosenOption: null,
      score: 0,
      explanation: `${why}. The correct answer is ${letter(correctIndex)} ("${correctOption}"): ${question.explanation}`,
    };
  }
  const correct = chosenIndex === correctIndex;
  const chosenOption = options[chosenIndex] ?? '';
  return {
    ...base,
    answered: true,
    correct,
    chosenIndex,
    chosenOption,
    score: correct ? 5 : 0,
    explanation: correct
      ? `Correct: ${letter(chosenIndex)} ("${chosenOption}"). ${question.explanation}`
      : `Wrong: chose ${letter(chosenIndex)} ("${chosenOption}"); the correct answer is ${letter(correctIndex)} ("${correctOption}"). ${question.explanation}`,
  };
}
