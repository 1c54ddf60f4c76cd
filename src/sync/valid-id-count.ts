/**
 * How many records an append-only list of a shared document shows — `uniqueById(validRecords(schema, array))`'s
 * length: each valid record once per id, however many copies of it the array holds — kept up to date from what each
 * transaction inserted and deleted, so counting after a change costs what the change holds, not the whole array.
 *
 * The server's results digest counts a staff document's reactions and chat messages, and an audience document's
 * questions, after every stored change of them; reading the whole array again each time made an hour's interview
 * cost more per reaction the longer it ran.
 *
 * What is kept per array: each valid record's id and how many copies of it the array holds (a record merged from
 * two devices, or pushed twice, counts once; removing one copy keeps it). A record's verdict is validRecords' own,
 * so a record counts here exactly when the list shows it. The kept counts start from one reading of the whole array
 * (the first count of an array: a document loaded from storage, a snapshot applied), and from then on move on Yjs'
 * `beforeObserverCalls`, once per transaction, before any observer or `update` listener runs (through read-cache.ts'
 * one listener per document, followChanges):
 * - inserted: the transaction's new items (each client's structs from its clock before the transaction) whose
 *   parent is the array and that it did not delete again;
 * - deleted: the structs in the transaction's delete set that are the array's items and existed before it (their
 *   content is still there: Yjs collects deleted content only after the observers).
 * The whole array is read instead whenever the kept counts cannot be trusted: in the middle of a transaction (its
 * changes are not counted yet), while the array holds a value whose verdict can change in place (a nested Y type),
 * or after a delta that did not look as expected (the counts are then read again from the array).
 */
import { Item, findIndexSS } from 'yjs';
import type * as Y from 'yjs';
import type { z } from '../domain/zod-mini';
import { uniqueById } from './record-id';
import { validRecords } from './valid-records';
import { allChangesTold, followChanges } from './read-cache';

interface Tally {
  array: Y.Array<unknown>;
  schema: z.ZodMiniType<{ id: string }>;
  /** Each valid record's id and the number of copies of it the array holds. */
  copies: Map<string, number>;
  /** Values held whose verdict can change in place (a nested Y type, a subdocument): while any is, read the array. */
  changeable: number;
  /** A delta did not look as expected: the next count reads the array again and starts from there. */
  stale: boolean;
  /**
   * Values inserted since the last count, judged at the next count (or before a delete): checking a record is most
   * of the cost, and judging it here, rather than inside Yjs' cleanup of the transaction that brought it, keeps it
   * off the path that relays the update, on the projector's debounced turn (each is still checked once).
   */
  unjudged: Array<readonly unknown[]>;
}

/** Per document, its tallies (told of each change through read-cache.ts' one listener per document). */
const docs = new WeakMap<Y.Doc, Tally[]>();
/** Per schema, the tally of each array counted with it. */
const bySchema = new WeakMap<object, WeakMap<Y.Array<unknown>, Tally>>();

/** The length of `uniqueById(validRecords(schema, array.toArray()))`, from kept counts where they are exact. */
export function countValidIds<T extends { id: string }>(array: Y.Array<unknown>, schema: z.ZodMiniType<T>): number {
  const doc = array.doc;
  if (!doc || !allChangesTold(doc)) return readWhole(array, schema);
  let tallies = bySchema.get(schema);
  if (!tallies) bySchema.set(schema, (tallies = new WeakMap()));
  let tally = tallies.get(array);
  if (!tally) {
    tally = { array, schema, copies: new Map(), changeable: 0, stale: true, unjudged: [] };
    tallies.set(array, tally);
    talliesOf(doc).push(tally);
  }
  if (tally.stale) recount(tally);
  judge(tally);
  return tally.changeable > 0 ? readWhole(array, schema) : tally.copies.size;
}

function readWhole(array: Y.Array<unknown>, schema: z.ZodMiniType<{ id: string }>): number {
  return uniqueById(validRecords(schema, array.toArray())).length;
}

function talliesOf(doc: Y.Doc): Tally[] {
  let tallies = docs.get(doc);
  if (tallies) return tallies;
  const fresh: Tally[] = [];
  followChanges(doc, (transaction) => {
    for (const tally of fresh) {
      if (tally.stale || !transaction.changed.has(tally.array as never)) continue;
      try {
        takeDelta(tally, transaction);
      } catch {
        // Never break the document's transaction over a count (findIndexSS throws on a clock it does not hold).
        tally.stale = true;
      }
    }
  });
  docs.set(doc, fresh);
  tallies = fresh;
  return tallies;
}

function recount(tally: Tally): void {
  tally.copies.clear();
  tally.changeable = 0;
  tally.stale = false;
  tally.unjudged.length = 0;
  add(tally, tally.array.toArray());
}

/** A value whose verdict can change after it was given: anything but a primitive or a plain object or array. */
function changeable(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto !== Object.prototype && proto !== null;
}

function judge(tally: Tally): void {
  for (const values of tally.unjudged) add(tally, values);
  tally.unjudged.length = 0;
}

function add(tally: Tally, values: readonly unknown[]): void {
  for (const v of values) if (changeable(v)) tally.changeable++;
  for (const { id } of validRecords(tally.schema, values)) tally.copies.set(id, (tally.copies.get(id) ?? 0) + 1);
}

function remove(tally: Tally, values: readonly unknown[]): void {
  judge(tally);
  for (const v of values) if (changeable(v)) tally.changeable--;
  for (const { id } of validRecords(tally.schema, values)) {
    const left = (tally.copies.get(id) ?? 0) - 1;
    if (left < 0) tally.stale = true;
    if (left > 0) tally.copies.set(id, left);
    else tally.copies.delete(id);
  }
}

function takeDelta(tally: Tally, transaction: Y.Transaction): void {
  const { array } = tally;
  const store = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client);
    if (!structs) continue;
    for (let i = findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i]!;
      if (s.id.clock < before) {
        // New content inside a struct begun before the transaction: Yjs merges only after the observers, so never.
        tally.stale = true;
        return;
      }
      // The item's own array of values: Yjs replaces it (slice, concat) when it splits or merges the item, never edits it.
      if (s instanceof Item && s.parent === array && !s.deleted) tally.unjudged.push(s.content.getContent());
    }
  }
  for (const [client, ranges] of transaction.deleteSet.clients) {
    const structs = store.clients.get(client);
    if (!structs) continue;
    const before = transaction.beforeState.get(client) ?? 0;
    for (const { clock, len } of ranges) {
      for (let i = findIndexSS(structs, clock); i < structs.length; i++) {
        const s = structs[i]!;
        if (s.id.clock >= clock + len) break;
        // Inserted by this transaction too: never counted, so nothing to take back.
        if (!(s instanceof Item) || s.parent !== array || s.id.clock >= before) continue;
        if (s.id.clock < clock || s.id.clock + s.length > clock + len) {
          // Yjs splits an item where a deletion starts or ends; one that straddles the range is unexpected.
          tally.stale = true;
          return;
        }
        remove(tally, s.content.getContent());
      }
    }
  }
}
