/**
 * The project's own graded interview answers (bench/scoring/interview-answers.json, how they were graded in
 * bench/scoring/README.md): answers to spoken questions of the bank, graded 0–5 against each question's rubric,
 * with whole questions held out as the test split. Questions are read through the bank's public function, so the
 * set follows the bank wherever it is stored.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { questionBank } from '../../src/domain/bank';
import type { SpokenQuestion } from '../../src/domain/questions';

export const ANSWER_KINDS = [
  'strong', 'partial', 'wrong', 'short', 'negation', 'swapped', 'salad', 'concepts', 'other-question', 'off-topic', 'padding',
] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];
/** The kinds written to game a lexical scorer: their mean score must stay at most 2. */
export const ADVERSARIAL_KINDS: readonly AnswerKind[] = ['salad', 'negation', 'swapped', 'concepts', 'padding', 'other-question', 'off-topic'];

export interface InterviewAnswer {
  readonly id: string;
  readonly questionId: string;
  readonly kind: AnswerKind;
  /** 0–5 against the question's reference answer and key concepts. */
  readonly grade: number;
  readonly origin: 'written' | 'generated';
  readonly answer: string;
}

export interface InterviewSet {
  readonly note: string;
  /** Questions whose answers form the held-out test split. */
  readonly testQuestions: readonly string[];
  readonly answers: readonly InterviewAnswer[];
}

export const INTERVIEW_SET_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'scoring', 'interview-answers.json');

export interface LoadedInterviewSet {
  readonly questions: ReadonlyMap<string, SpokenQuestion>;
  readonly development: readonly InterviewAnswer[];
  readonly test: readonly InterviewAnswer[];
}

export function loadInterviewSet(path = INTERVIEW_SET_PATH): LoadedInterviewSet {
  const set = JSON.parse(readFileSync(path, 'utf8')) as InterviewSet;
  const bank = new Map(questionBank().map((q) => [q.id, q]));
  const questions = new Map<string, SpokenQuestion>();
  for (const a of set.answers) {
    const q = bank.get(a.questionId);
    if (!q || q.kind !== 'spoken') throw new Error(`${path}: ${a.questionId} is not a spoken question of the bank`);
    if (!(a.grade >= 0 && a.grade <= 5)) throw new Error(`${path}: ${a.id} has grade ${a.grade}, not 0–5`);
    questions.set(q.id, q);
  }
  const test = new Set(set.testQuestions);
  return { questions, development: set.answers.filter((a) => !test.has(a.questionId)), test: set.answers.filter((a) => test.has(a.questionId)) };
}
