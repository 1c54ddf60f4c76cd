/**
 * Splits a Yjs update (format v1) into smaller updates that, sent and applied in order, change a document exactly as
 * the whole would: how a device sends megabytes of changes made offline to a server that takes at most 2 MiB per
 * message (src/domain/sync-limits.ts), and which checks every message on its own (sync-server/collab/update-policy.ts).
 *
 * Yjs has no "encode from clock A to clock B": the update is decoded into its structs, long structs are cut between
 * their records (consecutive records one client appended are merged into one struct, so an offline chat of 200
 * messages is one struct), as Yjs itself slices a struct, and the parts are written in its update format.
 *
 * Order, so that each part holds only what the server can check and apply at that point:
 * - Structs go in causal order: a struct follows the structs it is placed next to (its origins), whichever client
 *   made them (a device that reloaded while offline wrote with a new client id each time, next to its own earlier
 *   records). Each client's structs stay in clock order, so a part never skips its own clocks (the server ignores
 *   such a part as a gap).
 * - Deletions go last, in parts of their own: everything they name is on the server by then. A map entry replaced
 *   under its key (the only deletion of another writer's record the server allows, and only in the update that
 *   writes the new entry) is already deleted by then: Yjs deletes the entry a new one replaces when it integrates the
 *   new one, and the server ignores deletions of what is deleted.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

export interface SplitLimits {
  /** Bytes each part aims at (parts are filled up to this). */
  targetBytes: number;
  /** No part may be larger: one record larger than `targetBytes` gets a part of its own up to this. */
  maxBytes: number;
}

export interface SplitResult {
  /** The parts, to be sent and applied in this order. */
  parts: Uint8Array[];
  /**
   * Why the rest of the update cannot be sent (a single record larger than `maxBytes`), or null when `parts` are the
   * whole update. When set, `parts` hold what precedes that record and may be sent.
   */
  unsendable: string | null;
}

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/** A struct, or a run of records cut from one, encoded as it will be sent. */
interface Piece {
  client: number;
  clock: number;
  length: number;
  bytes: Uint8Array;
}

interface DeleteRange {
  client: number;
  clock: number;
  len: number;
}

/** Room left in a part for its headers (client count, and per client: struct count, client id, first clock). */
const PART_HEADER_BYTES = 8;
const GROUP_HEADER_BYTES = 16;

const MiB = 1024 * 1024;
const mb = (bytes: number) => (bytes < MiB ? `${Math.round(bytes / 1024)} KB` : `${(bytes / MiB).toFixed(1)} MB`);

function encodeStruct(struct: { write(encoder: Y.UpdateEncoderV1, offset: number): void }, offset: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  struct.write(encoder, offset);
  return encoder.toUint8Array();
}

function anyBytes(value: unknown): number {
  const e = encoding.createEncoder();
  encoding.writeAny(e, value as Parameters<typeof encoding.writeAny>[1]);
  return encoding.length(e);
}

/**
 * The struct as one piece, or cut between its records into pieces of about `targetBytes`. When one record alone is
 * larger than `maxBytes` (nothing can carry it), the pieces before it and why the rest cannot go.
 */
function piecesOf(struct: Struct, limits: SplitLimits): { pieces: Piece[]; problem: string | null } {
  const { client, clock } = struct.id;
  const whole = encodeStruct(struct, 0);
  const one = { pieces: [{ client, clock, length: struct.length, bytes: whole }], problem: null };
  if (whole.length + GROUP_HEADER_BYTES + PART_HEADER_BYTES <= limits.targetBytes) return one;
  const fits = whole.length + GROUP_HEADER_BYTES + PART_HEADER_BYTES <= limits.maxBytes;
  if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny) || struct.length === 1) {
    return fits ? one : { pieces: [], problem: `one change of ${mb(whole.length)} is larger than the ${mb(limits.maxBytes)} the server takes at once` };
  }
  const values = struct.content.arr;
  const sizes = values.map(anyBytes);
  // What the struct writes besides its records (info, origins or parent, record count); a cut piece writes an origin
  // instead of the parent, never more than a few bytes beyond this.
  const overhead = whole.length - sizes.reduce((a, b) => a + b, 0) + 16;
  const budget = limits.targetBytes - GROUP_HEADER_BYTES - PART_HEADER_BYTES - overhead;
  const pieces: Piece[] = [];
  let start = 0;
  while (start < values.length) {
    let end = start + 1;
    let bytes = sizes[start]!;
    while (end < values.length && bytes + sizes[end]! <= budget) bytes += sizes[end++]!;
    // As Yjs slices a struct (updates.js sliceStruct): a later piece is placed right after the record before it.
    const origin = start === 0 ? struct.origin : Y.createID(client, clock + start - 1);
    const cut = new Y.Item(Y.createID(client, clock + start), null, origin, null, struct.rightOrigin, struct.parent, struct.parentSub, new Y.ContentAny(values.slice(start, end)));
    const encoded = encodeStruct(cut, 0);
    if (encoded.length + GROUP_HEADER_BYTES + PART_HEADER_BYTES > limits.maxBytes) {
      return { pieces, problem: `a record of ${mb(sizes[start]!)} is larger than the ${mb(limits.maxBytes)} the server takes at once` };
    }
    pieces.push({ client, clock: clock + start, length: end - start, bytes: encoded });
    start = end;
  }
  return { pieces, problem: null };
}

/**
 * The structs in an order the server can apply part by part: each after the structs it refers to (origins and a
 * parent given by id) when the update holds them; references outside the update are the server's already.
 */
