/**
 * The results digest's counts of reactions, chat messages and audience questions are kept from each transaction's
 * inserts and deletes (src/sync/valid-id-count.ts) instead of parsing the whole array after every change. These
 * cases hold the kept counts to the whole-array reading (each valid record once per id) after random inserts at
 * the end and in the middle, deletes of ranges, duplicate ids (the same record pushed twice, another record under
 * an id already used), invalid records, primitives, nested Y types that change in place, changes made inside one
 * transaction and inside an observer, and concurrent changes of two devices merged both ways and into a third
 * document, plus documents loaded from a snapshot. Real Yjs documents; the oracle parses every record with the
 * schema itself, not through validRecords' memo.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ChatMessage, Reaction, countChat, countReactions } from '../../src/sync/staff-doc';
import { Submission, countSubmissions } from '../../src/sync/audience-doc';
import { countValidIds } from '../../src/sync/valid-id-count';
import { z } from '../../src/domain/zod-mini';
import { mulberry32 } from '../../src/domain/planning/prng';

type Schema = { safeParse(v: unknown): { success: boolean; data?: unknown } };

/** Per schema, the id each plain object it accepted holds (null: rejected); the test's own, not validRecords' memo. */
const verdicts = new Map<Schema, WeakMap<object, string | null>>();

function idIfValid(schema: Schema, v: unknown): string | null {
  const parse = (): string | null => {
    const parsed = schema.safeParse(v);
    return parsed.success ? (parsed.data as { id: string }).id : null;
  };
  if (typeof v !== 'object' || v === null || v instanceof Y.AbstractType) return parse();
  let known = verdicts.get(schema);
  if (!known) verdicts.set(schema, (known = new WeakMap()));
  if (!known.has(v)) known.set(v, parse());
  return known.get(v)!;
}

/** The whole-array reading, written independently: distinct ids of the values the schema accepts. */
function oracle(array: Y.Array<unknown>, schema: Schema): number {
  const ids = new Set<string>();
  for (const v of array.toArray()) {
    const id = idIfValid(schema, v);
    if (id !== null) ids.add(id);
  }
  return ids.size;
}

const T0 = 1_700_000_000_000;

function reaction(id: string, at: number): Reaction {
  return { id, kind: 'strong', questionId: 'q1', questionIndex: 0, recordingId: null, momentMs: null, by: 'Hana Host', role: 'host', at };
}

