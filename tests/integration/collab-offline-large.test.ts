/**
 * More than one message of changes made offline (the server takes at most 2 MiB per message,
 * src/domain/sync-limits.ts) reaches the server when the device reconnects, through the app's own provider code
 * (src/sync/chunked-sync.ts, which doc-connection.ts installs on every document's provider) against the real collab
 * server, on both stores.
 *
 * Before it, the stock provider answered the server's sync step 1 with all of it in one message: the server closed
 * the socket (1009), the provider reconnected and did the same again, forever, and reported itself synced in between.
 */
import { describe, expect, it as itBase } from 'vitest';
import * as Y from 'yjs';
import { collabResources } from '../support/collab-resources';
import { storageBackends } from '../support/storage-backends';
import { connectClient, waitFor, type CollabHarness, type YwsClient } from '../support/yws-client';
import { installChunkedSync, type CatchUpProgress } from '../../src/sync/chunked-sync';
import { postChatMessage, readChat, type StaffAuthor } from '../../src/sync/staff-doc';
import { appendEdit, readEdits } from '../../src/sync/code-doc';
import { MAX_SYNC_MESSAGE_BYTES } from '../../src/domain/sync-limits';

const IID = 'acme-frontend-1';
const STAFF = `${IID}.staff`;
const CODE = `${IID}.code`;
const HOST: StaffAuthor = { by: 'host-person', role: 'host' };

const resources = collabResources();
const backends = storageBackends();

/** Generous bounds for a few MiB through the server's rate limit (512 KiB/s past a 4 MiB burst) on a busy machine. */
const MOVE_MS = 40_000;

/** A client with the app's chunked sync, and what it reported. */
function appClient(
  h: CollabHarness,
  doc: string,
  token: string,
  opts: { doc?: Y.Doc; maxMessageBytes?: number; onCatchUpStart?: () => void } = {},
) {
  const c = resources.track(connectClient(h.syncUrl, doc, token, { ...(opts.doc ? { doc: opts.doc } : {}), connect: false }));
  const progress: CatchUpProgress[] = [];
  const unsent: string[] = [];
  let syncedDuringCatchUp = false;
  installChunkedSync(c.provider, {
    ...(opts.maxMessageBytes ? { maxMessageBytes: opts.maxMessageBytes } : {}),
    onCatchUp(p) {
      if (!p) return;
      progress.push(p);
      if (progress.length === 1) opts.onCatchUpStart?.();
    },
    onUnsent(problem) {
      if (problem) unsent.push(problem);
    },
  });
  c.provider.on('sync', (s: boolean) => {
    const last = progress[progress.length - 1];
    if (s && last && last.storedBytes < last.totalBytes) syncedDuringCatchUp = true;
  });
  c.provider.connect();
  return { c, progress, unsent, syncedDuringCatchUp: () => syncedDuringCatchUp };
}

/** `count` chat messages of 2,000 characters each, as the live session's chat box posts them. */
function chatOffline(doc: Y.Doc, count: number, tag: string): void {
  for (let i = 0; i < count; i++) {
    const text = `${tag} ${i} `.padEnd(2000, String.fromCharCode(97 + (i % 26)));
    const r = postChatMessage(doc, text, HOST, 1_700_000_000_000 + i);
    if (!r.ok) throw new Error(r.reason);
  }
}

const stored = async (h: CollabHarness, name: string): Promise<Y.Doc> => (await h.storage.load(name)).doc;
const oversizedCloses = (c: YwsClient) => c.closes.filter((x) => x.code === 1009);

