/**
 * The app <-> sync-server protocol of the question generator (POST /api/generate).
 *
 * The request is one JSON object. The response is NDJSON: one event per line,
 * each carrying the protocol version, so a cached app talking to a newer server
 * (or the reverse) fails with a clear message instead of misreading events.
 * The same events are produced by the browser when it has to plan offline, so
 * the UI has one code path whatever produced the questions.
 */
import { z } from '../zod-mini';
import { ARCHETYPE_IDS, DEPTH_IDS, MAX_DURATION_MIN, MIN_DURATION_MIN } from '../archetypes';
import { Question } from '../questions';

export const GENERATE_PROTOCOL_VERSION = 1;
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';
/** A request is a handful of short fields; anything bigger is a mistake or abuse. */
export const MAX_GENERATE_REQUEST_BYTES = 4 * 1024;

export const GenerateRequest = z.strictObject({
  archetype: z.enum(ARCHETYPE_IDS),
  depth: z.enum(DEPTH_IDS),
  durationMin: z.number().check(z.int(), z.gte(MIN_DURATION_MIN), z.lte(MAX_DURATION_MIN)),
  /** Same range as InterviewMeta.seed: the bank part of the plan is reproducible from it. */
  seed: z.number().check(z.int()),
  /** Gives the model context ("Senior payments backend"); may be empty before the host names the session. */
  sessionTitle: z._default(z.string().check(z.trim(), z.maxLength(120)), ''),
});
export type GenerateRequest = z.input<typeof GenerateRequest>;
export type ParsedGenerateRequest = z.output<typeof GenerateRequest>;

/** Which generator produced a question (a subset of QuestionSource: the host adds none here). */
export const GenerationSource = z.enum(['llm', 'bank']);
export type GenerationSource = z.infer<typeof GenerationSource>;

/**
 * Why the offline bank supplied questions the model was meant to write.
 * Server side: no-key … refused. Browser side: `offline` (the sync server could
 * not be reached or the stream broke), `unavailable` (it answered, but not
 * with a generator stream: an older server, a proxy error page, a crash) and
 * `no-host-link` (this device holds no host token, so no server was asked).
 */
export const FallbackReason = z.enum([
  'no-key',
  'timeout',
  'network',
  'rate-limited',
  'server-error',
  'invalid-output',
  'auth-failed',
  'refused',
  'offline',
  'unavailable',
  'no-host-link',
]);
export type FallbackReason = z.infer<typeof FallbackReason>;

export const GenerationStage = z.enum(['planning', 'asking-model', 'receiving', 'topping-up', 'finishing']);
export type GenerationStage = z.infer<typeof GenerationStage>;

const Mix = z.object({
  spoken: z.number().check(z.int(), z.gte(0)),
  mcq: z.number().check(z.int(), z.gte(0)),
  coding: z.number().check(z.int(), z.gte(0)),
  estimatedMinutes: z.number().check(z.int(), z.gte(0)),
});

const SourceCounts = z.object({ llm: z.number().check(z.int(), z.gte(0)), bank: z.number().check(z.int(), z.gte(0)) });
export type SourceCounts = z.infer<typeof SourceCounts>;

export const RejectedItem = z.object({
  /** 0-based position of the item in the model's list. */
  position: z.number().check(z.int(), z.gte(0)),
  /** The kind the item claimed to be, when it said. */
  kind: z.nullable(z.string()),
  reason: z.string(),
});
export type RejectedItem = z.infer<typeof RejectedItem>;

const v = z.literal(GENERATE_PROTOCOL_VERSION);

export const StartedEvent = z.object({
  v,
  type: z.literal('started'),
  source: GenerationSource,
  /** Set when the plan is bank-only from the start. */
  reason: z.nullable(FallbackReason),
  /** The model asked, when the source is 'llm'. */
  model: z.nullable(z.string()),
  mix: Mix,
});

export const ProgressEvent = z.object({
  v,
  type: z.literal('progress'),
  stage: GenerationStage,
  fraction: z.number().check(z.gte(0), z.lte(1)),
  message: z.string(),
});

