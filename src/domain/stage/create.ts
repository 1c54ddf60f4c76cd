/** Building a fresh stage state from an interview plan, and reading one back safely. */
import type { Question } from '../questions';
import {
  DEFAULT_RULES,
  NO_ACCOMMODATIONS,
  STAGE_STATE_VERSION,
  StageEvent,
  StageState,
  type Accommodations,
  type AnswerState,
  type QuestionSlot,
  type StageRules,
} from './types';

export function slotsFromQuestions(questions: readonly Question[]): QuestionSlot[] {
  return questions.map((q) =>
    q.kind === 'mcq'
      ? { id: q.id, kind: q.kind, timeLimitSec: q.timeLimitSec, optionCount: q.options.length }
      : { id: q.id, kind: q.kind, timeLimitSec: q.timeLimitSec },
  );
}

export function emptyAnswer(questionId: string): AnswerState {
  return {
    questionId,
    status: 'pending',
    recordingId: null,
    durationMs: null,
    attempts: [],
    activeRecordingId: null,
    activeIsRerecord: false,
    interrupted: null,
    rerecordsUsed: 0,
    mcqChoice: null,
    text: null,
    code: null,
    shownAt: null,
    answeredAt: null,
    stoppedBy: null,
    processing: null,
    extraTimeMs: 0,
    hostNote: null,
  };
}

export interface CreateStageStateInput {
  interviewId: string;
  questions: readonly QuestionSlot[];
  accommodations?: Accommodations;
  rules?: StageRules;
  now: number;
}

export function createStageState(input: CreateStageStateInput): StageState {
  const ids = new Set(input.questions.map((q) => q.id));
  if (ids.size !== input.questions.length) throw new Error('createStageState: question ids must be unique');
  return {
    schemaVersion: STAGE_STATE_VERSION,
    interviewId: input.interviewId,
    stage: 'setup',
    questions: input.questions.map((q) => ({ ...q })),
    answers: input.questions.map((q) => emptyAnswer(q.id)),
    currentIndex: 0,
    consent: null,
    humanReviewOnly: false,
    accommodations: { ...(input.accommodations ?? NO_ACCOMMODATIONS) },
    rules: { ...(input.rules ?? DEFAULT_RULES) },
    techCheck: null,
    timer: null,
    pause: null,
    error: null,
    completedAt: null,
    revision: 0,
    createdAt: input.now,
    updatedAt: input.now,
    log: [],
    refusals: [],
  };
}

export type ParsedStageState = { ok: true; state: StageState } | { ok: false; reason: string };

/** Validates a state read from IndexedDB or the shared document; a corrupt copy is reported, not used. */
export function parseStageState(value: unknown): ParsedStageState {
  const parsed = StageState.safeParse(value);
  if (parsed.success) return { ok: true, state: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    reason: first ? `invalid stage state at ${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid stage state',
  };
}

export type ParsedStageEvent = { ok: true; event: StageEvent } | { ok: false; reason: string };

/** Validates an event from the network (a host override) or a worker before it reaches `transition`. */
export function parseStageEvent(value: unknown): ParsedStageEvent {
  const parsed = StageEvent.safeParse(value);
  if (parsed.success) return { ok: true, event: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    reason: first ? `invalid stage event at ${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid stage event',
  };
}
