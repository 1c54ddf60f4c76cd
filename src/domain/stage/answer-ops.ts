/**
 * Pure operations on the current question and its answer, shared by the
 * transition handlers, host overrides and reload recovery. Each returns a new
 * state; nothing is mutated.
 */
import { isTimedPerRecording, limitMsFor, startTimer } from './timer';
import type { AnswerState, QuestionSlot, StageState } from './types';

export function currentSlot(state: StageState): QuestionSlot | null {
  return state.questions[state.currentIndex] ?? null;
}

export function currentAnswer(state: StageState): AnswerState | null {
  return state.answers[state.currentIndex] ?? null;
}

export function patchAnswer(state: StageState, index: number, patch: Partial<AnswerState>): StageState {
  const answers = state.answers.map((a, i) => (i === index ? { ...a, ...patch } : a));
  return { ...state, answers };
}

export function patchCurrent(state: StageState, patch: Partial<AnswerState>): StageState {
  return patchAnswer(state, state.currentIndex, patch);
}

/** Statuses after which the question is done for the guest. */
const SETTLED: ReadonlySet<AnswerState['status']> = new Set(['answered', 'timed-out', 'skipped', 'blocked', 'processing']);

export function enterQuestion(state: StageState, index: number, at: number): StageState {
  const slot = state.questions[index];
  const answer = state.answers[index];
  if (!slot || !answer) throw new Error(`enterQuestion: no question at ${index}`);
  const shown = patchAnswer({ ...state, stage: 'question', currentIndex: index, pause: null, error: null }, index, {
    shownAt: answer.shownAt ?? at,
  });
  const needsQuestionTimer = !isTimedPerRecording(shown, slot) && !SETTLED.has(answer.status);
  const timer = needsQuestionTimer ? startTimer(slot.id, 'question', limitMsFor(shown, slot) + answer.extraTimeMs, at) : null;
  return { ...shown, timer };
}

/**
 * Makes the running clock match the answer mode on a question not yet answered:
 * typed, multiple-choice and coding answers are timed while shown, spoken ones
 * only while recording. Needed when the mode changes (host accommodation) and
 * when the guest returns to a question.
 */
export function syncQuestionTimer(state: StageState, at: number): StageState {
  const slot = currentSlot(state);
  const answer = currentAnswer(state);
  if (state.stage !== 'question' || !slot || answer?.status !== 'pending') return state;
  const perRecording = isTimedPerRecording(state, slot);
  if (perRecording && state.timer?.purpose === 'question') return { ...state, timer: null };
  if (!perRecording && state.timer === null) {
    return { ...state, timer: startTimer(slot.id, 'question', limitMsFor(state, slot) + answer.extraTimeMs, at) };
  }
  return state;
}

export function advance(state: StageState, at: number): StageState {
  const next = state.currentIndex + 1;
  if (next < state.questions.length) return enterQuestion(state, next, at);
  return { ...state, stage: 'completed', timer: null, pause: null, error: null, completedAt: at };
}

export function startTake(state: StageState, recordingId: string, isRerecord: boolean, at: number): StageState {
  const slot = currentSlot(state)!;
  const answer = currentAnswer(state)!;
  const started = patchCurrent(state, {
    status: 'recording',
    activeRecordingId: recordingId,
    activeIsRerecord: isRerecord,
    attempts: [...answer.attempts, recordingId],
    interrupted: null,
  });
  const timer = startTimer(slot.id, 'answer-recording', limitMsFor(state, slot) + answer.extraTimeMs, at);
  return { ...started, stage: 'recording', timer };
}

/**
 * Makes a finished take the answer. A re-record replaces the earlier answer only
 * here, once the new take is complete, and only then counts against the allowance.
 */
export function settleTake(
  state: StageState,
  take: { recordingId: string; isRerecord: boolean; durationMs: number | null },
  stoppedBy: NonNullable<AnswerState['stoppedBy']>,
  at: number,
): StageState {
  const answer = currentAnswer(state)!;
  const next = patchCurrent(state, {
    status: 'processing',
    recordingId: take.recordingId,
    durationMs: take.durationMs,
    activeRecordingId: null,
    activeIsRerecord: false,
    interrupted: null,
    rerecordsUsed: answer.rerecordsUsed + (take.isRerecord ? 1 : 0),
    answeredAt: at,
    stoppedBy,
    processing: null,
  });
  return { ...next, stage: 'processing', timer: null };
}

export function settleActiveTake(
  state: StageState,
  stoppedBy: NonNullable<AnswerState['stoppedBy']>,
  durationMs: number | null,
  at: number,
): StageState {
  const answer = currentAnswer(state)!;
  return settleTake(
    state,
    { recordingId: answer.activeRecordingId!, isRerecord: answer.activeIsRerecord, durationMs },
    stoppedBy,
    at,
  );
}

/**
 * What the earlier answer goes back to when a re-record does not replace it: answered once it was processed, else
 * processing again (a re-record may start before the earlier take's processing finished).
 */
export function earlierAnswerStatus(answer: AnswerState): 'answered' | 'processing' {
  return answer.processing ? 'answered' : 'processing';
}

/**
 * A take that ended abnormally. With audio (or unknown audio: never assume it
 * is lost) it waits for the guest's keep-or-record-again decision; a take known
 * to hold nothing is dropped and the earlier answer, if any, stands.
 */
export function interruptActiveTake(answer: AnswerState, storedMs: number | null): AnswerState {
  if (!answer.activeRecordingId) return answer;
  const base = { ...answer, activeRecordingId: null, activeIsRerecord: false };
  if (storedMs === 0) return { ...base, status: answer.recordingId ? earlierAnswerStatus(answer) : 'pending', interrupted: null };
  return {
    ...base,
    status: 'interrupted',
    interrupted: { recordingId: answer.activeRecordingId, durationMs: storedMs, wasRerecord: answer.activeIsRerecord },
  };
}

/** How a host override leaves the current answer when moving the guest on: nothing recorded is thrown away. */
export function resolveForHostMove(answer: AnswerState, reason: string | null, at: number): AnswerState {
  switch (answer.status) {
    case 'recording':
      return {
        ...answer,
        status: 'processing',
        recordingId: answer.activeRecordingId,
        durationMs: null,
        rerecordsUsed: answer.rerecordsUsed + (answer.activeIsRerecord ? 1 : 0),
        activeRecordingId: null,
        activeIsRerecord: false,
        answeredAt: at,
        stoppedBy: 'host',
        hostNote: reason,
      };
    case 'interrupted': {
      const cut = answer.interrupted!;
      // A complete earlier answer outranks a cut-off re-record; otherwise the partial take is all there is.
      if (answer.recordingId) return { ...answer, status: 'answered', interrupted: null, hostNote: reason };
      if (cut.durationMs === 0) return { ...answer, status: 'skipped', interrupted: null, hostNote: reason };
      return {
        ...answer,
        status: 'processing',
        recordingId: cut.recordingId,
        durationMs: cut.durationMs,
        interrupted: null,
        answeredAt: at,
        stoppedBy: 'host',
        hostNote: reason,
      };
    }
    case 'pending':
      return { ...answer, status: 'skipped', hostNote: reason };
    default:
      return answer;
  }
}