function syncInto(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('counts kept from each change (valid-id-count)', () => {
  it('equals the whole-array reading after random inserts, deletes, duplicates, invalid values and merges of two devices', () => {
    // Every disagreement, named by its seed and step (a seed replays the same run); one assertion at the end.
    const wrong: string[] = [];
    const check = (doc: Y.Doc, where: string): void => {
      const kept = countReactions(doc);
      const whole = oracle(doc.getArray('reactions'), Reaction);
      if (kept !== whole) wrong.push(`${where}: kept ${kept}, whole ${whole}`);
    };
    for (let seed = 1; seed <= 30; seed++) {
      const rnd = mulberry32(seed); // seeded, so a failing seed can be replayed
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const a = new Y.Doc();
      const b = new Y.Doc();
      const server = new Y.Doc();
      const devices = [a, b];
      const ids: string[] = [];
      const nested: Array<Y.Map<unknown>> = [];
      let n = 0;
      const value = (): unknown => {
        n++;
        const r = rnd();
        if (r < 0.35 || ids.length === 0) {
          const id = `r-${seed}-${n}`;
          ids.push(id);
          return reaction(id, T0 + n);
        }
        if (r < 0.5) return reaction(pick(ids), T0 + n); // another record under an id already used
        if (r < 0.6) return { ...reaction(`bad-${n}`, T0), kind: 'nope' }; // invalid
        if (r < 0.65) return { ...reaction(pick(ids), T0), questionIndex: -1 }; // invalid under a valid record's id
        if (r < 0.7) return pick([7, 'text', null, true]);
        if (r < 0.75 && seed % 4 === 0) {
          // Only in some runs: while the array holds one, every count reads the whole array.
          const m = new Y.Map<unknown>();
          nested.push(m);
          return m;
        }
        return reaction(pick(ids), T0 + 1); // a copy of a record, as a device that pushed it twice would
      };
      const edit = (doc: Y.Doc): void => {
        const arr = doc.getArray<unknown>('reactions');
        const r = rnd();
        if (r < 0.35) arr.push(Array.from({ length: 1 + Math.floor(rnd() * 3) }, value));
        else if (r < 0.5) arr.insert(Math.floor(rnd() * (arr.length + 1)), [value(), value()]);
        else if (r < 0.7 && arr.length > 0) {
          const at = Math.floor(rnd() * arr.length);
          arr.delete(at, Math.min(arr.length - at, 1 + Math.floor(rnd() * 3)));
        } else if (r < 0.8) {
          // Several changes in one transaction: a push, a delete, and a value inserted then deleted again.
          doc.transact(() => {
            arr.push([value()]);
            if (arr.length > 1) arr.delete(Math.floor(rnd() * (arr.length - 1)), 1);
            arr.insert(0, [value()]);
            if (rnd() < 0.5) arr.delete(0, 1);
            // Counted in the middle of the transaction: the array as it is now, never the kept counts.
            check(doc, `seed ${seed} in a transaction`);
          });
        } else if (r < 0.85 && nested.length > 0) {
          const m = pick(nested);
          if (m.doc) m.set('id', `m-${n++}`);
        } else if (r < 0.9) {
          // A write made by an observer, while another observer counts: each counts what it sees.
          const observer = (): void => {
            arr.unobserve(observer);
            arr.push([value()]);
          };
          const counter = (): void => check(doc, `seed ${seed} in an observer`);
          arr.observe(observer);
          arr.observe(counter);
          arr.push([value()]);
          arr.unobserve(counter);
        } else syncInto(pick(devices), doc);
      };
      for (let step = 0; step < 80; step++) {
        edit(pick(devices));
        const r = rnd();
        if (r < 0.2) syncInto(a, b);
        else if (r < 0.4) syncInto(b, a);
        else if (r < 0.6) syncInto(pick(devices), server);
        for (const doc of [a, b, server]) {
          if (rnd() < 0.6) check(doc, `seed ${seed} step ${step}`);
        }
        if (rnd() < 0.05) {
          // A document loaded from storage: its first count reads the whole array, later ones are kept.
          const loaded = new Y.Doc();
          Y.applyUpdate(loaded, Y.encodeStateAsUpdate(server));
          check(loaded, `seed ${seed} step ${step} loaded`);
          syncInto(a, loaded);
          check(loaded, `seed ${seed} step ${step} loaded, then merged`);
        }
      }
      syncInto(a, b);
      syncInto(b, a);
      syncInto(a, server);
      for (const doc of [a, b, server]) check(doc, `seed ${seed} all merged`);
      if (countReactions(a) !== countReactions(b)) wrong.push(`seed ${seed}: the two devices count differently after merging`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('counts one copy of a record pushed twice, and keeps it until its last copy is deleted', () => {
    const doc = new Y.Doc();
    const arr = doc.getArray<unknown>('reactions');
    expect(countReactions(doc)).toBe(0);
    arr.push([reaction('r1', T0), reaction('r1', T0), reaction('r2', T0)]);
    expect(countReactions(doc)).toBe(2);
    arr.delete(0, 1);
    expect(countReactions(doc)).toBe(2);
    arr.delete(0, 1);
    expect(countReactions(doc)).toBe(1);
    arr.push([{ ...reaction('r3', T0), kind: 'nope' }]);
    expect(countReactions(doc)).toBe(1);
    arr.delete(0, arr.length);
    expect(countReactions(doc)).toBe(0);
  });

  it('counts each list with its own schema, for every array it is asked about', () => {
    const doc = new Y.Doc();
    const message = { id: 'm1', text: 'hello', by: 'Hana Host', role: 'host', at: T0 };
    doc.getArray('chat').push([message, message, { ...message, id: 'm2', text: '' }]);
    expect(countChat(doc)).toBe(1);
    expect(countReactions(doc)).toBe(0);
    const audience = new Y.Doc();
    const question = { id: 's1', text: 'Why Rust?', author: 'Ann', authorKey: 'k1', at: T0 };
    audience.getArray('submissions').push([question, { ...question, id: 's2' }, { ...question, id: 's3', text: 'no' }]);
    expect(countSubmissions(audience)).toBe(2);
    audience.getArray('submissions').delete(1, 1);
    expect(countSubmissions(audience)).toBe(oracle(audience.getArray('submissions'), Submission));
    // The same array counted with another schema keeps its own counts.
    expect(countValidIds(doc.getArray('chat'), ChatMessage)).toBe(oracle(doc.getArray('chat'), ChatMessage));
    expect(countValidIds(doc.getArray('chat'), Reaction)).toBe(0);
  });

  it('reads the whole array while it holds a value whose verdict can change in place (a nested Y type)', () => {
    // No record schema accepts a Y type today; this one does, so a verdict that changes with no insert or delete shows.
    const NamedMap = z.pipe(
      z.custom<Y.Map<unknown>>((v) => v instanceof Y.Map && typeof v.get('id') === 'string'),
      z.transform((m) => ({ id: m.get('id') as string })),
    );
    const doc = new Y.Doc();
    const arr = doc.getArray<unknown>('items');
    const m = new Y.Map<unknown>();
    arr.push([m]);
    expect(countValidIds(arr, NamedMap)).toBe(0);
    m.set('id', 'x');
    expect(countValidIds(arr, NamedMap)).toBe(1);
    arr.delete(0, 1);
    expect(countValidIds(arr, NamedMap)).toBe(0);
  });
});
