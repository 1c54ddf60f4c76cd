/**
 * validRecords remembers its verdict on each stored record (src/sync/valid-records.ts): the same answers as checking
 * every time, without parsing an unchanged record again, and never a stale answer for a value that did change.
 */
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { z } from '../../src/domain/zod-mini';
import { validRecords } from '../../src/sync/valid-records';

const Rec = z.object({ id: z.string().check(z.minLength(1)), n: z.number(), tags: z.array(z.string()) });

function counted() {
  const schema = z.object({ id: z.string().check(z.minLength(1)), n: z.number(), tags: z.array(z.string()) });
  const spy = vi.spyOn(schema, 'safeParse');
  return { schema, spy };
}

describe('validRecords', () => {
  it('gives what the schema says, skipping invalid records, extra fields stripped', () => {
    const doc = new Y.Doc();
    const arr = doc.getArray<unknown>('a');
    arr.push([{ id: 'a', n: 1, tags: ['x'], extra: true }, { id: '', n: 2, tags: [] }, 'not a record', { id: 'c', n: 3, tags: [] }]);
    expect(validRecords(Rec, arr.toArray())).toEqual([
      { id: 'a', n: 1, tags: ['x'] },
      { id: 'c', n: 3, tags: [] },
    ]);
    // Read again: the same answer.
    expect(validRecords(Rec, arr.toArray())).toEqual([
      { id: 'a', n: 1, tags: ['x'] },
      { id: 'c', n: 3, tags: [] },
    ]);
  });

  it('checks a stored record once: a later read of the document parses only what was added since', () => {
    const { schema, spy } = counted();
    const doc = new Y.Doc();
    const arr = doc.getArray<unknown>('a');
    arr.push([{ id: 'a', n: 1, tags: [] }, { id: '', n: 2, tags: [] }]);
    validRecords(schema, arr.toArray());
    expect(spy).toHaveBeenCalledTimes(2);
    arr.push([{ id: 'b', n: 3, tags: [] }]);
    expect(validRecords(schema, arr.toArray()).map((r) => r.id)).toEqual(['a', 'b']);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('applies to a document decoded from storage as to the live one, whose stored values are new objects', () => {
    const doc = new Y.Doc();
    doc.getArray<unknown>('a').push([{ id: 'a', n: 1, tags: [] }, { id: 'b', n: 'two', tags: [] }]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(validRecords(Rec, doc.getArray('a').toArray())).toEqual(validRecords(Rec, copy.getArray('a').toArray()));
    expect(validRecords(Rec, copy.getArray('a').toArray()).map((r) => r.id)).toEqual(['a']);
  });

  it('follows a map key whose value is replaced, valid to invalid and back', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>('m');
    map.set('k', { id: 'a', n: 1, tags: [] });
    expect(validRecords(Rec, map.values()).map((r) => r.n)).toEqual([1]);
    map.set('k', { id: 'a', n: 'bad', tags: [] });
    expect(validRecords(Rec, map.values())).toEqual([]);
    map.set('k', { id: 'a', n: 5, tags: [] });
    expect(validRecords(Rec, map.values()).map((r) => r.n)).toEqual([5]);
  });

  it('checks a nested Y type every time: its content changes in place', () => {
    const { schema, spy } = counted();
    const doc = new Y.Doc();
    const outer = doc.getArray<Y.Map<unknown>>('a');
    const inner = new Y.Map<unknown>();
    outer.push([inner]);
    inner.set('id', 'x');
    // A Y.Map is not a plain record: the schema refuses it whatever it holds, but it is asked each time.
    expect(validRecords(schema, outer.toArray())).toEqual([]);
    expect(validRecords(schema, outer.toArray())).toEqual([]);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('hands out records that cannot be changed, so one reader cannot alter what the next one reads', () => {
    const doc = new Y.Doc();
    doc.getArray<unknown>('a').push([{ id: 'a', n: 1, tags: ['x'] }]);
    const [first] = validRecords(Rec, doc.getArray('a').toArray());
    expect(() => {
      (first as { n: number }).n = 2;
    }).toThrow(TypeError);
    expect(() => (first!.tags as string[]).push('y')).toThrow(TypeError);
    expect(validRecords(Rec, doc.getArray('a').toArray())).toEqual([{ id: 'a', n: 1, tags: ['x'] }]);
  });
});
