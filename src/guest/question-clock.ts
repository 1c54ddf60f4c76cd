/**
 * Ends the time of multiple-choice, coding and typed answers, which run from the
 * moment the question is shown (spoken takes are timed by the take controller,
 * which must stop its recorder first). Scheduled from the state's deadline, so
 * after a reload a limit that passed while the page was closed fires at once.
 */
import { timerView, type StageState } from '../domain/stage';
import { watchTimeLimit } from '../media';
import type { GuestSession } from './session';

export function watchQuestionClock(session: GuestSession): () => void {
  let key = '';
  let disarm: (() => void) | null = null;
  const update = (state: StageState) => {
    const t = state.timer;
    const next = t && state.stage === 'question' && t.purpose === 'question' ? `${t.questionId}:${t.deadline}:${t.pausedAt}` : '';
    if (next === key) return;
    key = next;
    disarm?.();
    disarm = null;
    if (!t || next === '') return;
    const view = timerView(state, Date.now());
    if (!view) return;
    const questionId = t.questionId;
    disarm = watchTimeLimit(view, { onLimit: () => void session.system({ type: 'TIME_LIMIT_REACHED', questionId }) });
  };
  const unsubscribe = session.subscribe(update);
  update(session.getState());
  return () => {
    unsubscribe();
    disarm?.();
  };
}
