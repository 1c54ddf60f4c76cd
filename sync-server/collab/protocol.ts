/**
 * The y-websocket wire protocol (y-protocols sync, awareness and auth messages),
 * decoded strictly. Everything a client sends is parsed completely, with
 * trailing bytes and undecodable Yjs updates rejected, before anything touches
 * a document: a malformed frame then costs its sender the connection and
 * nobody else anything.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AUTH_PERMISSION_DENIED, MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../src/domain/sync-messages';

/** Top-level message types (y-websocket), shared with the app's sender (src/domain/sync-messages.ts). */
export { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC };

/** Sync sub-types (y-protocols/sync). */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** One client's presence entry; `json` is kept verbatim so relaying never re-serialises. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The JSON text of the state; `'null'` means the client left. */
  json: string;
  isNull: boolean;
}

/** A presence entry as a client sent it, with the state already parsed (the server's checks read it). */
export interface ReceivedAwarenessEntry extends AwarenessEntry {
  state: Record<string, unknown> | null;
}

/** A Yjs update's structs and deletions, decoded once when the frame is read. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export type ClientFrame =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | {
      type: 'sync-step2' | 'sync-update';
      update: Uint8Array;
      decoded: DecodedUpdate;
      empty: boolean;
      /**
       * The received frame itself when it is byte for byte what encodeUpdate(update) would build (a sync update with
       * minimal varints): relayed as it is, instead of encoding the same bytes again for every update.
       */
      relayable: Uint8Array | null;
    }
  | {
      type: 'awareness';
      entries: ReceivedAwarenessEntry[];
      /**
       * The received frame itself when it is byte for byte what encodeAwareness(entries) would build (minimal varints,
       * no byte-order mark the decoder drops): relayed as it is when every entry is, instead of encoding it again.
       */
      relayable: Uint8Array | null;
    }
  | { type: 'query-awareness' };

export type DecodeResult = { ok: true; frame: ClientFrame } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(reason: string): DecodeResult {
  return { ok: false, reason };
}

/** True when a Yjs update carries neither structs nor deletions (what a reader answers to sync step 1). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

function validateUpdate(update: Uint8Array): { ok: true; decoded: DecodedUpdate; empty: boolean } | { ok: false; reason: string } {
  try {
    const decoded = Y.decodeUpdate(update);
    return { ok: true, decoded, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
  } catch (err) {
    return { ok: false, reason: `undecodable Yjs update (${(err as Error).message})` };
  }
}

/** Bytes of lib0's (minimal) varint encoding of `n`. */
function varUintLength(n: number): number {
  let len = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function validateStateVector(sv: Uint8Array): string | null {
  const d = decoding.createDecoder(sv);
  const count = decoding.readVarUint(d);
  if (count > sv.length) return 'state vector claims more entries than it has bytes';
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(d);
    decoding.readVarUint(d);
  }
  return d.pos === sv.length ? null : 'trailing bytes in state vector';
}

/** An awareness payload's entries, and whether the payload is exactly what encodeAwarenessPayload(entries) writes. */
interface DecodedAwareness {
  entries: ReceivedAwarenessEntry[];
  canonical: boolean;
}

function startsWithByteOrderMark(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function decodeAwareness(payload: Uint8Array): DecodedAwareness | string {
  const d = decoding.createDecoder(payload);
  const count = decoding.readVarUint(d);
  // Each entry takes at least three bytes; a larger count is a lie that would make us loop.
  if (count * 3 > payload.length) return 'awareness update claims more entries than it has bytes';
  const entries: ReceivedAwarenessEntry[] = [];
  // What encodeAwarenessPayload would write for these entries; equal to the payload's length only when every varint
  // in it is minimal (each one read is at least its minimal length). The decoder drops a leading byte-order mark,
  // which encoding would not write back.
  let canonicalLength = varUintLength(count);
  let canonical = true;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const text = decoding.readVarUint8Array(d);
    if (startsWithByteOrderMark(text)) canonical = false;
    canonicalLength += varUintLength(clientId) + varUintLength(clock) + varUintLength(text.length) + text.length;
    const json = utf8.decode(text);
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      return 'awareness state is not JSON';
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return 'awareness state is not an object';
    if (clientId > 0xffffffff) return 'awareness client id out of range';
    entries.push({ clientId, clock, json, isNull: state === null, state: state as Record<string, unknown> | null });
  }
  if (d.pos !== payload.length) return 'trailing bytes in awareness update';
  return { entries, canonical: canonical && canonicalLength === payload.length };
}

/** Decodes one binary frame a client sent. Never throws. */
export function decodeClientFrame(data: Uint8Array): DecodeResult {
  try {
    if (data.length === 0) return fail('empty frame');
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (d.pos !== data.length) return fail('trailing bytes after sync message');
        if (sub === SYNC_STEP1) {
          const problem = validateStateVector(payload);
          return problem ? fail(problem) : { ok: true, frame: { type: 'sync-step1', stateVector: payload } };
        }
        if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
          const valid = validateUpdate(payload);
          if (!valid.ok) return fail(valid.reason);
          // Both type bytes are single-byte varints here (0 and 2); the length's varint must be minimal too.
          const relayable = sub === SYNC_UPDATE && data[0] === MESSAGE_SYNC && data[1] === SYNC_UPDATE && data.length === 2 + varUintLength(payload.length) + payload.length ? data : null;
          return {
            ok: true,
            frame: { type: sub === SYNC_STEP2 ? 'sync-step2' : 'sync-update', update: payload, decoded: valid.decoded, empty: valid.empty, relayable },
          };
        }
        return fail(`unknown sync message type ${sub}`);
      }
      case MESSAGE_AWARENESS: {
        const payload = decoding.readVarUint8Array(d);
        if (d.pos !== data.length) return fail('trailing bytes after awareness message');
        const decoded = decodeAwareness(payload);
        if (typeof decoded === 'string') return fail(decoded);
        // The type is a one-byte varint (1); the payload's length varint must be minimal too.
        const relayable = decoded.canonical && data[0] === MESSAGE_AWARENESS && data.length === 1 + varUintLength(payload.length) + payload.length ? data : null;
        return { ok: true, frame: { type: 'awareness', entries: decoded.entries, relayable } };
      }
      case MESSAGE_QUERY_AWARENESS:
        if (d.pos !== data.length) return fail('trailing bytes after awareness query');
        return { ok: true, frame: { type: 'query-awareness' } };
      case MESSAGE_AUTH:
        return fail('clients may not send auth messages');
      default:
        return fail(`unknown message type ${type}`);
    }
  } catch (err) {
    return fail(`truncated or invalid frame (${(err as Error).message})`);
  }
}

function finish(build: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  build(e);
  return encoding.toUint8Array(e);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return finish((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return finish((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return finish((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwarenessPayload(entries: readonly AwarenessEntry[]): Uint8Array {
  return finish((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.json);
    }
  });
}

export function encodeAwareness(entries: readonly AwarenessEntry[]): Uint8Array {
  const payload = encodeAwarenessPayload(entries);
  return finish((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** The y-protocols auth message; the stock client logs the reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  return finish((e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH);
    encoding.writeVarUint(e, AUTH_PERMISSION_DENIED);
    encoding.writeVarString(e, reason);
  });
}
