/**
 * Which digest changes the results projection treats as a count alone (sync-server/admin/results-projection.ts
 * countsOnlyChange): those recompute only the results row's engagement columns, so a change to anything else the
 * interview's rows are made of (a rating, its note, a field appearing) must never pass as one.
 */
import { describe, expect, it } from 'vitest';
import { sameJson } from '../../src/domain/json-equal';
import { countsOnlyChange } from '../../sync-server/admin/results-projection';

const rating = { questionId: 'q-1', reviewer: 'host:Hana', role: 'host', by: 'Hana', score: 4, note: 'clear', at: 1_000 };
const staff = (over: Record<string, unknown> = {}) => ({ ratings: [rating], reactions: 3, chat: 2, ...over });
const stored = (digest: unknown) => JSON.stringify(digest);

describe('countsOnlyChange', () => {
  it('is a count change when only reactions, chat or an audience or approval count moved', () => {
    expect(countsOnlyChange('staff', stored(staff()), staff({ reactions: 4 }))).toBe(true);
    expect(countsOnlyChange('staff', stored(staff()), staff({ reactions: 2, chat: 9 }))).toBe(true);
    expect(countsOnlyChange('audience', stored({ count: 1 }), { count: 2 })).toBe(true);
    expect(countsOnlyChange('moderation', stored({ count: 2 }), { count: 1 })).toBe(true);
  });

  it('is a whole change when anything beside the counts differs, however deep', () => {
    expect(countsOnlyChange('staff', stored(staff()), staff({ reactions: 4, ratings: [{ ...rating, score: 5 }] }))).toBe(false);
    expect(countsOnlyChange('staff', stored(staff()), staff({ ratings: [{ ...rating, note: 'clearer' }] }))).toBe(false);
    expect(countsOnlyChange('staff', stored(staff()), staff({ ratings: [rating, { ...rating, by: 'Ivo' }] }))).toBe(false);
    expect(countsOnlyChange('staff', stored(staff()), staff({ ratings: [] }))).toBe(false);
    expect(countsOnlyChange('staff', stored(staff()), staff({ ratings: [{ ...rating, note: null }] }))).toBe(false);
    // A field that appears (or goes) is a change, though every field both have is equal.
    expect(countsOnlyChange('staff', stored(staff()), { ...staff(), extra: 1 })).toBe(false);
    expect(countsOnlyChange('staff', stored({ ...staff(), extra: 1 }), staff())).toBe(false);
  });

  it('is a whole change for a kind without counts, and for a digest that appears or goes', () => {
    const plan = { title: 'T', archetype: 'backend', depth: 'd', questions: [] };
    expect(countsOnlyChange('plan', stored(plan), { ...plan, title: 'U' })).toBe(false);
    expect(countsOnlyChange('stage', stored({ uploaded: [] }), { uploaded: ['r'] })).toBe(false);
    expect(countsOnlyChange('staff', null, staff())).toBe(false);
    expect(countsOnlyChange('audience', stored({ count: 1 }), null)).toBe(false);
  });
});

describe('sameJson', () => {
  it('compares JSON values as their JSON would, key order and undefined keys aside', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameJson({ a: [1, { c: 'x' }] }, { a: [1, { c: 'y' }] })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ a: null }, { a: 0 })).toBe(false);
    expect(sameJson({ a: null }, {})).toBe(false);
  });
});
