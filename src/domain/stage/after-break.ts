/**
 * What comes after a break, as the guest reads it on the paused screen. The machine keeps `currentIndex` on the
 * question in hand until the guest presses Next, so a guest who answered question 1 and then took a break is
 * still "on" question 1: the screen must say question 2 is next, not question 1 (issue #12).
 */
import type { AnswerStatus, StageState } from './types';

export type AfterBreak =
  /** The question in hand has no answer yet: it is next (0-based index). */
  | { kind: 'next'; index: number; total: number }
  /** A take was being recorded or was cut off: the guest goes back to that question. */
  | { kind: 'continue'; index: number; total: number }
  /** The question in hand is done; `index` is the one after it. */
  | { kind: 'next-after-done'; done: number; doneAs: DoneAs; index: number; total: number }
  /** The last question is done: resuming leads to finishing the interview. */
  | { kind: 'finish'; done: number; doneAs: DoneAs; total: number };

type DoneAs = 'answered' | 'timed-out' | 'skipped' | 'blocked';

const DONE_AS: Partial<Record<AnswerStatus, DoneAs>> = {
  answered: 'answered',
  // Waiting for transcription is the guest's part done.
  processing: 'answered',
  'timed-out': 'timed-out',
  skipped: 'skipped',
  blocked: 'blocked',
};

export function afterBreak(state: StageState): AfterBreak {
  const total = state.questions.length;
  const index = state.currentIndex;
  const status = state.answers[index]?.status ?? 'pending';
  const doneAs = DONE_AS[status];
  if (!doneAs) return status === 'pending' ? { kind: 'next', index, total } : { kind: 'continue', index, total };
  return index + 1 < total ? { kind: 'next-after-done', done: index, doneAs, index: index + 1, total } : { kind: 'finish', done: index, doneAs, total };
}

const DONE_TEXT: Record<DoneAs, (n: number) => string> = {
  answered: (n) => `You answered question ${n}`,
  'timed-out': (n) => `The time for question ${n} ran out`,
  skipped: (n) => `The host moved on from question ${n}`,
  blocked: (n) => `The host set question ${n} aside`,
};

/** One sentence for the paused screen. */
export function describeAfterBreak(next: AfterBreak): string {
  switch (next.kind) {
    case 'next':
      return `Question ${next.index + 1} of ${next.total} is next.`;
    case 'continue':
      return `Question ${next.index + 1} of ${next.total} continues after the break.`;
    case 'next-after-done':
      return `${DONE_TEXT[next.doneAs](next.done + 1)}; question ${next.index + 1} of ${next.total} is next.`;
    case 'finish':
      return `${DONE_TEXT[next.doneAs](next.done + 1)}: that was the last question, so finish the interview after the break.`;
  }
}
