/**
 * Time limits as pure arithmetic on timestamps. The UI ticks a display from
 * `timerView(state, Date.now())`; nothing in the state counts down, so a reload
 * shows exactly the time that is really left.
 */
import type { QuestionSlot, QuestionTimer, StageState } from './types';

/** The recording UI warns this long before the limit. */
export const TIME_WARNING_MS = 15_000;

export function answerMode(state: Pick<StageState, 'consent' | 'accommodations'>): 'voice' | 'typed' {
  return state.consent?.recording === false || state.accommodations.typingInsteadOfSpeaking ? 'typed' : 'voice';
}

/** Spoken questions in voice mode are timed per recording; everything else from when the question is shown. */
export function isTimedPerRecording(state: Pick<StageState, 'consent' | 'accommodations'>, slot: QuestionSlot): boolean {
  return slot.kind === 'spoken' && answerMode(state) === 'voice';
}

export function limitMsFor(state: Pick<StageState, 'accommodations'>, slot: QuestionSlot): number {
  return Math.round(slot.timeLimitSec * 1000 * (1 + state.accommodations.extraTimePct / 100));
}

export function rerecordsAllowed(state: Pick<StageState, 'rules' | 'accommodations'>): number {
  return state.rules.rerecordsAllowed + state.accommodations.extraRerecords;
}

export function startTimer(
  questionId: string,
  purpose: QuestionTimer['purpose'],
  limitMs: number,
  at: number,
): QuestionTimer {
  return { questionId, purpose, startedAt: at, deadline: at + limitMs, limitMs, pausedAt: null };
}

export function freezeTimer(timer: QuestionTimer | null, at: number): QuestionTimer | null {
  if (!timer || timer.pausedAt !== null) return timer;
  return { ...timer, pausedAt: at };
}

/** Moves the deadline by the time spent frozen, so a pause or a failure never costs the guest time. */
export function thawTimer(timer: QuestionTimer | null, at: number): QuestionTimer | null {
  if (!timer || timer.pausedAt === null) return timer;
  return { ...timer, deadline: timer.deadline + Math.max(0, at - timer.pausedAt), pausedAt: null };
}

export function remainingMs(timer: QuestionTimer, now: number): number {
  const reference = timer.pausedAt ?? now;
  return Math.max(0, timer.deadline - reference);
}

export interface TimerView {
  running: boolean;
  frozen: boolean;
  questionId: string;
  purpose: QuestionTimer['purpose'];
  limitMs: number;
  remainingMs: number;
  /** Inside the last 15 seconds. */
  warning: boolean;
  /** The limit is reached: dispatch TIME_LIMIT_REACHED. */
  expired: boolean;
  /** When to show the 15-second warning and when to stop, for scheduling (null while frozen). */
  warnAt: number | null;
  deadline: number | null;
}

export function timerView(state: Pick<StageState, 'timer'>, now: number): TimerView | null {
  const timer = state.timer;
  if (!timer) return null;
  const left = remainingMs(timer, now);
  const frozen = timer.pausedAt !== null;
  return {
    running: !frozen && left > 0,
    frozen,
    questionId: timer.questionId,
    purpose: timer.purpose,
    limitMs: timer.limitMs,
    remainingMs: left,
    warning: left > 0 && left <= TIME_WARNING_MS,
    expired: left === 0,
    warnAt: frozen ? null : timer.deadline - TIME_WARNING_MS,
    deadline: frozen ? null : timer.deadline,
  };
}
