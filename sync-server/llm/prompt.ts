/**
 * What the model is asked: a system prompt with the rules, a user message that
 * is a JSON spec of this interview, and a response format derived from the very
 * zod schema the bank is validated against (minus the fields the server fills
 * in itself, so the model cannot get them wrong).
 */
import { z } from 'zod';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { archetypeLabel, type CognitiveDepth, type JobArchetype } from '../../src/domain/archetypes';
import { Question, type QuestionKind } from '../../src/domain/questions';
import type { PlanMix } from '../../src/domain/planning/types';
import { answerLimitSec } from './item-validation';
import type { ResponseFormatMode } from './config';

/** Fields the server sets on every model item (id, provenance, tags, time limits). */
export const SERVER_OWNED_FIELDS = ['id', 'source', 'archetypes', 'depths', 'timeLimitSec'] as const;

/** The user message: machine-readable, so any model (and the test server) reads the same facts. */
export interface GenerationSpec {
  task: 'interview-questions';
  role: string;
  archetype: JobArchetype;
  depth: CognitiveDepth;
  sessionTitle: string | null;
  counts: Record<QuestionKind, number>;
  answerLimitSec: Record<QuestionKind, number>;
  difficultyRange: [number, number];
}

const DIFFICULTY: Record<CognitiveDepth, [number, number]> = { standard: [1, 3], advanced: [2, 4], expert: [3, 5] };

export function buildSpec(
  req: { archetype: JobArchetype; depth: CognitiveDepth; sessionTitle: string },
  mix: PlanMix,
): GenerationSpec {
  return {
    task: 'interview-questions',
    role: archetypeLabel(req.archetype),
    archetype: req.archetype,
    depth: req.depth,
    sessionTitle: req.sessionTitle.trim() || null,
    counts: { spoken: mix.spoken, mcq: mix.mcq, coding: mix.coding },
    answerLimitSec: {
      spoken: answerLimitSec('spoken', req.depth),
      mcq: answerLimitSec('mcq', req.depth),
      coding: answerLimitSec('coding', req.depth),
    },
    difficultyRange: DIFFICULTY[req.depth],
  };
}

let cachedSchema: Record<string, unknown> | null = null;

/** JSON Schema of `{ questions: Question[] }` as the model writes it. */
export function responseJsonSchema(): Record<string, unknown> {
  if (cachedSchema) return cachedSchema;
  const full = z.toJSONSchema(z.object({ questions: z.array(Question) }), {
    io: 'input',
    // Test-case args and expected values are "any JSON"; say so rather than fail.
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  delete full.$schema;
  const items = (full.properties as { questions: { items: { anyOf: Array<Record<string, unknown>> } } }).questions.items;
  for (const variant of items.anyOf) {
    const props = variant.properties as Record<string, unknown>;
    for (const f of SERVER_OWNED_FIELDS) delete props[f];
    variant.required = (variant.required as string[]).filter((r) => !(SERVER_OWNED_FIELDS as readonly string[]).includes(r));
  }
  cachedSchema = full;
  return full;
}

const RULES = `You write technical interview questions for InterQ, a live interview tool.
The user message is a JSON spec: the role, the cognitive depth, the session title (context only) and how many questions of each kind to write.

Answer with exactly one JSON object of the form {"questions": [ ... ]} and nothing else: no prose, no Markdown fences.
List the spoken questions first, then the multiple-choice ("mcq") ones, then the coding tasks. Write exactly the counts asked for.

Every item has "kind", "topic" (a short subject label such as "HTTP caching") and "difficulty" (an integer within the spec's difficultyRange).
- kind "spoken": the candidate answers aloud within answerLimitSec.spoken seconds. "prompt" is the question as read aloud (no code blocks); "referenceAnswer" is a strong answer in a few sentences; "keyConcepts" lists 3 to 6 short phrases a good answer mentions (used to score the transcript).
- kind "mcq": "prompt", "options" (exactly 4 distinct strings, one correct), "correctIndex" (0 to 3), "explanation" (why the correct option is right).
- kind "coding": a small self-contained function. "title", "statement" (the task, with input and output described), "language" ("typescript"), "functionName" (a JavaScript identifier), "signature" (the TypeScript signature), "starterCode" (the function with an empty body), "referenceSolution" (plain JavaScript that defines functionName and passes every test), "exampleTests" (at least 1) and "hiddenTests" (at least 2), each test {"args": [ ...arguments ], "expected": return value, "description": optional}; args and expected are plain JSON.

Questions must suit the role and depth, differ from each other, test understanding rather than trivia, and never give the answer away in the prompt.`;

export function buildMessages(spec: GenerationSpec, mode: ResponseFormatMode): ChatCompletionCreateParamsStreaming['messages'] {
  const system =
    mode === 'json_object'
      ? `${RULES}\n\nThe JSON object must match this JSON Schema:\n${JSON.stringify(responseJsonSchema())}`
      : RULES;
  return [
    { role: 'system', content: system },
    { role: 'user', content: JSON.stringify(spec) },
  ];
}

export function buildResponseFormat(mode: ResponseFormatMode): ChatCompletionCreateParamsStreaming['response_format'] {
  if (mode === 'json_object') return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: {
      name: 'interview_questions',
      description: 'Interview questions in the InterQ question format',
      schema: responseJsonSchema(),
      // Strict mode only takes a subset of JSON Schema (no "any JSON" test values, no
      // min/max on some servers); the server validates every item with zod anyway.
      strict: false,
    },
  };
}

