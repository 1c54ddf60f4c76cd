/**
 * Integrates a client's update from the structs the frame decoder already read, instead of `Y.applyUpdate` parsing
 * the same bytes a second time.
 *
 * Every client update is decoded once when its frame is read (protocol.ts), because the write policy
 * (update-policy.ts) reads its structs before Yjs may see it; `Y.applyUpdate` then decoded it again, content and all
 * (the JSON of every record), before integrating. Here the policy's structs are integrated as Yjs' own
 * `readUpdateV2` does, for the plain case only, which is checked in full before anything is touched:
 * - nothing is pending in the document (no earlier update waiting for missing structs or deletions);
 * - no deletions (an update that deletes goes through `Y.applyUpdate`);
 * - only items, each client's contiguous and starting exactly at the clock the document holds for that client
 *   (the policy's `allNew`, with no gap);
 * - everything an item refers to (its left and right origins, a parent given by id) is held already, or is an
 *   earlier struct of the same client in this update (integrated before it, in clock order).
 * So no struct can be skipped or left pending, Yjs' dependency stack has nothing to do, and integration order
 * between clients does not change the result (Yjs converges whatever the order; clients go highest id first, as Yjs
 * takes them). Anything else returns false with the document untouched, and the caller applies the bytes: a refused
 * or unusual update is handled exactly as before.
 */
import * as Y from 'yjs';
import type { DecodedUpdate } from './protocol';

type Id = { client: number; clock: number };

/** Whether `ref` names a struct the document holds (state before this update), or an earlier one of `self`'s client here. */
function held(ref: Id, self: Id, states: Map<number, number>, store: Y.Doc['store']): boolean {
  if (ref.client === self.client) return ref.clock < self.clock;
  let state = states.get(ref.client);
  if (state === undefined) {
    state = Y.getState(store, ref.client);
    states.set(ref.client, state);
  }
  return ref.clock < state;
}

/**
 * Integrates `decoded` (from Y.decodeUpdate of the update, not used for anything else) into `doc` in one transaction
 * with `origin`, as Y.applyUpdate would; false, touching nothing, when it is not the plain case above.
 */
export function integrateDecoded(doc: Y.Doc, decoded: DecodedUpdate, origin: unknown): boolean {
  const store = doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null) return false;
  if (decoded.ds.clients.size > 0) return false;
  const structs = decoded.structs;
  if (structs.length === 0) return false;
  const states = new Map<number, number>();
  // Each client's structs, in the update's (clock) order.
  const byClient = new Map<number, Y.Item[]>();
  const nextClock = new Map<number, number>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) return false;
    const client = s.id.client;
    let expected = nextClock.get(client);
    if (expected === undefined) {
      expected = Y.getState(store, client);
      byClient.set(client, []);
    }
    if (s.id.clock !== expected) return false;
    nextClock.set(client, expected + s.length);
    byClient.get(client)!.push(s);
  }
  // States before the update (the map also caches others' clients for `held`).
  for (const client of byClient.keys()) states.set(client, Y.getState(store, client));
  for (const s of structs as Y.Item[]) {
    if (s.origin !== null && !held(s.origin, s.id, states, store)) return false;
    if (s.rightOrigin !== null && !held(s.rightOrigin, s.id, states, store)) return false;
    const parent = s.parent as unknown;
    if (parent instanceof Y.ID && !held(parent, s.id, states, store)) return false;
  }
  const clients = [...byClient.keys()].sort((a, b) => b - a);
  Y.transact(
    doc,
    (tr) => {
      // As readUpdateV2: a remote change.
      tr.local = false;
      for (const client of clients) {
        for (const item of byClient.get(client)!) {
          // A top-level type named by its key: the decoder left the name, Yjs' own reader looks the type up.
          const key = item.parent as unknown;
          if (typeof key === 'string') item.parent = doc.get(key);
          if (item.getMissing(tr, store) !== null) throw new Error('a struct this update refers to is missing (checked before; Yjs disagrees)');
          item.integrate(tr, 0);
        }
      }
    },
    origin,
    false,
  );
  return true;
}
