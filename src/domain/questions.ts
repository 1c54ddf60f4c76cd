/**
 * The question schema shared by the offline bank, the cloud generator's output
 * validation and the interview plan. One schema, so an LLM answer is held to
 * exactly the standard the curated bank is tested against.
 */
import { z } from 'zod';
import { ARCHETYPE_IDS, DEPTH_IDS } from './archetypes';

export const DEFAULT_ANSWER_LIMIT_SEC = 120;

/** Where a question came from; shown to the host next to each question. */
export const QuestionSource = z.enum(['bank', 'llm', 'host']);
export type QuestionSource = z.infer<typeof QuestionSource>;

const base = {
  id: z.string().min(1),
  topic: z.string().min(1),
  difficulty: z.number().int().min(1).max(5),
  archetypes: z.array(z.enum(ARCHETYPE_IDS)).min(1),
  depths: z.array(z.enum(DEPTH_IDS)).min(1),
  source: QuestionSource.default('bank'),
};

export const SpokenQuestion = z.object({
  ...base,
  kind: z.literal('spoken'),
  prompt: z.string().min(10),
  referenceAnswer: z.string().min(20),
  /** The rubric first-pass scoring checks a transcript against. */
  keyConcepts: z.array(z.string().min(2)).min(3),
  timeLimitSec: z.number().int().min(15).max(900).default(DEFAULT_ANSWER_LIMIT_SEC),
});
export type SpokenQuestion = z.infer<typeof SpokenQuestion>;

export const McqQuestion = z
  .object({
    ...base,
    kind: z.literal('mcq'),
    prompt: z.string().min(10),
    options: z.array(z.string().min(1)).length(4),
    correctIndex: z.number().int().min(0).max(3),
    explanation: z.string().min(10),
    timeLimitSec: z.number().int().min(10).max(600).default(60),
  })
  .refine((q) => new Set(q.options.map((o) => o.trim().toLowerCase())).size === 4, {
    message: 'options must be distinct',
    path: ['options'],
  });
export type McqQuestion = z.infer<typeof McqQuestion>;

/** A test case is plain JSON so it can travel through Yjs, SQLite and the LLM. */
export const CodeTestCase = z.object({
  args: z.array(z.unknown()),
  expected: z.unknown(),
  description: z.string().optional(),
});
export type CodeTestCase = z.infer<typeof CodeTestCase>;

export const CodingTask = z.object({
  ...base,
  kind: z.literal('coding'),
  title: z.string().min(3),
  statement: z.string().min(20),
  language: z.enum(['typescript', 'javascript']).default('typescript'),
  /** Name of the function the candidate implements; tests call it with `args`. */
  functionName: z.string().regex(/^[A-Za-z_$][\w$]*$/),
  signature: z.string().min(5),
  starterCode: z.string().min(5),
  /** Plain JavaScript that defines `functionName`; proves the hidden tests are passable. */
  referenceSolution: z.string().min(10),
  exampleTests: z.array(CodeTestCase).min(1),
  hiddenTests: z.array(CodeTestCase).min(2),
  timeLimitSec: z.number().int().min(60).max(3600).default(900),
});
export type CodingTask = z.infer<typeof CodingTask>;

export const Question = z.union([SpokenQuestion, McqQuestion, CodingTask]);
export type Question = z.infer<typeof Question>;
export type QuestionKind = Question['kind'];
