/**
 * The time left, from the state's deadline (never a counter, so a reload shows
 * the truth). Sighted users see it tick; screen readers hear it at sensible
 * moments only (each whole minute, 30 s, the 15 s warning, time up), through
 * one polite and one assertive live region.
 */
import { useEffect, useRef, useState } from 'react';
import { TIME_WARNING_MS, timerView, type StageState } from '../../../domain/stage';
import { formatClock, formatDuration } from './format';
import { useNow } from '../../hooks/use-now';

function milestone(ms: number): number | null {
  if (ms <= 0) return 0;
  if (ms <= TIME_WARNING_MS) return 15_000;
  if (ms <= 30_000) return 30_000;
  return Math.ceil(ms / 60_000) * 60_000;
}

export function CountdownTimer({ state, label }: { state: StageState; label: string }) {
  const running = state.timer !== null && state.timer.pausedAt === null;
  const now = useNow(250, running);
  const view = timerView(state, now);
  const [polite, setPolite] = useState('');
  const [assertive, setAssertive] = useState('');
  const last = useRef<{ key: string; mark: number | null }>({ key: '', mark: null });

  const key = view ? `${view.questionId}:${view.purpose}` : '';
  const mark = view ? milestone(view.remainingMs) : null;
  useEffect(() => {
    if (!view) return;
    const previous = last.current;
    last.current = { key, mark };
    // First render of this timer: announce the total once, quietly.
    if (previous.key !== key) {
      setPolite(`${label}: ${formatDuration(view.remainingMs)} left.`);
      return;
    }
    if (mark === previous.mark || mark === null) return;
    if (mark === 0) setAssertive('Time is up.');
    else if (mark === 15_000) setAssertive('15 seconds left.');
    else setPolite(`${formatDuration(mark)} left.`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, mark]);

  if (!view) return null;
  const usedPct = view.limitMs > 0 ? Math.min(100, Math.round(((view.limitMs - view.remainingMs) / view.limitMs) * 100)) : 0;
  return (
    <div className={`countdown${view.warning ? ' countdown-warning' : ''}${view.frozen ? ' countdown-frozen' : ''}`} data-testid="countdown" data-remaining-ms={view.remainingMs}>
      <span className="countdown-label">{label}</span>
      <span role="timer" aria-live="off" className="countdown-clock" aria-label={`${formatDuration(view.remainingMs)} left`}>
        {formatClock(view.remainingMs, view.limitMs)}
      </span>
      {view.frozen && <span className="countdown-note">paused</span>}
      <div className="countdown-bar" aria-hidden="true">
        <div style={{ width: `${usedPct}%` }} />
      </div>
      <span className="sr-only" aria-live="polite">
        {polite}
      </span>
      <span className="sr-only" aria-live="assertive">
        {assertive}
      </span>
    </div>
  );
}
