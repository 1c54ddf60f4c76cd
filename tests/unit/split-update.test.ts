/**
 * Splitting a large Yjs update into parts the server takes one by one (src/sync/split-update.ts): on random offline
 * work (several client ids, as after reloads offline; records inserted next to other clients' records; the writer's
 * own records deleted; another writer's map entries replaced under their keys), every part is under the limit,
 * passes the server's own write check (sync-server/collab/update-policy.ts) against what the server holds at that
 * point, applies with nothing left pending, and all of them together give exactly the document the whole would.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_SCHEMAS } from '../../src/domain/doc-schema';
import { mulberry32 } from '../../src/domain/planning/prng';
import { checkUpdate, ownerKey, type Writer } from '../../sync-server/collab/update-policy';
import { splitUpdate } from '../../src/sync/split-update';

const host: Writer = { sub: 'host-person', role: 'host', owner: ownerKey({ sub: 'host-person', role: 'host' }), access: 'write' };
const ivy = { by: 'ivy', role: 'interviewer' as const };
const ivyOwner = ownerKey({ sub: 'ivy', role: 'interviewer' });
const limits = { targetBytes: 3 * 1024, maxBytes: 6 * 1024 };

const content = (doc: Y.Doc) =>
  JSON.stringify({ chat: doc.getArray('chat').toJSON(), ratings: Object.entries(doc.getMap('ratings').toJSON()).sort() });

/** What the server holds: another writer's chat and ratings. */
function serverDoc(): { doc: Y.Doc; owners: Map<number, string> } {
  const doc = new Y.Doc();
  doc.clientID = 7;
  for (let i = 0; i < 10; i++) {
    doc.getArray('chat').push([{ id: `ivy-${i}`, text: `ivy says ${i}`, ...ivy, at: i }]);
    doc.getMap('ratings').set(`q${i}`, { questionId: `q${i}`, score: 3, ...ivy, at: i });
  }
  return { doc, owners: new Map([[7, ivyOwner]]) };
}

/** The host's device working offline on a copy, reloading (a new client id) `reloads` times. */
function offlineWork(server: Y.Doc, seed: number, reloads: number): Y.Doc {
  const rng = mulberry32(seed);
  let local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
  let n = 0;
  for (let session = 0; session <= reloads; session++) {
    if (session > 0) {
      const next = new Y.Doc();
      Y.applyUpdate(next, Y.encodeStateAsUpdate(local));
      local = next;
    }
    for (let step = 0; step < 120; step++) {
      const chat = local.getArray<{ id: string; by: string }>('chat');
      const r = rng();
      const record = () => ({ id: `host-${n++}`, text: 'x'.repeat(50 + Math.floor(rng() * 1500)), by: host.sub, role: host.role, at: n });
      if (r < 0.5) chat.push([record()]);
      else if (r < 0.7) chat.insert(Math.floor(rng() * (chat.length + 1)), [record()]);
      else if (r < 0.8) {
        const own = chat.toArray().flatMap((m, i) => (m.by === host.sub ? [i] : []));
        if (own.length > 0) chat.delete(own[Math.floor(rng() * own.length)]!, 1);
      } else {
        // A newer rating under a key: the server lets it replace another writer's entry in the same update only.
        const key = `q${Math.floor(rng() * 14)}`;
        local.getMap('ratings').set(key, { questionId: key, score: Math.floor(rng() * 6), by: host.sub, role: host.role, at: n++ });
      }
    }
  }
  return local;
}

describe('splitUpdate', () => {
  it('returns an update within the limit as it is', () => {
    const { doc } = serverDoc();
    const update = Y.encodeStateAsUpdate(doc);
    expect(update.length).toBeLessThan(limits.maxBytes);
    expect(splitUpdate(update, limits)).toEqual({ parts: [update], unsendable: null });
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`offline work (seed ${seed}) goes in parts the server checks and applies one by one, giving the same document`, () => {
      const server = serverDoc();
      const local = offlineWork(server.doc, seed, seed % 3);
      const diff = Y.encodeStateAsUpdate(local, Y.encodeStateVector(server.doc));
      expect(diff.length).toBeGreaterThan(limits.maxBytes * 4);

      // Without splitting, the whole passes the same check: the parts must not be stricter or looser than it.
      const whole = checkUpdate(Y.decodeUpdate(diff), diff.length, server.doc, 'staff', DOC_SCHEMAS.staff.caps.maxRecordBytes, host, { ownerOf: (c) => server.owners.get(c) ?? null });
      expect(whole).toMatchObject({ ok: true });

      const { parts, unsendable } = splitUpdate(diff, limits);
      expect(unsendable).toBeNull();
      expect(parts.length).toBeGreaterThan(4);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(limits.maxBytes);
        const verdict = checkUpdate(Y.decodeUpdate(part), part.length, server.doc, 'staff', DOC_SCHEMAS.staff.caps.maxRecordBytes, host, {
          ownerOf: (c) => server.owners.get(c) ?? null,
        });
        expect(verdict).toMatchObject({ ok: true });
        if (verdict.ok === true) for (const c of verdict.newClients) server.owners.set(c, host.owner);
        Y.applyUpdate(server.doc, part);
        expect(server.doc.store.pendingStructs).toBeNull();
        expect(server.doc.store.pendingDs).toBeNull();
      }
      expect(content(server.doc)).toBe(content(local));
      expect(Y.encodeStateVector(server.doc)).toEqual(Y.encodeStateVector(local));
    });
  }

  it('cuts one long run of records (one struct) between records, and reports a record no part can carry', () => {
    const doc = new Y.Doc();
    const chat = doc.getArray('chat');
    for (let i = 0; i < 40; i++) chat.push([{ id: `m${i}`, text: 'y'.repeat(1000) }]);
    const merged = Y.decodeUpdate(Y.encodeStateAsUpdate(doc)).structs;
    expect(merged).toHaveLength(1);
    const { parts, unsendable } = splitUpdate(Y.encodeStateAsUpdate(doc), limits);
    expect(unsendable).toBeNull();
    const copy = new Y.Doc();
    for (const part of parts) Y.applyUpdate(copy, part);
    expect(copy.getArray('chat').toJSON()).toEqual(chat.toJSON());

    chat.push([{ id: 'huge', text: 'z'.repeat(8 * 1024) }]);
    chat.push([{ id: 'after', text: 'after' }]);
    const cut = splitUpdate(Y.encodeStateAsUpdate(doc), limits);
    expect(cut.unsendable).toBe('a record of 8 KB is larger than the 6 KB the server takes at once');
    const partial = new Y.Doc();
    for (const part of cut.parts) Y.applyUpdate(partial, part);
    expect(partial.getArray('chat').length).toBe(40);
    expect(partial.store.pendingStructs).toBeNull();
  });
});
