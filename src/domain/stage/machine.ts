/**
 * The guest's stage machine: one pure function from (state, event) to the next
 * state or a refusal. The guest's UI, its timers and workers, and the host's
 * overrides all go through `transition`; a refused event changes nothing and
 * comes back with a reason for the caller to log (`recordRefusal`).
 */
import {
  advance,
  currentAnswer,
  currentSlot,
  earlierAnswerStatus,
  enterQuestion,
  interruptActiveTake,
  patchCurrent,
  resolveForHostMove,
  settleActiveTake,
  settleTake,
  startTake,
  syncQuestionTimer,
} from './answer-ops';
import { isAllowedInStage, maySend } from './table';
import { answerMode, freezeTimer, rerecordsAllowed, thawTimer } from './timer';
import type {
  AnswerState,
  EventOf,
  LogEntry,
  RefusalEntry,
  Stage,
  StageEvent,
  StageEventType,
  StageState,
  TransitionResult,
} from './types';

type Step = { next: StageState; detail?: string | null; questionId?: string | null } | { refuse: string };
type Handler<T extends StageEventType> = (state: StageState, event: EventOf<T>) => Step;

const refuse = (reason: string): Step => ({ refuse: reason });
const MAX_EXTENSION_SEC = 3600;
const MAX_REFUSALS_KEPT = 50;

/** Stages in which a question is on screen (possibly behind a pause or an error). */
function interviewStarted(state: StageState): boolean {
  if (state.stage === 'error') return !['setup', 'intro'].includes(state.error?.resumeTo ?? 'setup');
  return !['setup', 'intro', 'completed'].includes(state.stage);
}

function checkExpectedQuestion(state: StageState, questionId: string | undefined): string | null {
  if (questionId === undefined) return null;
  const slot = currentSlot(state);
  return slot?.id === questionId ? null : `question ${questionId} is not the current question (${slot?.id ?? 'none'})`;
}

function withinTime(state: StageState, at: number): string | null {
  const timer = state.timer;
  const slot = currentSlot(state);
  if (!timer || !slot || timer.questionId !== slot.id) return 'the time for this question is over';
  if (timer.pausedAt === null && at >= timer.deadline) return 'the time limit has passed';
  return null;
}

/** An answer may be given or changed while it is pending, or already answered without a recording. */
function acceptsWrittenAnswer(answer: AnswerState): string | null {
  if (answer.status === 'pending') return null;
  if (answer.status === 'answered' && answer.recordingId === null) return null;
  return `the answer is ${answer.status} and cannot be changed`;
}

