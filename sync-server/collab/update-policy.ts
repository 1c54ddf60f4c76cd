/**
 * The check every client update passes before Yjs sees it. A client is not bound to the Yjs API: it can write any
 * struct the format allows, so this reads what the update would do, struct by struct, against the allow-list of
 * src/domain/doc-schema.ts:
 *
 * - Structs the server already holds are skipped (Yjs ignores them; a client re-sends them after a reconnect).
 * - Every new struct's Yjs client id must belong to this connection's writer (person and role, see ownerKey), or
 *   to nobody yet (it is then bound to this writer when the update is accepted): a client id names whose clocks a struct fills, and a struct claiming
 *   another writer's clocks makes every peer drop that writer's later records as already seen.
 * - GC and Skip structs are refused: the app never sends them, and a GC struct is exactly such a claim of clocks.
 * - Items: content must be a plain JSON record (`ContentAny`) or a deleted placeholder; the top-level map or array
 *   the item lands in (read from the item, or from the item it was inserted next to) must be one the document kind
 *   holds, of the right type, writable by this role; author fields must name this link; no record above the size cap.
 * - Deletions only of records the server holds or the update itself adds (a deletion of future clocks would wait
 *   and erase another writer's next record), never empty ranges, never from append-only links, never in an
 *   append-only kind (APPEND_ONLY_KINDS in access.ts: the guest's code history), never of a log root, and of
 *   another writer's records only when replacing a map entry under its key.
 *
 * A new struct whose own client's earlier clocks the server lacks cannot be checked (what it attaches to is
 * missing); it is dropped, not applied: the client's sync step 2 after (re)connecting carries it again in full.
 */
import * as Y from 'yjs';
import { APPEND_ONLY_KINDS, type Access, type DocKind, type Role } from '../../src/domain/access';
import { DOC_SCHEMAS, rootRule, type RootRule } from '../../src/domain/doc-schema';
import type { DecodedUpdate } from './protocol';

export interface Writer {
  /** Name on the link (the token's `sub`). */
  sub: string;
  role: Role;
  /**
   * Who owns the Yjs client ids this connection writes with: the person and role its link names (see ownerKey).
   */
  owner: string;
  access: Access;
}

/**
 * The owner of a connection's Yjs client ids: the person (token `sub`) in a role. Not the link's own id (`jti`):
 * a device keeps its client id, and its unsent offline records, when its link is renewed or re-issued for the same
 * person, and must still be able to send them. Authorship is decided on the same claims (records name `sub`), so
 * two links for the same person are one writer to every check here.
 */
export function ownerKey(claims: { sub: string; role: Role }): string {
  return `${claims.role}\u0000${claims.sub}`;
}

/** Who already writes with a client id in this document (live-doc.ts keeps them, stored in SQLite). */
export interface ClientOwners {
  ownerOf(client: number): string | null;
}

export type UpdateVerdict =
  /**
   * Apply it, then bind these client ids (new to the document) to the writer. `allNew`: the server held none of
   * its structs (so applying it integrates every one of them: what it changes is exactly what it says).
   */
  | { ok: true; newClients: number[]; allNew: boolean }
  /** Refuse: `reason` is a sentence for the sender; `tooLarge` when a record is over its kind's size cap. */
  | { ok: false; reason: string; tooLarge?: true }
  /** Not applicable yet (a gap in the sender's own clocks); ignore it, the client's next sync carries it. */
  | { ok: 'gap' };

type Struct = DecodedUpdate['structs'][number];
type Parent = { root: string; sub: string | null } | 'gc' | { bad: string };

const CONTENT_NAMES = new Map<unknown, string>([
  [Y.ContentJSON, 'JSON (legacy encoding)'],
  [Y.ContentBinary, 'binary'],
  [Y.ContentString, 'text'],
  [Y.ContentEmbed, 'embed'],
  [Y.ContentFormat, 'format'],
  [Y.ContentType, 'nested type'],
  [Y.ContentDoc, 'sub-document'],
]);

function contentName(content: unknown): string {
  return CONTENT_NAMES.get((content as object).constructor) ?? 'unknown';
}

const quote = (v: unknown, max = 80) => JSON.stringify(String(v).slice(0, max));