describe.each(backends)('changes made offline larger than one message, on $name', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  const start = async (opts: Parameters<typeof resources.start>[0] = {}) =>
    resources.start({ ...opts, ...(backend.name === 'postgres' ? { databaseUrl: (await backend.open()).url } : {}) });

  it('a staff member who wrote more than 2 MiB offline gets all of it stored, in acknowledged parts, then synced', async () => {
    const h = await start();
    const token = h.mint('host', IID, { sub: HOST.by });
    // Client ids fixed so that the reloaded copy's (written next to the first one's records) comes first in the
    // update (Yjs writes clients in descending order): its records must still go after the ones they build on.
    const first = new Y.Doc();
    first.clientID = 1000;
    const host = appClient(h, STAFF, token, { doc: first });
    await host.c.synced();
    postChatMessage(first, 'before going offline', HOST, 1);
    await waitFor(async () => readChat(await stored(h, STAFF)).length === 1, 'online message stored');

    host.c.provider.disconnect();
    // A reload while offline: the same device's copy (IndexedDB) in a new document with a new client id, which
    // writes next to the records of the first one.
    chatOffline(first, 700, 'first');
    const reloaded = new Y.Doc();
    reloaded.clientID = 2_000_000_000;
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(first));
    reloaded.getArray('chat').insert(5, [{ id: 'm-between', text: 'inserted between offline messages', ...HOST, at: 2 }]);
    chatOffline(reloaded, 600, 'second');
    reloaded.getArray('chat').delete(1, 1); // the writer's own record, deleted offline
    const unsent = Y.encodeStateAsUpdate(reloaded, Y.encodeStateVector(await stored(h, STAFF)));
    expect(unsent.length).toBeGreaterThan(MAX_SYNC_MESSAGE_BYTES);

    // Written during the catch-up: held back and sent after the parts it builds on.
    const again = appClient(h, STAFF, token, { doc: reloaded, onCatchUpStart: () => postChatMessage(reloaded, 'written while catching up', HOST, 3) });
    await waitFor(() => again.c.provider.synced, 'synced after the catch-up', MOVE_MS);
    // (The stock provider reports itself synced here too, between two of its 1009 closes, with nothing stored.)
    const expected = readChat(reloaded).map((m) => m.id);
    await waitFor(async () => readChat(await stored(h, STAFF)).map((m) => m.id).join() === expected.join(), 'every record stored, in order', MOVE_MS);
    expect(expected).toHaveLength(1 + 700 + 1 + 600 - 1 + 1);

    expect(oversizedCloses(again.c)).toEqual([]);
    expect(again.unsent).toEqual([]);
    expect(again.c.denials).toEqual([]);
    // Progress counted acknowledged parts, up to the whole, and "synced" came only after the last one.
    expect(again.progress.length).toBeGreaterThan(2);
    const last = again.progress[again.progress.length - 1]!;
    expect(last.totalBytes).toBeGreaterThan(MAX_SYNC_MESSAGE_BYTES);
    expect(last.storedBytes).toBe(last.totalBytes);
    for (let i = 1; i < again.progress.length; i++) expect(again.progress[i]!.storedBytes).toBeGreaterThanOrEqual(again.progress[i - 1]!.storedBytes);
    expect(again.syncedDuringCatchUp()).toBe(false);

    // Another member of staff gets everything, and the server has it after a restart too (read from storage above).
    const reader = resources.client(h, STAFF, h.mint('interviewer', IID));
    await waitFor(() => readChat(reader.doc).length === expected.length, 'relayed to another client', MOVE_MS);
    expect(readChat(reader.doc).map((m) => m.id)).toEqual(expected);
  });

  it('a local change over 2 MiB made after the sync (the local copy loading late) goes in parts, unsynced until stored', async () => {
    const h = await start();
    const token = h.mint('host', IID, { sub: HOST.by });
    const host = appClient(h, STAFF, token);
    await host.c.synced();
    // y-indexeddb's copy of offline work, arriving after the connection synced: one local update of 2.4 MiB.
    const kept = new Y.Doc();
    chatOffline(kept, 1200, 'kept');
    const copy = Y.encodeStateAsUpdate(kept);
    expect(copy.length).toBeGreaterThan(MAX_SYNC_MESSAGE_BYTES);
    Y.applyUpdate(host.c.doc, copy, 'indexeddb');
    expect(host.c.provider.synced).toBe(false);
    expect(host.progress[0]).toMatchObject({ storedBytes: 0 });

    await waitFor(() => host.c.provider.synced, 'synced once stored', MOVE_MS);
    expect(readChat(await stored(h, STAFF))).toHaveLength(1200);
    expect(host.syncedDuringCatchUp()).toBe(false);
    expect(oversizedCloses(host.c)).toEqual([]);
  });

  it('a part the server refuses is reported with its reason, and the client does not count as synced', async () => {
    const h = await start();
    const token = h.mint('host', IID, { sub: HOST.by });
    const host = appClient(h, STAFF, token);
    await host.c.synced();
    host.c.provider.disconnect();
    chatOffline(host.c.doc, 1100, 'mine');
    // A record in someone else's name (no screen of the app writes one): the server refuses the part that holds it.
    host.c.doc.getArray('chat').push([{ id: 'm-forged', text: 'not mine', by: 'someone-else', role: 'host', at: 9 }]);
    host.c.provider.connect();

    await waitFor(() => host.unsent.length > 0, 'the refusal reported', MOVE_MS);
    expect(host.unsent[0]).toMatch(/^the server refused part of them: .*records must be in your own name/);
    expect(host.c.provider.synced).toBe(false);
    expect(readChat(await stored(h, STAFF)).some((m) => m.id === 'm-forged')).toBe(false);
    expect(oversizedCloses(host.c)).toEqual([]);
  });

  it('a guest who pasted more than 2 MiB of code offline gets the whole code log stored, and a reconnect then sends nothing again', async () => {
    const h = await start();
    const token = h.mint('guest', IID);
    const guest = appClient(h, CODE, token);
    await guest.c.synced();
    guest.c.provider.disconnect();
    // Twelve pastes of 256 KiB (code-doc.ts splits larger ones into records this size).
    for (let i = 0; i < 12; i++) appendEdit(guest.c.doc, { q: 'q1', at: 1000 + i, ops: [[0, 0, `paste ${i} `.padEnd(256 * 1024, 'x')]] });
    expect(Y.encodeStateAsUpdate(guest.c.doc).length).toBeGreaterThan(MAX_SYNC_MESSAGE_BYTES);

    guest.c.provider.connect();
    await waitFor(async () => readEdits(await stored(h, CODE)).length === 12, 'the code log stored', MOVE_MS);
    await waitFor(() => guest.c.provider.synced, 'guest synced', MOVE_MS);

    // Nothing new: the server's state vector covers the log (the guest reads its code document), so no catch-up.
    const catchUps = guest.progress.filter((p) => p.storedBytes === 0).length;
    expect(catchUps).toBe(1);
    guest.c.provider.disconnect();
    guest.c.provider.connect();
    await waitFor(() => guest.c.provider.synced, 'guest synced again', MOVE_MS);
    expect(guest.progress.filter((p) => p.storedBytes === 0)).toHaveLength(catchUps);
    expect(oversizedCloses(guest.c)).toEqual([]);
    expect(guest.c.denials).toEqual([]);
    expect(readEdits(await stored(h, CODE))).toHaveLength(12);
  });

  it('a record no message can carry is reported, everything before it is stored, and the client does not count as synced', async () => {
    const limit = 64 * 1024;
    const h = await start({ limits: { maxMessageBytes: limit }, sizeCaps: { staff: { maxRecordBytes: 4 * limit } } });
    const token = h.mint('host', IID, { sub: HOST.by });
    const host = appClient(h, STAFF, token, { maxMessageBytes: limit });
    await host.c.synced();
    host.c.provider.disconnect();
    chatOffline(host.c.doc, 60, 'small');
    host.c.doc.getArray('chat').push([{ id: 'm-huge', text: 'y'.repeat(2 * limit), ...HOST, at: 5 }]);
    host.c.provider.connect();

    await waitFor(() => host.unsent.length > 0, 'the oversized record reported', MOVE_MS);
    expect(host.unsent[0]).toMatch(/^(a record|one change) of 128 KB is larger than the 64 KB the server takes at once$/);
    await waitFor(async () => readChat(await stored(h, STAFF)).length === 60, 'the records before it stored', MOVE_MS);
    expect(host.c.provider.synced).toBe(false);
    expect(oversizedCloses(host.c)).toEqual([]);
  });
});