const handlers: { [T in StageEventType]: Handler<T> } = {
  TECH_CHECK_PASSED(state, e) {
    return {
      next: { ...state, stage: 'intro', techCheck: { passedAt: e.at, inputDeviceId: e.inputDeviceId ?? null, by: 'guest' } },
    };
  },

  CONSENT_GIVEN(state, e) {
    return {
      next: {
        ...state,
        consent: { recording: e.recording, aiScoring: e.aiScoring, at: e.at },
        humanReviewOnly: !e.aiScoring,
      },
      detail: `recording ${e.recording ? 'yes' : 'no'}, AI scoring ${e.aiScoring ? 'yes' : 'no'}`,
    };
  },

  START_INTERVIEW(state, e) {
    if (!state.consent) return refuse('consent has not been given');
    if (state.questions.length === 0) return refuse('the interview has no questions');
    return { next: enterQuestion(state, 0, e.at), questionId: state.questions[0]!.id };
  },

  START_RECORDING(state, e) {
    const slot = currentSlot(state)!;
    const answer = currentAnswer(state)!;
    if (slot.kind !== 'spoken') return refuse(`a ${slot.kind} question is not answered by recording`);
    if (answerMode(state) !== 'voice') return refuse('answers are typed in this interview');
    if (answer.status === 'answered') return refuse('the question is already answered: use RERECORD');
    if (answer.status === 'interrupted') return refuse('the interrupted recording must be kept or recorded again first');
    if (answer.status !== 'pending') return refuse(`the answer is ${answer.status}`);
    if (answer.attempts.includes(e.recordingId)) return refuse(`recording ${e.recordingId} was already used`);
    return { next: startTake(state, e.recordingId, false, e.at), detail: e.recordingId };
  },

  RERECORD(state, e) {
    const slot = currentSlot(state)!;
    const answer = currentAnswer(state)!;
    if (slot.kind !== 'spoken') return refuse(`a ${slot.kind} question is not answered by recording`);
    if (answerMode(state) !== 'voice') return refuse('answers are typed in this interview');
    // A slow transcriber must not hold the guest up: the earlier take may still be processing (it stands, and is
    // processed, unless the new take completes).
    if ((answer.status !== 'answered' && answer.status !== 'processing') || !answer.recordingId) {
      return refuse(`only a recorded answer can be re-recorded (answer is ${answer.status})`);
    }
    const allowed = rerecordsAllowed(state);
    if (answer.rerecordsUsed >= allowed) return refuse(`no re-records left (${answer.rerecordsUsed} of ${allowed} used)`);
    if (answer.attempts.includes(e.recordingId)) return refuse(`recording ${e.recordingId} was already used`);
    return { next: startTake(state, e.recordingId, true, e.at), detail: e.recordingId };
  },

  STOP_RECORDING(state, e) {
    const answer = currentAnswer(state)!;
    if (answer.activeRecordingId !== e.recordingId) return refuse(`recording ${e.recordingId} is not the one being recorded`);
    return { next: settleActiveTake(state, 'guest', e.durationMs ?? null, e.at), detail: e.recordingId };
  },

  TIME_LIMIT_REACHED(state, e) {
    const slot = currentSlot(state)!;
    if (e.questionId !== slot.id) return refuse(`question ${e.questionId} is not the current question`);
    const timer = state.timer;
    if (!timer || timer.questionId !== slot.id) return refuse('no time limit is running');
    if (timer.pausedAt !== null) return refuse('the timer is frozen');
    if (e.at < timer.deadline) return refuse(`the time limit is not reached (${timer.deadline - e.at} ms left)`);
    if (state.stage === 'recording') return { next: settleActiveTake(state, 'time-limit', e.durationMs ?? null, e.at) };
    const answer = currentAnswer(state)!;
    const status = answer.status === 'pending' ? 'timed-out' : answer.status;
    return { next: { ...patchCurrent(state, { status }), timer: null }, detail: status };
  },

  ANSWER_PROCESSED(state, e) {
    const index = state.questions.findIndex((q) => q.id === e.questionId);
    const answer = state.answers[index];
    if (!answer) return refuse(`unknown question ${e.questionId}`);
    if (answer.status !== 'processing') return refuse(`the answer to ${e.questionId} is ${answer.status}, not processing`);
    if (e.recordingId !== undefined && e.recordingId !== answer.recordingId) {
      return refuse(`recording ${e.recordingId} is no longer the answer to ${e.questionId}`);
    }
    const answers = state.answers.map((a, i) =>
      i === index
        ? { ...a, status: 'answered' as const, processing: { outcome: e.outcome, detail: e.detail ?? null, at: e.at } }
        : a,
    );
    const backToQuestion = state.stage === 'processing' && index === state.currentIndex;
    return {
      next: { ...state, answers, stage: backToQuestion ? 'question' : state.stage },
      questionId: e.questionId,
      detail: e.outcome,
    };
  },

  ANSWER_MCQ(state, e) {
    const slot = currentSlot(state)!;
    if (e.questionId !== slot.id) return refuse(`question ${e.questionId} is not the current question`);
    if (slot.kind !== 'mcq') return refuse(`question ${slot.id} is not multiple choice`);
    const optionCount = slot.optionCount ?? 4;
    if (!Number.isInteger(e.choiceIndex) || e.choiceIndex < 0 || e.choiceIndex >= optionCount) {
      return refuse(`choice ${e.choiceIndex} is not one of the ${optionCount} options`);
    }
    const problem = acceptsWrittenAnswer(currentAnswer(state)!) ?? withinTime(state, e.at);
    if (problem) return refuse(problem);
    return {
      next: patchCurrent(state, { status: 'answered', mcqChoice: e.choiceIndex, answeredAt: e.at }),
      detail: `choice ${e.choiceIndex}`,
    };
  },

  ANSWER_CODE(state, e) {
    const slot = currentSlot(state)!;
    if (e.questionId !== slot.id) return refuse(`question ${e.questionId} is not the current question`);
    if (slot.kind !== 'coding') return refuse(`question ${slot.id} is not a coding task`);
    if (e.code.trim() === '') return refuse('the submitted code is empty');
    const problem = acceptsWrittenAnswer(currentAnswer(state)!) ?? withinTime(state, e.at);
    if (problem) return refuse(problem);
    return {
      next: patchCurrent(state, { status: 'answered', code: e.code, answeredAt: e.at }),
      detail: `${e.code.length} characters`,
    };
  },

  ANSWER_TEXT(state, e) {
    const slot = currentSlot(state)!;
    if (e.questionId !== slot.id) return refuse(`question ${e.questionId} is not the current question`);
    if (slot.kind !== 'spoken') return refuse(`question ${slot.id} is not a spoken question`);
    if (answerMode(state) !== 'typed') return refuse('answers are spoken in this interview');
    if (e.text.trim() === '') return refuse('the answer is empty');
    const problem = acceptsWrittenAnswer(currentAnswer(state)!) ?? withinTime(state, e.at);
    if (problem) return refuse(problem);
    return {
      next: patchCurrent(state, { status: 'answered', text: e.text, answeredAt: e.at }),
      detail: `${e.text.length} characters`,
    };
  },

  NEXT_QUESTION(state, e) {
    const answer = currentAnswer(state)!;
    if (!['answered', 'timed-out', 'processing'].includes(answer.status)) {
      return refuse(`the current question is ${answer.status}: answer it first`);
    }
    return { next: advance({ ...state, timer: null }, e.at) };
  },

  REQUEST_PAUSE(state, e) {
    const answer = currentAnswer(state)!;
    const between =
      ['answered', 'timed-out', 'processing'].includes(answer.status) || (answer.status === 'pending' && state.timer === null);
    if (!between) return refuse('a pause can only be taken between questions');
    return {
      next: {
        ...state,
        stage: 'paused',
        pause: { by: 'guest', at: e.at, reason: e.reason ?? null, resumeTo: state.stage as 'question' | 'processing' },
        timer: freezeTimer(state.timer, e.at),
      },
      detail: e.reason ?? null,
    };
  },

  RESUME(state, e) {
    if (state.pause?.by !== 'guest') return refuse('the host paused the interview: only the host can resume it');
    return { next: resumeFromPause(state, e.at) };
  },

  FAIL(state, e) {
    let next = state;
    let resumeTo: Stage = state.stage;
    const recording = state.stage === 'recording' || (state.stage === 'paused' && state.pause?.resumeTo === 'recording');
    if (recording) {
      // A failure ends the take: the audio stored so far waits for keep or record again.
      next = patchCurrent(state, interruptActiveTake(currentAnswer(state)!, e.recordedMs ?? null));
      next = { ...next, timer: null };
      if (state.stage === 'paused') next = { ...next, pause: { ...state.pause!, resumeTo: 'question' } };
      else resumeTo = 'question';
    } else {
      next = { ...state, timer: freezeTimer(state.timer, e.at) };
    }
    return {
      next: {
        ...next,
        stage: 'error',
        error: { code: e.code, message: e.message, at: e.at, resumeTo: resumeTo as NonNullable<StageState['error']>['resumeTo'] },
      },
      detail: `${e.code}: ${e.message}`,
    };
  },

  RETRY(state, e) {
    return { next: resumeFromError(state, e.at) };
  },

  RECOVER_INTERRUPTED_RECORDING(state, e) {
    const answer = currentAnswer(state)!;
    const cut = answer.interrupted;
    if (answer.status !== 'interrupted' || !cut) return refuse('there is no interrupted recording to recover');
    switch (e.choice) {
      case 'keep':
        if (cut.durationMs === 0) return refuse('nothing was recorded before the interruption');
        return {
          next: settleTake(state, { recordingId: cut.recordingId, isRerecord: cut.wasRerecord, durationMs: cut.durationMs }, 'guest', e.at),
          detail: `keep ${cut.recordingId}`,
        };
      case 'rerecord': {
        if (answerMode(state) !== 'voice') return refuse('answers are typed in this interview');
        if (!e.recordingId) return refuse('recording again needs a new recordingId');
        if (answer.attempts.includes(e.recordingId)) return refuse(`recording ${e.recordingId} was already used`);
        // Recording again after a crash is not the guest's choice: it costs no re-record until it completes.
        const cleared = patchCurrent(state, { interrupted: null });
        return { next: startTake(cleared, e.recordingId, cut.wasRerecord, e.at), detail: `rerecord ${e.recordingId}` };
      }
      case 'discard':
        if (!answer.recordingId) return refuse('there is no earlier answer to return to: keep the recording or record again');
        return { next: patchCurrent(state, { status: earlierAnswerStatus(answer), interrupted: null }), detail: `discard ${cut.recordingId}` };
    }
  },

  HOST_NEXT(state, e) {
    const stale = checkExpectedQuestion(state, e.questionId);
    if (state.stage === 'setup' || (state.stage === 'error' && state.error?.resumeTo === 'setup')) {
      return {
        next: {
          ...state,
          stage: 'intro',
          error: null,
          techCheck: { passedAt: e.at, inputDeviceId: state.techCheck?.inputDeviceId ?? null, by: 'host' },
        },
        detail: e.reason ?? 'technical check skipped by host',
      };
    }
    if (!interviewStarted(state)) return refuse('the guest must give consent before the interview can move on');
    if (stale) return refuse(stale);
    const resolved = patchCurrent(state, resolveForHostMove(currentAnswer(state)!, e.reason ?? null, e.at));
    return { next: advance({ ...resolved, timer: null, pause: null, error: null }, e.at), detail: e.reason ?? null };
  },

  HOST_PAUSE(state, e) {
    return {
      next: {
        ...state,
        stage: 'paused',
        pause: { by: 'host', at: e.at, reason: e.reason ?? null, resumeTo: state.stage as 'question' | 'recording' | 'processing' },
        timer: freezeTimer(state.timer, e.at),
      },
      detail: e.reason ?? null,
    };
  },

  HOST_RESUME(state, e) {
    return { next: state.stage === 'paused' ? resumeFromPause(state, e.at) : resumeFromError(state, e.at) };
  },

  HOST_EXTEND_TIME(state, e) {
    const stale = checkExpectedQuestion(state, e.questionId);
    if (stale) return refuse(stale);
    if (!Number.isInteger(e.extraSec) || e.extraSec < 1 || e.extraSec > MAX_EXTENSION_SEC) {
      return refuse(`extra time must be 1 to ${MAX_EXTENSION_SEC} seconds`);
    }
    const slot = currentSlot(state)!;
    const timer = state.timer;
    if (!timer || timer.questionId !== slot.id) return refuse('no time limit is running for the current question');
    const ms = e.extraSec * 1000;
    const extended = patchCurrent(state, { extraTimeMs: currentAnswer(state)!.extraTimeMs + ms });
    return {
      next: { ...extended, timer: { ...timer, deadline: timer.deadline + ms, limitMs: timer.limitMs + ms } },
      detail: `+${e.extraSec}s`,
    };
  },

  HOST_MARK_BLOCKED(state, e) {
    if (!interviewStarted(state)) return refuse('the interview has not started');
    const stale = checkExpectedQuestion(state, e.questionId);
    if (stale) return refuse(stale);
    if (e.reason.trim() === '') return refuse('blocking a question needs a reason');
    const blocked = patchCurrent(state, {
      status: 'blocked',
      hostNote: e.reason,
      activeRecordingId: null,
      activeIsRerecord: false,
      interrupted: null,
    });
    return { next: advance({ ...blocked, timer: null, pause: null, error: null }, e.at), detail: e.reason };
  },

  HOST_SET_ACCOMMODATIONS(state, e) {
    const next = syncQuestionTimer({ ...state, accommodations: { ...e.accommodations } }, e.at);
    const a = e.accommodations;
    return {
      next,
      detail: `extra time ${a.extraTimePct}%, extra re-records ${a.extraRerecords}, typing ${a.typingInsteadOfSpeaking ? 'on' : 'off'}`,
    };
  },
};

