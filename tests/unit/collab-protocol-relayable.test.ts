/**
 * protocol.ts keeps a client's sync update frame for relaying (`relayable`) only when it is byte for byte the message
 * the server would encode for the same update: a sync update with minimal varints. Anything else (a sync step 2, a
 * length written with a needless extra byte) is decoded the same but re-encoded for relaying, so other clients never
 * receive a form the server would not have sent.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientFrame, encodeSyncStep2, encodeUpdate } from '../../sync-server/collab/protocol';

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
