/**
 * window-range.ts: which items of a long list of unequal heights WindowedList draws for a scroll position.
 */
import { describe, expect, it } from 'vitest';
import { drawnLayout, drawnRange, estimatedHeight, itemTops } from '../../src/app/components/windowed-list/window-range';

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

describe('drawnLayout', () => {
  // 100 items of 100 px with 10 px gaps: item i starts at 110 i; the list is 10,990 px tall.
  const tops = itemTops(100, () => 100, 10);

  it('pads the undrawn items before and after the view', () => {
    expect(drawnLayout(tops, { start: 10, end: 15 }, null, 10)).toEqual({ before: 1100, runs: [{ start: 10, end: 15 }], between: 0, after: 10_990 - 1650 + 10 });
    expect(drawnLayout(tops, { start: 95, end: 100 }, null, 10).after).toBe(0);
  });

  it('joins a kept item next to the view to its run', () => {
    expect(drawnLayout(tops, { start: 10, end: 15 }, 9, 10)).toEqual({ before: 990, runs: [{ start: 9, end: 15 }], between: 0, after: 10_990 - 1650 + 10 });
    expect(drawnLayout(tops, { start: 10, end: 15 }, 15, 10)).toEqual({ before: 1100, runs: [{ start: 10, end: 16 }], between: 0, after: 10_990 - 1760 + 10 });
    expect(drawnLayout(tops, { start: 10, end: 15 }, 12, 10).runs).toEqual([{ start: 10, end: 15 }]);
  });

  it('draws a kept item far above the view as its own run, a spacer keeping every item in place', () => {
    const layout = drawnLayout(tops, { start: 50, end: 55 }, 3, 10);
    expect(layout.runs).toEqual([{ start: 3, end: 4 }, { start: 50, end: 55 }]);
    expect(layout.before).toBe(330);
    // Item 3 ends at 430; a gap, the spacer, a gap, and item 50 starts at 5,500.
    expect(430 + 10 + layout.between + 10).toBe(5500);
  });

  it('draws a kept item far below the view as its own run', () => {
    const layout = drawnLayout(tops, { start: 10, end: 15 }, 80, 10);
    expect(layout.runs).toEqual([{ start: 10, end: 15 }, { start: 80, end: 81 }]);
    // Item 14 ends at 1,640; a gap, the spacer, a gap, and item 80 starts at 8,800; after it, items 81-99.
    expect(1640 + 10 + layout.between + 10).toBe(8800);
    expect(layout.after).toBe(10_990 - 8900);
  });

  it('ignores a kept item no longer in the list', () => {
    expect(drawnLayout(tops, { start: 10, end: 15 }, 100, 10).runs).toEqual([{ start: 10, end: 15 }]);
    expect(drawnLayout(tops, { start: 10, end: 15 }, -1, 10).runs).toEqual([{ start: 10, end: 15 }]);
  });
});