function resumeFromPause(state: StageState, at: number): StageState {
  const answer = currentAnswer(state);
  let to: Stage = state.pause!.resumeTo;
  // Processing may have finished during the pause.
  if (to === 'processing' && answer?.status !== 'processing') to = 'question';
  if (to === 'recording' && answer?.status !== 'recording') to = 'question';
  return syncQuestionTimer({ ...state, stage: to, pause: null, timer: thawTimer(state.timer, at) }, at);
}

function resumeFromError(state: StageState, at: number): StageState {
  const error = state.error!;
  if (error.resumeTo === 'paused' && state.pause) return { ...state, stage: 'paused', error: null };
  let to: Stage = error.resumeTo === 'paused' ? 'question' : error.resumeTo;
  if (to === 'processing' && currentAnswer(state)?.status !== 'processing') to = 'question';
  return syncQuestionTimer({ ...state, stage: to, error: null, timer: thawTimer(state.timer, at) }, at);
}

function logEntryFor(state: StageState, event: StageEvent, detail: string | null, questionId: string | null): LogEntry {
  return { at: event.at, actor: { ...event.actor }, type: event.type, questionId, detail };
}

export function transition(state: StageState, event: StageEvent): TransitionResult {
  // Events can come from untyped JavaScript and the network: a malformed one is refused, not thrown on.
  if (!event || typeof event !== 'object' || typeof event.type !== 'string' || !event.actor || typeof event.actor !== 'object') {
    return { ok: false, reason: 'malformed event' };
  }
  if (!(event.type in handlers)) return { ok: false, reason: `unknown event type ${event.type}` };
  if (!isAllowedInStage(state.stage, event.type)) {
    return { ok: false, reason: `${event.type} is not allowed in stage '${state.stage}'` };
  }
  if (!maySend(event.actor.role, event.type)) {
    return { ok: false, reason: `${event.type} cannot be sent by ${event.actor.role}` };
  }
  if (!Number.isFinite(event.at) || event.at < 0) return { ok: false, reason: 'event time is not a valid timestamp' };
  const handler = handlers[event.type] as Handler<StageEventType>;
  let step: Step;
  try {
    step = handler(state, event);
  } catch (error) {
    // Only a state that breaks the machine's invariants gets here (e.g. edited storage); refuse rather than crash the guest's page.
    return { ok: false, reason: `inconsistent state: ${error instanceof Error ? error.message : String(error)}` };
  }
  if ('refuse' in step) return { ok: false, reason: step.refuse };
  const questionId = step.questionId !== undefined ? step.questionId : interviewStarted(state) ? (currentSlot(state)?.id ?? null) : null;
  const entry = logEntryFor(state, event, step.detail ?? null, questionId);
  return {
    ok: true,
    state: {
      ...step.next,
      revision: state.revision + 1,
      updatedAt: Math.max(state.updatedAt, event.at),
      log: [...state.log, entry],
    },
  };
}

/** Keeps a refused event in the state's bounded refusal list, so the host's view shows what was attempted. */
export function recordRefusal(state: StageState, event: StageEvent, reason: string): StageState {
  const entry: RefusalEntry = {
    ...logEntryFor(state, event, null, interviewStarted(state) ? (currentSlot(state)?.id ?? null) : null),
    reason,
  };
  return {
    ...state,
    revision: state.revision + 1,
    updatedAt: Math.max(state.updatedAt, event.at),
    refusals: [...state.refusals, entry].slice(-MAX_REFUSALS_KEPT),
  };
}

export type DispatchResult = { ok: true; state: StageState } | { ok: false; reason: string; state: StageState };

/** `transition`, with a refusal recorded instead of dropped: what a UI usually wants. */
export function dispatch(state: StageState, event: StageEvent): DispatchResult {
  const result = transition(state, event);
  if (result.ok) return result;
  return { ok: false, reason: result.reason, state: recordRefusal(state, event, result.reason) };
}
