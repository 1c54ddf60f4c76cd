import { describe, expect, it } from 'vitest';
import { TokenUsageTable } from '../../sync-server/collab/token-usage';

describe('TokenUsageTable sweep: idle tokens forgotten a slice per tick', () => {
  it('forgets only tokens with no connection and a full budget, spread over the round\'s ticks', () => {
    // A budget refilling at 1e-9 per second stays spent for the test's life.
    const table = new TokenUsageTable<string>(2, 1e-9);
    for (let i = 0; i < 40; i++) table.get(`idle-${i}`);
    table.get('connected').add('conn-1', 'iv.guest');
    table.get('spent').upgrades.tryTake(1);
    const round = table.sweepRound(5_000, 10);
    // 42 entries over 10 ticks: 5 per tick, so the first tick forgets at most 5 of the idle ones.
    round.tick(0);
    expect(table.size).toBe(42 - 5);
    // Later slices are smaller (a slice is a share of what is left), so the round takes a few more ticks; it ends
    // within its interval.
    for (let now = 100; now < 5_000; now += 100) round.tick(now);
    expect(table.size).toBe(2);
    expect(table.peek('connected')?.conns.size).toBe(1);
    expect(table.peek('spent')).toBeDefined();
  });

  it('keeps a token that connects before its slice is visited, and forgets it on a later round once idle', () => {
    const table = new TokenUsageTable<string>(2, 1e-9);
    for (let i = 0; i < 10; i++) table.get(`t-${i}`);
    const round = table.sweepRound(1_000, 10);
    round.tick(0); // visits t-0 only
    table.get('t-9').add('conn', 'iv.guest');
    for (let now = 100; now < 1_000; now += 100) round.tick(now);
    expect([...Array(10).keys()].filter((i) => table.peek(`t-${i}`))).toEqual([9]);
    table.get('t-9').remove('conn', 'iv.guest');
    for (let now = 1_000; now < 2_000; now += 100) round.tick(now);
    expect(table.size).toBe(0);
  });
});
