/** Durations as guests read them. */

/** "2 minutes", "1 minute 30 seconds", "45 seconds". */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  const min = m === 1 ? '1 minute' : `${m} minutes`;
  const sec = s === 1 ? '1 second' : `${s} seconds`;
  if (m === 0) return sec;
  return s === 0 ? min : `${min} ${sec}`;
}

/** "1:05" for a countdown. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