function causalOrder(structs: readonly Struct[]): Struct[] {
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  const first = new Map<number, number>();
  const emittedTo = new Map<number, number>();
  for (const [client, list] of byClient) {
    first.set(client, list[0]!.id.clock);
    emittedTo.set(client, list[0]!.id.clock);
  }
  const ready = (id: Y.ID | null): boolean => {
    if (id === null) return true;
    const start = first.get(id.client);
    return start === undefined || id.clock < start || id.clock < emittedTo.get(id.client)!;
  };
  const refsReady = (s: Struct): boolean => {
    if (!(s instanceof Y.Item)) return true;
    const parent = s.parent instanceof Y.ID ? s.parent : null;
    return ready(s.origin) && ready(s.rightOrigin) && ready(parent);
  };
  const next = new Map<number, number>([...byClient.keys()].map((c) => [c, 0]));
  const order: Struct[] = [];
  while (order.length < structs.length) {
    let progressed = false;
    for (const [client, list] of byClient) {
      let i = next.get(client)!;
      while (i < list.length && refsReady(list[i]!)) {
        const s = list[i++]!;
        order.push(s);
        emittedTo.set(client, s.id.clock + s.length);
        progressed = true;
      }
      next.set(client, i);
    }
    if (!progressed) {
      // A reference to a clock the update skips (never in an update Yjs encoded): keep each client's order and let
      // the server decide, as it would for the whole update.
      for (const [client, list] of byClient) order.push(...list.slice(next.get(client)!));
      break;
    }
  }
  return order;
}

/** Encodes one part: its pieces (grouped by client, each group a contiguous run of clocks) and its deletions. */
function encodePart(pieces: readonly Piece[], deletions: readonly DeleteRange[]): Uint8Array {
  const groups = new Map<number, Piece[]>();
  for (const p of pieces) {
    const g = groups.get(p.client);
    if (g) g.push(p);
    else groups.set(p.client, [p]);
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, groups.size);
  for (const [client, list] of groups) {
    encoding.writeVarUint(e, list.length);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, list[0]!.clock);
    for (const p of list) encoding.writeUint8Array(e, p.bytes);
  }
  writeDeletions(e, deletions);
  return encoding.toUint8Array(e);
}

/** The v1 delete set: per client, its ranges in clock order, adjacent ones joined. */
function writeDeletions(e: encoding.Encoder, deletions: readonly DeleteRange[]): void {
  const byClient = new Map<number, DeleteRange[]>();
  for (const d of deletions) {
    const list = byClient.get(d.client);
    if (list) list.push(d);
    else byClient.set(d.client, [d]);
  }
  encoding.writeVarUint(e, byClient.size);
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.clock - b.clock);
    const joined: DeleteRange[] = [];
    for (const d of list) {
      const last = joined[joined.length - 1];
      if (last && last.clock + last.len >= d.clock) last.len = Math.max(last.len, d.clock + d.len - last.clock);
      else joined.push({ ...d });
    }
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, joined.length);
    for (const d of joined) {
      encoding.writeVarUint(e, d.clock);
      encoding.writeVarUint(e, d.len);
    }
  }
}

/** Bytes one deletion range takes at most in a delete set (clock and length varints, room for its client's header). */
const DELETION_BYTES = 10;

/**
 * Splits `update` into parts of at most `limits.maxBytes` (aiming at `targetBytes`). An update already that small is
 * returned as it is.
 */
export function splitUpdate(update: Uint8Array, limits: SplitLimits): SplitResult {
  if (update.length <= limits.maxBytes) return { parts: [update], unsendable: null };
  const decoded = Y.decodeUpdate(update);
  let unsendable: string | null = null;
  const parts: Piece[][] = [];
  let current: Piece[] = [];
  let currentBytes = PART_HEADER_BYTES;
  let currentClients = new Set<number>();
  for (const struct of causalOrder(decoded.structs)) {
    const { pieces, problem } = piecesOf(struct, limits);
    for (const p of pieces) {
      const grows = p.bytes.length + (currentClients.has(p.client) ? 0 : GROUP_HEADER_BYTES);
      if (current.length > 0 && currentBytes + grows > limits.targetBytes) {
        parts.push(current);
        current = [];
        currentBytes = PART_HEADER_BYTES;
        currentClients = new Set();
      }
      current.push(p);
      currentBytes += p.bytes.length + (currentClients.has(p.client) ? 0 : GROUP_HEADER_BYTES);
      currentClients.add(p.client);
    }
    if (problem) {
      unsendable = problem;
      break;
    }
  }
  if (current.length > 0) parts.push(current);

  const out = parts.map((pieces) => encodePart(pieces, []));
  // Where each client's structs in the update start: below it, the server holds the records already.
  const firstClock = new Map<number, number>();
  for (const s of decoded.structs) if (!firstClock.has(s.id.client)) firstClock.set(s.id.client, s.id.clock);
  const deletions: DeleteRange[] = [];
  for (const [client, list] of (decoded.ds as unknown as { clients: Map<number, Array<{ clock: number; len: number }>> }).clients) {
    for (const d of list) {
      // With a record left unsent, a deletion of what did not go out would be refused (it names what the server
      // does not hold): it waits with the rest.
      if (unsendable === null || d.clock + d.len <= (firstClock.get(client) ?? Number.POSITIVE_INFINITY)) deletions.push({ client, clock: d.clock, len: d.len });
    }
  }
  const perPart = Math.max(1, Math.floor((limits.targetBytes - PART_HEADER_BYTES) / (DELETION_BYTES + GROUP_HEADER_BYTES)));
  for (let i = 0; i < deletions.length; i += perPart) out.push(encodePart([], deletions.slice(i, i + perPart)));
  if (out.length === 0 && unsendable === null) out.push(encodePart([], []));
  return { parts: out, unsendable };
}