/** The update's new structs, per client, in clock order (Yjs encodes each client's structs contiguously). */
class NewStructs {
  readonly byClient = new Map<number, Struct[]>();
  add(s: Struct): void {
    const list = this.byClient.get(s.id.client);
    if (list) list.push(s);
    else this.byClient.set(s.id.client, [s]);
  }
  /** The new struct holding clock `clock` of `client`, or null. */
  find(client: number, clock: number): Struct | null {
    const list = this.byClient.get(client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (clock < s.id.clock) hi = mid - 1;
      else if (clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  }
  /** First clock after the update's structs of `client` (0 when it has none). */
  end(client: number): number {
    const list = this.byClient.get(client);
    if (!list) return 0;
    const last = list[list.length - 1]!;
    return last.id.clock + last.length;
  }
}

/** A top-level type's name in its document; a top-level type keeps its name, so it is looked up once. */
const ROOT_KEYS = new WeakMap<Y.AbstractType<unknown>, string>();
function rootKey(type: Y.AbstractType<unknown>): string {
  let key = ROOT_KEYS.get(type);
  if (key === undefined) ROOT_KEYS.set(type, (key = Y.findRootTypeKey(type)));
  return key;
}

/** In the resolver's memo: an item of the chain being resolved (its parent not known yet). */
const IN_CHAIN = Symbol('in chain');

const isUnplaced = (p: Parent | Y.Item | null): p is { bad: string } => p !== null && !(p instanceof Y.Item) && typeof p === 'object' && 'bad' in p;

/** Where items land: their top-level map or array, found through the items they were inserted next to. */
class ParentResolver {
  private readonly memo = new Map<Y.Item, Parent | typeof IN_CHAIN>();
  constructor(
    private readonly doc: Y.Doc,
    private readonly fresh: NewStructs,
  ) {}

  /** The parent of the struct holding `id`: in the document, or new in this update. */
  private parentAt(id: Y.ID, from: Y.Item): Parent | Y.Item {
    // Yjs integrates a client's structs in clock order and does not wait for its own later clocks: it would throw.
    if (id.client === from.id.client && id.clock >= from.id.clock) return { bad: 'its position refers to a later record of its own' };
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const held = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
      if (!(held instanceof Y.Item) || held.parent === null) return 'gc';
      const type = held.parent as Y.AbstractType<unknown>;
      if (type._item !== null) return { bad: 'nested types are not part of any document' };
      return { root: rootKey(type), sub: held.parentSub };
    }
    const s = this.fresh.find(id.client, id.clock);
    if (s === null || !(s instanceof Y.Item)) return { bad: 'it is inserted next to a record the server does not hold' };
    if (this.memo.get(s) === IN_CHAIN) return { bad: 'its position refers to itself' };
    return s;
  }

  resolve(item: Y.Item): Parent {
    // Iterative: a first sync after offline work is a long chain of items each inserted after the previous one.
    // The chain's items are marked IN_CHAIN in the memo until it is resolved (a chain leading back into itself is
    // refused); the array is made only for an item placed through its neighbours.
    let chain: Y.Item[] | null = null;
    let current: Y.Item = item;
    let result: Parent;
    for (;;) {
      const known = this.memo.get(current);
      if (known !== undefined && known !== IN_CHAIN) {
        result = known;
        break;
      }
      if (current.parent !== null) {
        result = typeof current.parent === 'string' ? { root: current.parent, sub: current.parentSub } : { bad: 'nested types are not part of any document' };
        break;
      }
      (chain ??= []).push(current);
      this.memo.set(current, IN_CHAIN);
      // Yjs takes the parent from the left neighbour, else the right; either being a GC struct discards the item.
      const left = current.origin ? this.parentAt(current.origin, current) : null;
      const right = current.rightOrigin ? this.parentAt(current.rightOrigin, current) : null;
      if (left === 'gc' || right === 'gc') {
        result = 'gc';
        break;
      }
      const unplaced = isUnplaced(left) ? left : isUnplaced(right) ? right : null;
      if (unplaced) {
        result = unplaced;
        break;
      }
      const next = left ?? right;
      if (next === null) {
        result = { bad: 'it names no parent' };
        break;
      }
      if (!(next instanceof Y.Item)) {
        result = next;
        break;
      }
      current = next;
    }
    if (chain) for (const c of chain) this.memo.set(c, result);
    return result;
  }
}

const AUTHOR_FIELDS = new WeakMap<RootRule, ReadonlyArray<readonly [string, 'sub' | 'role']>>();

/** A root's author fields and claims, listed once per rule rather than for every record checked. */
function authorFields(rule: RootRule & { author: NonNullable<RootRule['author']> }): ReadonlyArray<readonly [string, 'sub' | 'role']> {
  let fields = AUTHOR_FIELDS.get(rule);
  if (!fields) AUTHOR_FIELDS.set(rule, (fields = Object.entries(rule.author)));
  return fields;
}

function authorProblem(value: unknown, rule: RootRule, writer: Writer): string | null {
  if (!rule.author || value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  for (const [field, claim] of authorFields(rule as RootRule & { author: NonNullable<RootRule['author']> })) {
    const named = (value as Record<string, unknown>)[field];
    if (named !== undefined && named !== writer[claim]) {
      return `records must be in your own name: ${field} is ${quote(named)}, your link is for ${quote(writer[claim])}`;
    }
  }
  return null;
}

/** The keys an update without deletions replaces: none (one empty set for all of them). */
const NOTHING_REPLACED: ReadonlySet<string> = new Set();

/** The map entries (root and key) the update's new structs write. */
function writtenKeys(fresh: NewStructs, resolver: ParentResolver): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const list of fresh.byClient.values()) {
    for (const s of list) {
      const parent = resolver.resolve(s as Y.Item);
      if (typeof parent === 'object' && 'root' in parent && parent.sub !== null) keys.add(`${parent.root}\u0000${parent.sub}`);
    }
  }
  return keys;
}

