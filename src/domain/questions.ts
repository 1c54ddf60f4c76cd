/**
 * The question schema shared by the offline bank, the cloud generator's output
 * validation and the interview plan. One schema, so an LLM answer is held to
 * exactly the standard the curated bank is tested against.
 */
import { z } from './zod-mini';
import { ARCHETYPE_IDS, DEPTH_IDS } from './archetypes';

export const DEFAULT_ANSWER_LIMIT_SEC = 120;

/** Where a question came from; shown to the host next to each question. */
export const QuestionSource = z.enum(['bank', 'llm', 'host']);
export type QuestionSource = z.infer<typeof QuestionSource>;

const base = {
  id: z.string().check(z.minLength(1)),
  topic: z.string().check(z.minLength(1)),
  difficulty: z.number().check(z.int(), z.gte(1), z.lte(5)),
  archetypes: z.array(z.enum(ARCHETYPE_IDS)).check(z.minLength(1)),
  depths: z.array(z.enum(DEPTH_IDS)).check(z.minLength(1)),
  source: z._default(QuestionSource, 'bank'),
};

export const SpokenQuestion = z.object({
  ...base,
  kind: z.literal('spoken'),
  prompt: z.string().check(z.minLength(10)),
  referenceAnswer: z.string().check(z.minLength(20)),
  /** The rubric first-pass scoring checks a transcript against. */
  keyConcepts: z.array(z.string().check(z.minLength(2))).check(z.minLength(3)),
  timeLimitSec: z._default(z.number().check(z.int(), z.gte(15), z.lte(900)), DEFAULT_ANSWER_LIMIT_SEC),
});
export type SpokenQuestion = z.infer<typeof SpokenQuestion>;

export const McqQuestion = z
  .object({
    ...base,
    kind: z.literal('mcq'),
    prompt: z.string().check(z.minLength(10)),
    options: z.array(z.string().check(z.minLength(1))).check(z.length(4)),
    correctIndex: z.number().check(z.int(), z.gte(0), z.lte(3)),
    explanation: z.string().check(z.minLength(10)),
    timeLimitSec: z._default(z.number().check(z.int(), z.gte(10), z.lte(600)), 60),
  })
  .check(
    z.refine((q) => new Set(q.options.map((o) => o.trim().toLowerCase())).size === 4, {
      message: 'options must be distinct',
      path: ['options'],
    }),
  );
export type McqQuestion = z.infer<typeof McqQuestion>;

/** A test case is plain JSON so it can travel through Yjs, SQLite and the LLM. */
export const CodeTestCase = z.object({
  args: z.array(z.unknown()),
  expected: z.unknown(),
  description: z.optional(z.string()),
});
export type CodeTestCase = z.infer<typeof CodeTestCase>;

export const CodingTask = z.object({
  ...base,
  kind: z.literal('coding'),
  title: z.string().check(z.minLength(3)),
  statement: z.string().check(z.minLength(20)),
  language: z._default(z.enum(['typescript', 'javascript']), 'typescript'),
  /** Name of the function the candidate implements; tests call it with `args`. */
  functionName: z.string().check(z.regex(/^[A-Za-z_$][\w$]*$/)),
  signature: z.string().check(z.minLength(5)),
  starterCode: z.string().check(z.minLength(5)),
  /** Plain JavaScript that defines `functionName`; proves the hidden tests are passable. */
  referenceSolution: z.string().check(z.minLength(10)),
  exampleTests: z.array(CodeTestCase).check(z.minLength(1)),
  hiddenTests: z.array(CodeTestCase).check(z.minLength(2)),
  timeLimitSec: z._default(z.number().check(z.int(), z.gte(60), z.lte(3600)), 900),
});
export type CodingTask = z.infer<typeof CodingTask>;

export const Question = z.union([SpokenQuestion, McqQuestion, CodingTask]);
export type Question = z.infer<typeof Question>;
export type QuestionKind = Question['kind'];
