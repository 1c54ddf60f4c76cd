/**
 * Schemas and types of the guest's stage machine. The state travels through
 * IndexedDB and the shared `stage` document, and events arrive from the guest's
 * UI, the guest's timers and workers, and the host's overrides, so both are zod
 * schemas: anything read back from storage or the network is parsed, never trusted.
 *
 * Time is always stored as timestamps (ms since epoch), never as a counter that
 * ticks: after a reload the remaining time is `deadline - now`, computed, not restored.
 */
import { z } from '../zod-mini';

export const STAGES = ['setup', 'intro', 'question', 'recording', 'processing', 'paused', 'error', 'completed'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

/**
 * - `pending`: shown (or not yet reached), no answer yet.
 * - `recording`: an attempt is being recorded (first take or re-record).
 * - `interrupted`: an attempt was cut off (crash, reload, failure); the guest keeps it or records again.
 * - `processing`: a recorded answer waits for transcription and first-pass scoring.
 * - `answered`: final for now (re-record still possible while re-records are left).
 * - `timed-out`: the time limit passed without an answer.
 * - `skipped`: the host moved on without an answer.
 * - `blocked`: the host marked the question as not answerable (technical problem); excluded from scoring.
 */
export const ANSWER_STATUSES = [
  'pending',
  'recording',
  'interrupted',
  'processing',
  'answered',
  'timed-out',
  'skipped',
  'blocked',
] as const;
export const AnswerStatus = z.enum(ANSWER_STATUSES);
export type AnswerStatus = z.infer<typeof AnswerStatus>;

export const ACTOR_ROLES = ['guest', 'host', 'system'] as const;
/** Who sent an event: the guest, a host (override), or the guest's own machinery (timers, workers). */
export const Actor = z.object({
  role: z.enum(ACTOR_ROLES),
  /** Subject of the role token, when known; kept in the log. */
  id: z.optional(z.string().check(z.maxLength(200))),
});
export type Actor = z.infer<typeof Actor>;
export type ActorRole = Actor['role'];

const timestamp = z.number().check(z.nonnegative());

/** The per-question facts the machine needs; built from the plan by `slotsFromQuestions`. */
export const QuestionSlot = z.object({
  id: z.string().check(z.minLength(1)),
  kind: z.enum(['spoken', 'mcq', 'coding']),
  timeLimitSec: z.number().check(z.int(), z.positive()),
  /** Number of options of a multiple-choice question. */
  optionCount: z.optional(z.number().check(z.int(), z.positive())),
});
export type QuestionSlot = z.infer<typeof QuestionSlot>;

export const Accommodations = z.object({
  /** Extra time on every time limit, in percent (50 = one and a half times as long). */
  extraTimePct: z.number().check(z.int(), z.gte(0), z.lte(300)),
  /** Re-records on top of the interview's allowance, per question. */
  extraRerecords: z.number().check(z.int(), z.gte(0), z.lte(20)),
  /** The guest types spoken answers instead of recording them. */
  typingInsteadOfSpeaking: z.boolean(),
});
export type Accommodations = z.infer<typeof Accommodations>;

export const NO_ACCOMMODATIONS: Accommodations = { extraTimePct: 0, extraRerecords: 0, typingInsteadOfSpeaking: false };

export const StageRules = z.object({
  /** Re-records per spoken question before accommodations. */
  rerecordsAllowed: z.number().check(z.int(), z.gte(0), z.lte(20)),
});
export type StageRules = z.infer<typeof StageRules>;

export const DEFAULT_RULES: StageRules = { rerecordsAllowed: 1 };

export const Consent = z.object({
  recording: z.boolean(),
  aiScoring: z.boolean(),
  at: timestamp,
});
export type Consent = z.infer<typeof Consent>;

/**
 * The one running clock. Spoken answers are timed from the start of a recording;
 * multiple-choice, coding and typed answers from the moment the question is shown.
 * While paused (or in error) `pausedAt` is set and the remaining time is frozen at
 * `deadline - pausedAt`; resuming moves the deadline by the time spent paused.
 */
export const QuestionTimer = z.object({
  questionId: z.string(),
  purpose: z.enum(['answer-recording', 'question']),
  startedAt: timestamp,
  deadline: timestamp,
  limitMs: z.number().check(z.int(), z.positive()),
  pausedAt: z.nullable(timestamp),
});
export type QuestionTimer = z.infer<typeof QuestionTimer>;

export const InterruptedAttempt = z.object({
  recordingId: z.string(),
  /** Audio known to be stored, when known; 0 means nothing usable was kept. */
  durationMs: z.nullable(z.number().check(z.nonnegative())),
  /** Whether the cut-off take was a re-record (a complete earlier answer exists). */
  wasRerecord: z.boolean(),
});
export type InterruptedAttempt = z.infer<typeof InterruptedAttempt>;

export const AnswerState = z.object({
  questionId: z.string(),
  status: AnswerStatus,
  /** The recording that counts as the answer: only ever a complete (or deliberately kept) take. */
  recordingId: z.nullable(z.string()),
  durationMs: z.nullable(z.number().check(z.nonnegative())),
  /** Every recording id ever started for this question, oldest first (no id is reused). */
  attempts: z.array(z.string()),
  /** The take being recorded now. */
  activeRecordingId: z.nullable(z.string()),
  activeIsRerecord: z.boolean(),
  interrupted: z.nullable(InterruptedAttempt),
  rerecordsUsed: z.number().check(z.int(), z.nonnegative()),
  mcqChoice: z.nullable(z.number().check(z.int(), z.nonnegative())),
  text: z.nullable(z.string()),
  code: z.nullable(z.string()),
  shownAt: z.nullable(timestamp),
  answeredAt: z.nullable(timestamp),
  stoppedBy: z.nullable(z.enum(['guest', 'time-limit', 'host'])),
  processing: z.nullable(
    z.object({ outcome: z.enum(['ok', 'failed']), detail: z.nullable(z.string()), at: timestamp }),
  ),
  /** Time the host added to this question. */
  extraTimeMs: z.number().check(z.int(), z.nonnegative()),
  /** The host's reason for skipping or blocking. */
  hostNote: z.nullable(z.string()),
});
export type AnswerState = z.infer<typeof AnswerState>;

/** Where `error` returns to. A recording never resumes after a failure: the take becomes `interrupted`. */
export const ResumeStage = z.enum(['setup', 'intro', 'question', 'processing', 'paused']);
export type ResumeStage = z.infer<typeof ResumeStage>;

export const PauseInfo = z.object({
  by: z.enum(['guest', 'host']),
  at: timestamp,
  reason: z.nullable(z.string()),
  resumeTo: z.enum(['question', 'recording', 'processing']),
});
export type PauseInfo = z.infer<typeof PauseInfo>;

export const ERROR_CODES = ['microphone', 'storage-full', 'storage', 'recorder', 'worker', 'network', 'unknown'] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string(),
  at: timestamp,
  resumeTo: ResumeStage,
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export const LogEntry = z.object({
  at: timestamp,
  actor: Actor,
  type: z.string(),
  questionId: z.nullable(z.string()),
  detail: z.nullable(z.string()),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const RefusalEntry = z.extend(LogEntry, { reason: z.string() });
export type RefusalEntry = z.infer<typeof RefusalEntry>;

export const STAGE_STATE_VERSION = 1;

export const StageState = z
  .object({
    schemaVersion: z.literal(STAGE_STATE_VERSION),
    interviewId: z.string().check(z.minLength(1)),
    stage: Stage,
    questions: z.array(QuestionSlot),
    /** Parallel to `questions`. */
    answers: z.array(AnswerState),
    currentIndex: z.number().check(z.int(), z.nonnegative()),
    consent: z.nullable(Consent),
    /** Set when the guest declines AI-assisted scoring: only humans rate this interview. */
    humanReviewOnly: z.boolean(),
    accommodations: Accommodations,
    rules: StageRules,
    techCheck: z.nullable(
      z.object({ passedAt: timestamp, inputDeviceId: z.nullable(z.string()), by: z.enum(['guest', 'host']) }),
    ),
    timer: z.nullable(QuestionTimer),
    pause: z.nullable(PauseInfo),
    error: z.nullable(ErrorInfo),
    completedAt: z.nullable(timestamp),
    /** Incremented by every applied transition; lets sync pick the newer copy. */
    revision: z.number().check(z.int(), z.nonnegative()),
    createdAt: timestamp,
    updatedAt: timestamp,
    log: z.array(LogEntry),
    /** Most recent refused events (bounded), so the host can see what was attempted. */
    refusals: z.array(RefusalEntry),
  })
  .check(
    z.refine((s) => s.answers.length === s.questions.length, { message: 'answers must parallel questions' }),
    z.refine((s) => s.questions.length === 0 || s.currentIndex < s.questions.length, {
      message: 'currentIndex out of range',
    }),
  );
export type StageState = z.infer<typeof StageState>;

// ---------------------------------------------------------------------------
// Events

const base = { actor: Actor, at: timestamp };
const recordingId = z.string().check(z.minLength(1), z.maxLength(200));
/** Optional on host overrides: when given, the override applies only if that question is still current, so a double click cannot skip two questions. */
const expectedQuestion = z.optional(z.string().check(z.minLength(1)));

export const StageEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('TECH_CHECK_PASSED'), ...base, inputDeviceId: z.optional(z.nullable(z.string())) }),
  z.object({ type: z.literal('CONSENT_GIVEN'), ...base, recording: z.boolean(), aiScoring: z.boolean() }),
  z.object({ type: z.literal('START_INTERVIEW'), ...base }),
  z.object({ type: z.literal('START_RECORDING'), ...base, recordingId }),
  z.object({
    type: z.literal('STOP_RECORDING'),
    ...base,
    recordingId,
    durationMs: z.optional(z.number().check(z.nonnegative())),
  }),
  z.object({
    type: z.literal('TIME_LIMIT_REACHED'),
    ...base,
    questionId: z.string(),
    durationMs: z.optional(z.number().check(z.nonnegative())),
  }),
  z.object({
    type: z.literal('ANSWER_PROCESSED'),
    ...base,
    questionId: z.string(),
    recordingId: z.optional(recordingId),
    outcome: z.enum(['ok', 'failed']),
    detail: z.optional(z.string().check(z.maxLength(2000))),
  }),
  z.object({ type: z.literal('ANSWER_MCQ'), ...base, questionId: z.string(), choiceIndex: z.number().check(z.int()) }),
  z.object({ type: z.literal('ANSWER_CODE'), ...base, questionId: z.string(), code: z.string() }),
  z.object({ type: z.literal('ANSWER_TEXT'), ...base, questionId: z.string(), text: z.string() }),
  z.object({ type: z.literal('NEXT_QUESTION'), ...base }),
  z.object({ type: z.literal('REQUEST_PAUSE'), ...base, reason: z.optional(z.string().check(z.maxLength(500))) }),
  z.object({ type: z.literal('RESUME'), ...base }),
  z.object({
    type: z.literal('FAIL'),
    ...base,
    code: ErrorCode,
    message: z.string().check(z.maxLength(2000)),
    /** Audio stored for the take being recorded, when the failure ends a recording. 0 drops the take. */
    recordedMs: z.optional(z.number().check(z.nonnegative())),
  }),
  z.object({ type: z.literal('RETRY'), ...base }),
  z.object({
    type: z.literal('RECOVER_INTERRUPTED_RECORDING'),
    ...base,
    /** keep: the cut-off take becomes the answer; rerecord: start a new take (needs recordingId); discard: return to the earlier complete answer. */
    choice: z.enum(['keep', 'rerecord', 'discard']),
    recordingId: z.optional(recordingId),
  }),
  z.object({ type: z.literal('RERECORD'), ...base, recordingId }),
  z.object({
    type: z.literal('HOST_NEXT'),
    ...base,
    questionId: expectedQuestion,
    reason: z.optional(z.string().check(z.maxLength(500))),
  }),
  z.object({ type: z.literal('HOST_PAUSE'), ...base, reason: z.optional(z.string().check(z.maxLength(500))) }),
  z.object({ type: z.literal('HOST_RESUME'), ...base }),
  z.object({
    type: z.literal('HOST_EXTEND_TIME'),
    ...base,
    questionId: expectedQuestion,
    extraSec: z.number().check(z.int()),
  }),
  z.object({
    type: z.literal('HOST_MARK_BLOCKED'),
    ...base,
    questionId: expectedQuestion,
    reason: z.string().check(z.maxLength(500)),
  }),
  z.object({ type: z.literal('HOST_SET_ACCOMMODATIONS'), ...base, accommodations: Accommodations }),
]);
export type StageEvent = z.infer<typeof StageEvent>;
export type StageEventType = StageEvent['type'];
export type EventOf<T extends StageEventType> = Extract<StageEvent, { type: T }>;

export type TransitionResult = { ok: true; state: StageState } | { ok: false; reason: string };

/** What storage knows about a recording; the machine's view of `RecordingRecord`. */
export interface StoredRecordingSummary {
  id: string;
  questionId: string;
  attempt: number;
  status: 'recording' | 'complete' | 'discarded';
  durationMs: number;
  bytes: number;
  startedAt: number;
}
