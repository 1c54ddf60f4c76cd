/**
 * y-protocols awareness messages written and read byte by byte, for tests that talk to the collab server over a raw
 * socket (no Awareness instance renewing states behind the test's back).
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const MESSAGE_AWARENESS = 1;

/** One client's presence (`state` null: the client left) as a sync-protocol awareness message. */
export function awarenessFrame(clientId: number, clock: number, state: object | null): Uint8Array {
  const payload = encoding.createEncoder();
  encoding.writeVarUint(payload, 1);
  encoding.writeVarUint(payload, clientId);
  encoding.writeVarUint(payload, clock);
  encoding.writeVarString(payload, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(payload));
  return encoding.toUint8Array(e);
}

/** An awareness entry as received: the client, its clock and its state's JSON text ('null' when it left). */
export interface ReceivedPresence {
  clientId: number;
  clock: number;
  json: string;
}

/** Every awareness entry among `received`, in order (other messages skipped). */
export function awarenessEntries(received: Uint8Array[]): ReceivedPresence[] {
  const entries: ReceivedPresence[] = [];
  for (const msg of received) {
    const d = decoding.createDecoder(msg);
    if (decoding.readVarUint(d) !== MESSAGE_AWARENESS) continue;
    const pd = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(pd);
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(pd);
      const clock = decoding.readVarUint(pd);
      entries.push({ clientId, clock, json: decoding.readVarString(pd) });
    }
  }
  return entries;
}

/** Client ids named in the awareness messages among `received`. */
export function awarenessClientIds(received: Uint8Array[]): Set<number> {
  return new Set(awarenessEntries(received).map((e) => e.clientId));
}