type Refusal = Extract<UpdateVerdict, { ok: false }>;
const refuse = (reason: string): Refusal => ({ ok: false, reason });

function itemProblem(item: Y.Item, parent: Parent, kind: DocKind, writer: Writer, updateBytes: number, maxRecord: number): Refusal | null {
  if (parent === 'gc') return null; // Yjs discards it on arrival.
  if ('bad' in parent) return refuse(`a record could not be placed: ${parent.bad}`);
  const rule = rootRule(kind, parent.root);
  if (rule === null) return refuse(`${kind} documents hold no ${quote(parent.root, 40)}`);
  if ((rule.type === 'map') !== (parent.sub !== null)) return refuse(`${quote(parent.root, 40)} in ${kind} documents is ${rule.type === 'map' ? 'a map' : 'a list'}`);
  if (rule.writers && !rule.writers.includes(writer.role)) return refuse(`only ${rule.writers.join(' or ')} may add to ${quote(parent.root, 40)} in ${kind} documents`);
  if (!(item.content instanceof Y.ContentAny)) return null; // ContentDeleted: nothing to read.
  for (const value of item.content.arr) {
    const forged = authorProblem(value, rule, writer);
    if (forged) return refuse(forged);
    // Only an update larger than the cap can hold a record larger than it: skip the measuring otherwise.
    if (updateBytes > maxRecord) {
      const size = JSON.stringify(value ?? null).length;
      if (size > maxRecord) return { ok: false, reason: `a record in ${kind} documents may be at most ${maxRecord} characters as JSON; this one is ${size}`, tooLarge: true };
    }
  }
  return null;
}

function holds(store: Y.Doc['store'], id: Y.ID | null): boolean {
  return id === null || id.clock < Y.getState(store, id.client);
}

function refersToHeld(item: Y.Item, store: Y.Doc['store']): boolean {
  const parent = item.parent;
  return holds(store, item.origin) && holds(store, item.rightOrigin) && (parent === null || typeof parent === 'string' || holds(store, parent as Y.ID));
}

