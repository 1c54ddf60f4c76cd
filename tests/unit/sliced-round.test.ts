import { describe, expect, it } from 'vitest';
import { SlicedRound } from '../../sync-server/collab/sliced-round';

describe('SlicedRound: a walk over a live collection, a slice per tick', () => {
  it('visits each item once per round, a slice of ceil(size / ticks) per tick', () => {
    const items = new Set(Array.from({ length: 10 }, (_, i) => i));
    const seen: number[][] = [];
    const round = new SlicedRound(items, 1000, 4, (item) => seen.at(-1)!.push(item));
    for (let t = 0; t < 4; t++) {
      seen.push([]);
      round.tick(t * 100);
    }
    expect(seen).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
  });

  it('starts the next round an interval after the last began, not before', () => {
    const items = new Set(['a', 'b']);
    const visits: Array<[string, number]> = [];
    const round = new SlicedRound(items, 1000, 2, (item, now) => visits.push([item, now]));
    for (let now = 0; now <= 2000; now += 100) round.tick(now);
    // Round 1 at 0 and 100 (its end found at 200), round 2 at 1000 and 1100, round 3 at 2000.
    expect(visits).toEqual([['a', 0], ['b', 100], ['a', 1000], ['b', 1100], ['a', 2000]]);
  });

  it('visits items added during a round and skips those deleted before their turn', () => {
    const items = new Map([['a', 1], ['b', 2], ['c', 3]]);
    const seen: number[] = [];
    const round = new SlicedRound(items, 1000, 3, (v) => seen.push(v));
    round.tick(0);
    items.delete('b');
    items.set('d', 4);
    for (let now = 100; now < 1000; now += 100) round.tick(now);
    expect(seen).toEqual([1, 3, 4]);
  });

  it('waits over an empty collection for items to visit, and refuses a round of no ticks', () => {
    const items = new Set<number>();
    const seen: number[] = [];
    const round = new SlicedRound(items, 1000, 5, (v, now) => seen.push(now));
    round.tick(0);
    items.add(7);
    // Visited on the next tick (as a connection that opens just after the server started), then the round ends.
    round.tick(100);
    round.tick(200);
    round.tick(300);
    expect(seen).toEqual([100]);
    round.tick(1000);
    expect(seen).toEqual([100, 1000]);
    expect(() => new SlicedRound(items, 1000, 0, () => {})).toThrow(/at least one tick/);
  });
});
