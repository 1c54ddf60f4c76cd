/**
 * The wrap-up's remembered plan (sync-server/synthesis/plan-memo.ts): read once per state of the plan and key
 * documents, and read again after any change to either, an edit made here, one received from another device, or a
 * deletion alone (which moves no state vector).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fullPlanOf } from '../../sync-server/synthesis/plan-memo';
import { readFullPlan, writePlan } from '../../src/sync/plan-doc';
import { publishedBankPlan } from '../support/bank-plan';
import type { QuestionKey } from '../../src/domain/plan-split';

function published(id = 'iv-memo') {
  const plan = new Y.Doc();
  const key = new Y.Doc();
  writePlan(plan, key, publishedBankPlan(id));
  return { plan, key };
}

describe('fullPlanOf', () => {
  it('is readFullPlan, read once while neither document changes', () => {
    const { plan, key } = published();
    const first = fullPlanOf(plan, key);
    expect(first).toEqual(readFullPlan(plan, key));
    expect(fullPlanOf(plan, key)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('reads again after the plan is edited here', () => {
    const { plan, key } = published();
    const before = fullPlanOf(plan, key)!;
    const edited = publishedBankPlan('iv-memo');
    writePlan(plan, key, { ...edited, meta: { ...edited.meta, title: 'Renamed' } });
    expect(fullPlanOf(plan, key)!.meta.title).toBe('Renamed');
    expect(before.meta.title).not.toBe('Renamed');
  });

  it('reads again after a change received from another device', () => {
    const { plan, key } = published();
    fullPlanOf(plan, key);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(plan));
    other.getMap('meta').set('title', 'From the host');
    Y.applyUpdate(plan, Y.encodeStateAsUpdate(other, Y.encodeStateVector(plan)));
    expect(fullPlanOf(plan, key)!.meta.title).toBe('From the host');
  });

  it('reads again after a deletion alone in the key document (no state vector moves)', () => {
    const { plan, key } = published();
    const n = fullPlanOf(plan, key)!.questions.length;
    const sv = Y.encodeStateVector(key);
    const first = [...key.getMap<QuestionKey>('keys').keys()][0]!;
    key.getMap('keys').delete(first);
    expect(Y.encodeStateVector(key)).toEqual(sv);
    expect(fullPlanOf(plan, key)!.questions).toHaveLength(n - 1);
    expect(fullPlanOf(plan, key)).toEqual(readFullPlan(plan, key));
  });

  it('reads again for another key document beside the same plan (a reloaded key)', () => {
    const { plan, key } = published();
    fullPlanOf(plan, key);
    const empty = new Y.Doc();
    expect(fullPlanOf(plan, empty)!.questions).toEqual([]);
  });
});