export const QuestionEvent = z.object({
  v,
  type: z.literal('question'),
  source: GenerationSource,
  question: Question,
});

export const RejectedEvent = z.object({
  v,
  type: z.literal('rejected'),
  /** Items rejected in this event. */
  count: z.number().check(z.int(), z.gte(1)),
  /** Items rejected so far in this generation. */
  total: z.number().check(z.int(), z.gte(1)),
  reasons: z.array(RejectedItem).check(z.minLength(1)),
});

export const FallbackEvent = z.object({
  v,
  type: z.literal('fallback'),
  reason: FallbackReason,
  /** Plain sentence for the host, e.g. "The AI service did not answer within 30 seconds." */
  message: z.string(),
  /** Model questions accepted before the model path ended; they stay in the plan. */
  keptFromLlm: z.number().check(z.int(), z.gte(0)),
});

export const DoneEvent = z.object({
  v,
  type: z.literal('done'),
  /** The plan, ordered for delivery; each question's `source` says who wrote it. */
  questions: z.array(Question),
  counts: SourceCounts,
  /** Why the bank was used, if it was used instead of (part of) the model's answer. */
  fallback: z.nullable(FallbackReason),
  rejected: z.number().check(z.int(), z.gte(0)),
  model: z.nullable(z.string()),
  /** Plain note for the host: which source produced the questions, and why. */
  note: z.string(),
});

export const ErrorEvent = z.object({
  v,
  type: z.literal('error'),
  message: z.string(),
});

export const GenerateEvent = z.discriminatedUnion('type', [
  StartedEvent,
  ProgressEvent,
  QuestionEvent,
  RejectedEvent,
  FallbackEvent,
  DoneEvent,
  ErrorEvent,
]);
export type GenerateEvent = z.infer<typeof GenerateEvent>;
export type StartedEvent = z.infer<typeof StartedEvent>;
export type ProgressEvent = z.infer<typeof ProgressEvent>;
export type QuestionEvent = z.infer<typeof QuestionEvent>;
export type RejectedEvent = z.infer<typeof RejectedEvent>;
export type FallbackEvent = z.infer<typeof FallbackEvent>;
export type DoneEvent = z.infer<typeof DoneEvent>;
export type ErrorEvent = z.infer<typeof ErrorEvent>;

/** Event constructors take everything but the version. */
type WithoutVersion<E> = E extends unknown ? Omit<E, 'v'> : never;
export type EventBody = WithoutVersion<GenerateEvent>;

export function makeEvent(body: EventBody): GenerateEvent {
  return { v: GENERATE_PROTOCOL_VERSION, ...body } as GenerateEvent;
}

/** One NDJSON line. JSON.stringify never emits a raw newline, so a line is exactly one event. */
export function encodeEvent(event: GenerateEvent): string {
  return `${JSON.stringify(event)}\n`;
}

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** Parses and checks one line; a version mismatch gets its own message because the fix differs (reload). */
export function decodeEventLine(line: string): GenerateEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new ProtocolError(`The generator sent a line that is not JSON: ${line.slice(0, 80)}`);
  }
  if (typeof raw === 'object' && raw !== null && 'v' in raw && raw.v !== GENERATE_PROTOCOL_VERSION) {
    throw new ProtocolError(
      `The sync server speaks generator protocol v${String(raw.v)}, this app v${GENERATE_PROTOCOL_VERSION}. Reload the page to update the app.`,
    );
  }
  const parsed = GenerateEvent.safeParse(raw);
  if (!parsed.success) {
    throw new ProtocolError(`The generator sent an event this app does not understand: ${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}

/** "durationMin: Too big: expected number to be <=120; seed: Invalid input" */
export function formatIssues(error: z.core.$ZodError, max = 5): string {
  const parts = error.issues.slice(0, max).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  if (error.issues.length > max) parts.push(`and ${error.issues.length - max} more`);
  return parts.join('; ');
}
