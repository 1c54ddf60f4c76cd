/**
 * protocol.ts keeps a client's sync update frame, and its presence (awareness) frame, for relaying (`relayable`) only
 * when it is byte for byte the message the server would encode for the same update or entries: minimal varints (and,
 * for presence, no byte-order mark that decoding drops). Anything else (a sync step 2, a length written with a
 * needless extra byte) is decoded the same but re-encoded for relaying, so other clients never receive a form the
 * server would not have sent.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { decodeClientFrame, encodeAwareness, encodeSyncStep2, encodeUpdate, MESSAGE_AWARENESS } from '../../sync-server/collab/protocol';

function anUpdate(items: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray('chat').push(Array.from({ length: items }, (_, i) => ({ text: `message ${i}`.padEnd(40, '.') })));
  return Y.encodeStateAsUpdate(doc);
}

function decodedSync(frame: Uint8Array) {
  const r = decodeClientFrame(frame);
  if (!r.ok || (r.frame.type !== 'sync-update' && r.frame.type !== 'sync-step2')) throw new Error(`not a sync frame: ${JSON.stringify(r)}`);
  return r.frame;
}

describe('a sync update frame kept for relaying', () => {
  it('is the received frame itself when the server would have encoded the same bytes', () => {
    for (const items of [1, 5]) {
      // 1 item: a length under 128 (one varint byte); 5 items: over 128 (two bytes).
      const update = anUpdate(items);
      const frame = encodeUpdate(update);
      const decoded = decodedSync(frame);
      expect(decoded.relayable).toBe(frame);
      expect(decoded.update).toEqual(update);
    }
    expect(anUpdate(5).length).toBeGreaterThan(127);
  });

  it('is not kept for a sync step 2, nor for a length with a needless extra varint byte', () => {
    const update = anUpdate(1);
    expect(update.length).toBeLessThan(128);
    expect(decodedSync(encodeSyncStep2(update)).relayable).toBeNull();
    // The same update, its length written as two varint bytes (0x80 | n, 0x00): valid, decoded, but not minimal.
    const padded = Uint8Array.from([0, 2, 0x80 | update.length, 0x00, ...update]);
    const decoded = decodedSync(padded);
    expect(decoded.update).toEqual(update);
    expect(decoded.relayable).toBeNull();
  });
});

/** A presence frame as y-websocket's provider builds it: its awareness update inside an awareness message. */
function stockAwarenessFrame(states: Array<Record<string, unknown>>): Uint8Array {
  const payloads = states.map((state) => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState(state);
    return { awareness, id: awareness.clientID };
  });
  // One awareness per state (each its own client id), their updates merged into one payload as a server relay has them.
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, payloads.length);
  for (const { awareness, id } of payloads) {
    const one = encodeAwarenessUpdate(awareness, [id]);
    // Drop the single-entry update's own count (one byte: 1) and keep its entry as written.
    encoding.writeUint8Array(e, one.subarray(1));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(e));
  return encoding.toUint8Array(frame);
}

function decodedAwareness(frame: Uint8Array) {
  const r = decodeClientFrame(frame);
  if (!r.ok || r.frame.type !== 'awareness') throw new Error(`not an awareness frame: ${JSON.stringify(r)}`);
  return r.frame;
}

describe('a presence frame kept for relaying', () => {
  it('is the received frame itself when the server would have encoded the same bytes', () => {
    const long = { user: { name: 'Ivy'.padEnd(200, '.'), role: 'guest' } };
    for (const states of [[{ user: { name: 'Ivy', role: 'guest' } }], [long], [{ user: { name: 'Ivy', role: 'guest' } }, { cursor: { line: 3 } }]]) {
      const frame = stockAwarenessFrame(states);
      const decoded = decodedAwareness(frame);
      expect(decoded.relayable).toBe(frame);
      expect(decoded.entries.map((entry) => entry.state)).toEqual(states);
      // The very bytes the server's own encoding gives for these entries.
      expect(encodeAwareness(decoded.entries)).toEqual(frame);
    }
    // The long state's payload is over 127 bytes: a two-byte length varint.
    expect(stockAwarenessFrame([long]).length).toBeGreaterThan(130);
  });

  it('is not kept for a needless extra varint byte, nor for a JSON text behind a byte-order mark', () => {
    const json = new TextEncoder().encode('{"user":{"name":"Ivy"}}');
    const entry = (clock: number[], text: Uint8Array) => [7, ...clock, text.length, ...text];
    const frameOf = (payload: number[]) => Uint8Array.from([MESSAGE_AWARENESS, payload.length, ...payload]);

    const minimal = frameOf([1, ...entry([5], json)]);
    expect(decodedAwareness(minimal).relayable).toBe(minimal);

    // Clock 5 written as two varint bytes (0x85, 0x00): valid, decoded the same, not what the server would send.
    const padded = decodedAwareness(frameOf([1, ...entry([0x85, 0x00], json)]));
    expect(padded.entries[0]).toMatchObject({ clientId: 7, clock: 5, json: '{"user":{"name":"Ivy"}}' });
    expect(padded.relayable).toBeNull();

    // A byte-order mark before the JSON: decoding drops it, so the server's encoding would be three bytes shorter.
    const withMark = decodedAwareness(frameOf([1, ...entry([5], Uint8Array.from([0xef, 0xbb, 0xbf, ...json]))]));
    expect(withMark.entries[0]!.json).toBe('{"user":{"name":"Ivy"}}');
    expect(withMark.relayable).toBeNull();
    expect(encodeAwareness(withMark.entries)).toEqual(minimal);
  });
});
