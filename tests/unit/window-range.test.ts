/**
 * window-range.ts: which items of a long list of unequal heights WindowedList draws for a scroll position.
 */
import { describe, expect, it } from 'vitest';
import { drawnRange, estimatedHeight, itemTops } from '../../src/app/components/windowed-list/window-range';

describe('itemTops', () => {
  it('places each item after the ones before it and a gap, with no gap after the last', () => {
    const tops = itemTops(3, (i) => [10, 20, 30][i]!, 4);
    expect([...tops]).toEqual([0, 14, 38, 68]);
  });

  it('is a single zero for an empty list', () => {
    expect([...itemTops(0, () => 1, 4)]).toEqual([0]);
  });
});

describe('drawnRange', () => {
  // 1,000 items of 100 px, no gaps: item i spans [100 i, 100 i + 100).
  const tops = itemTops(1000, () => 100, 0);

  it('draws the items overlapping the view and the margin on each side', () => {
    expect(drawnRange(tops, 50_000, 500, 0)).toEqual({ start: 500, end: 505 });
    expect(drawnRange(tops, 50_050, 500, 0)).toEqual({ start: 500, end: 506 });
    expect(drawnRange(tops, 50_000, 500, 200)).toEqual({ start: 498, end: 507 });
  });

  it('stays inside the list at both ends', () => {
    expect(drawnRange(tops, 0, 500, 1000)).toEqual({ start: 0, end: 15 });
    expect(drawnRange(tops, 99_500, 500, 1000)).toEqual({ start: 985, end: 1000 });
    // Scrolled past the end (a list that just shrank): still the last item, never an empty range.
    expect(drawnRange(tops, 200_000, 500, 0)).toEqual({ start: 999, end: 1000 });
  });

  it('draws the last items while the view has no size yet: a chat opens at its newest', () => {
    expect(drawnRange(tops, 0, 0, 600, 10)).toEqual({ start: 990, end: 1000 });
    expect(drawnRange(itemTops(3, () => 100, 0), 0, 0, 600, 10)).toEqual({ start: 0, end: 3 });
  });

  it('finds items of very different heights', () => {
    // One 5,000 px item among 10 px ones: a view inside it draws it alone.
    const mixed = itemTops(100, (i) => (i === 50 ? 5000 : 10), 0);
    expect(drawnRange(mixed, 2000, 300, 0)).toEqual({ start: 50, end: 51 });
  });

  it('is empty for an empty list', () => {
    expect(drawnRange(itemTops(0, () => 1, 0), 0, 500, 100)).toEqual({ start: 0, end: 0 });
  });
});

describe('estimatedHeight', () => {
  it('is the mean of the measured heights, or the fallback before any', () => {
    expect(estimatedHeight([], 140)).toBe(140);
    expect(estimatedHeight([100, 300], 140)).toBe(200);
  });
});