/** Reads what the update would do and decides; see the file comment for the rules. */
export function checkUpdate(
  update: DecodedUpdate,
  updateBytes: number,
  doc: Y.Doc,
  kind: DocKind,
  maxRecordBytes: number,
  writer: Writer,
  owners: ClientOwners,
): UpdateVerdict {
  const store = doc.store;
  const fresh = new NewStructs();
  const newClients: number[] = [];
  let allNew = true;
  for (const s of update.structs) {
    const client = s.id.client;
    // The store does not change while the update is checked; getState is a look-up of the client's last struct.
    const state = Y.getState(store, client);
    if (s.id.clock < state) allNew = false;
    if (s.id.clock + s.length <= state) {
      // Yjs ignores a struct it holds, but still looks up what it refers to first, and throws (or splits stored items)
      // on a reference it does not hold. An honest client re-sends the server's own structs, whose references it holds.
      if (s instanceof Y.Item && !refersToHeld(s, store)) return { ok: false, reason: 'a record the server holds was re-sent with references it does not hold' };
      // Reading a struct's parent name creates that top-level type in the server's document, even for a struct it ignores.
      if (s instanceof Y.Item && typeof s.parent === 'string' && rootRule(kind, s.parent) === null) return { ok: false, reason: `${kind} documents hold no ${quote(s.parent, 40)}` };
      continue;
    }
    if (s instanceof Y.GC) return { ok: false, reason: 'GC structs are not accepted from clients' };
    if (s instanceof Y.Skip) return { ok: false, reason: 'skip structs are not accepted from clients' };
    if (!fresh.byClient.has(client)) {
      if (s.id.clock > state) return { ok: 'gap' };
      const owner = owners.ownerOf(client);
      if (owner !== null && owner !== writer.owner) return { ok: false, reason: `Yjs client id ${client} belongs to another writer in this document` };
      if (owner === null) newClients.push(client);
    }
    const content = (s as Y.Item).content;
    if (!(content instanceof Y.ContentAny) && !(content instanceof Y.ContentDeleted)) {
      return { ok: false, reason: `${kind} documents hold plain records only, not ${contentName(content)} content` };
    }
    fresh.add(s);
  }

  const resolver = new ParentResolver(doc, fresh);
  for (const list of fresh.byClient.values()) {
    for (const s of list) {
      const problem = itemProblem(s as Y.Item, resolver.resolve(s as Y.Item), kind, writer, updateBytes, maxRecordBytes);
      if (problem) return problem;
    }
  }

  const deletes = (update.ds as unknown as { clients: Map<number, Array<{ clock: number; len: number }>> }).clients;
  const logs = logRoots(kind);
  // Map entries this update writes: deleting another writer's earlier value under the same key is replacing it.
  const replaced = deletes.size > 0 ? writtenKeys(fresh, resolver) : NOTHING_REPLACED;
  for (const [client, ranges] of deletes) {
    if (ranges.length === 0) continue;
    if (writer.access === 'append') return { ok: false, reason: 'append-only connections may only add records, not delete any' };
    if (APPEND_ONLY_KINDS.has(kind)) return { ok: false, reason: `writers may only add to ${kind} documents, not delete from them` };
    const held = Math.max(Y.getState(store, client), fresh.end(client));
    for (const { clock, len } of ranges) {
      if (len <= 0) return { ok: false, reason: 'a deletion covers no records' };
      if (clock + len > held) return { ok: false, reason: 'a deletion names records the server does not hold' };
      if (logs.length > 0) {
        const log = deletedLog(doc, resolver, fresh, client, clock, len, logs);
        if (log) return { ok: false, reason: `records in ${quote(log, 40)} are a log and may not be deleted` };
      }
      const owner = fresh.byClient.has(client) ? writer.owner : owners.ownerOf(client);
      if (owner !== null && owner !== writer.owner && deletesOthersRecord(doc, client, clock, len, replaced)) {
        return { ok: false, reason: 'another writer\'s record may be replaced by a newer value under its key, not deleted' };
      }
    }
  }
  return { ok: true, newClients, allNew };
}

const LOG_ROOTS = new Map<DocKind, string[]>();

/** The kind's log roots (append-only), worked out once per kind rather than on every update. */
function logRoots(kind: DocKind): string[] {
  let logs = LOG_ROOTS.get(kind);
  if (!logs) {
    logs = Object.entries(DOC_SCHEMAS[kind].roots)
      .filter(([, rule]) => rule.appendOnly)
      .map(([name]) => name);
    LOG_ROOTS.set(kind, logs);
  }
  return logs;
}

/**
 * Whether a deletion range of another writer's client id removes a record that is not being replaced: an element
 * of a list, or a map entry whose key this update does not write. Yjs lets any writer delete anything; the app only
 * ever deletes its own records, or replaces a map entry (a newer decision, claim or policy) under its key.
 */
function deletesOthersRecord(doc: Y.Doc, client: number, clock: number, len: number, replaced: ReadonlySet<string>): boolean {
  const held = doc.store.clients.get(client) ?? [];
  if (clock >= Y.getState(doc.store, client)) return false;
  const end = clock + len;
  for (let i = Y.findIndexSS(held, clock); i < held.length && held[i]!.id.clock < end; i++) {
    const s = held[i]!;
    if (!(s instanceof Y.Item) || s.deleted || s.parent === null) continue;
    const type = s.parent as Y.AbstractType<unknown>;
    if (type._item !== null) continue;
    if (s.parentSub === null || !replaced.has(`${Y.findRootTypeKey(type)}\u0000${s.parentSub}`)) return true;
  }
  return false;
}

/** The first log root (append-only) that the deletion range touches, or null. */
function deletedLog(doc: Y.Doc, resolver: ParentResolver, fresh: NewStructs, client: number, clock: number, len: number, logs: string[]): string | null {
  const end = clock + len;
  const held = doc.store.clients.get(client) ?? [];
  const stateHeld = Y.getState(doc.store, client);
  if (clock < stateHeld) {
    for (let i = Y.findIndexSS(held, clock); i < held.length && held[i]!.id.clock < end; i++) {
      const s = held[i]!;
      if (!(s instanceof Y.Item) || s.deleted || s.parent === null) continue;
      const type = s.parent as Y.AbstractType<unknown>;
      if (type._item === null && logs.includes(Y.findRootTypeKey(type))) return Y.findRootTypeKey(type);
    }
  }
  for (const s of fresh.byClient.get(client) ?? []) {
    if (s.id.clock >= end || s.id.clock + s.length <= clock) continue;
    const parent = resolver.resolve(s as Y.Item);
    if (typeof parent === 'object' && 'root' in parent && logs.includes(parent.root)) return parent.root;
  }
  return null;
}
