/**
 * Which items of a long list of unequal heights to draw: the ones in the scroller's view and a margin around it.
 * Heights are measured once drawn; an item not drawn yet counts as the estimate (the mean of those measured). Pure
 * arithmetic, kept apart from the component (WindowedList.tsx) so it is tested on its own.
 */

/** Where each item starts: `tops[i]` for item i, and `tops[count]` the list's whole height (gaps between items). */
export function itemTops(count: number, heightOf: (index: number) => number, gap: number): Float64Array {
  const tops = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) tops[i + 1] = tops[i]! + heightOf(i) + (i < count - 1 ? gap : 0);
  return tops;
}

export interface DrawnRange {
  /** First item drawn. */
  start: number;
  /** One past the last item drawn. */
  end: number;
}

/**
 * The items that overlap [scrollTop − margin, scrollTop + viewport + margin]. With no viewport known yet (0), the
 * last `fallback` items: a chat opens at its newest message.
 */
export function drawnRange(tops: Float64Array, scrollTop: number, viewport: number, margin: number, fallback = 10): DrawnRange {
  const count = tops.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  if (viewport <= 0) return { start: Math.max(0, count - fallback), end: count };
  const from = Math.max(0, scrollTop - margin);
  const to = scrollTop + viewport + margin;
  // Drawn: from the first item whose bottom lies below `from`, up to the first whose top is at or below `to`.
  const start = Math.min(count - 1, firstIndex(tops, 1, (top) => top > from) - 1);
  const end = Math.max(start + 1, firstIndex(tops, 0, (top) => top >= to));
  return { start: Math.max(0, start), end: Math.min(count, end) };
}

/** The smallest index i ≥ lo where `past(tops[i])` holds (tops.length when none): a binary search over ascending tops. */
function firstIndex(tops: Float64Array, lo: number, past: (top: number) => boolean): number {
  let hi = tops.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(tops[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The height to assume for an item not measured yet: the mean of the measured ones, or `fallback` before any. */
export function estimatedHeight(measured: Iterable<number>, fallback: number): number {
  let sum = 0;
  let n = 0;
  for (const h of measured) {
    sum += h;
    n++;
  }
  return n === 0 ? fallback : sum / n;
}

/** What WindowedList lays out: the drawn runs of items, the room before, between and after them. */
export interface DrawnLayout {
  /** Room for the undrawn items before the first run, in px (the list's top padding). */
  before: number;
  /** One run, or two when a kept item lies apart from the view's. */
  runs: DrawnRange[];
  /** Between the two runs: the undrawn items' room less the gaps on either side of the spacer, in px. */
  between: number;
  /** Room for the undrawn items after the last run, in px (the list's bottom padding). */
  after: number;
}

/**
 * The view's `range` plus item `kept` (the one holding the keyboard's focus: unmounting it would drop the focus to
 * the page), which may lie far from the view: then it is drawn as a run of its own, and a spacer of `between` px
 * (an item of the list's grid, so a gap on each side of it) keeps every item where `tops` puts it.
 */
export function drawnLayout(tops: Float64Array, range: DrawnRange, kept: number | null, gap: number): DrawnLayout {
  const count = tops.length - 1;
  const total = tops[count] ?? 0;
  const afterRun = (end: number) => (end < count ? total - tops[end]! + gap : 0);
  const inRange = kept === null || kept < 0 || kept >= count || (kept >= range.start - 1 && kept <= range.end);
  if (inRange) {
    const run = kept === null || kept < 0 || kept >= count ? range : { start: Math.min(range.start, kept), end: Math.max(range.end, kept + 1) };
    return { before: tops[run.start] ?? 0, runs: [run], between: 0, after: afterRun(run.end) };
  }
  if (kept < range.start) {
    return { before: tops[kept]!, runs: [{ start: kept, end: kept + 1 }, range], between: tops[range.start]! - tops[kept + 1]! - gap, after: afterRun(range.end) };
  }
  return { before: tops[range.start]!, runs: [range, { start: kept, end: kept + 1 }], between: tops[kept]! - tops[range.end]! - gap, after: afterRun(kept + 1) };
}
