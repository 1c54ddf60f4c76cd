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

/** A figure space: as wide as a digit in tabular figures, so a clock padded with it keeps each digit in its place. */
const FIGURE_SPACE = '\u2007';

/**
 * "1:05" for a countdown; with `longest` (the countdown's start), padded on the left to that clock's length, so
 * "9:59" after "10:00" reads " 9:59": as wide, the colon where it was. Unpadded, the clock's text started one digit
 * further right at each minute that lost a digit, and the countdown's line moved 14 px on a phone.
 */
export function formatClock(ms: number, longest?: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const clock = `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  return longest === undefined ? clock : clock.padStart(formatClock(Math.max(ms, longest)).length, FIGURE_SPACE);
}
