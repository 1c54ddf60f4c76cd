/**
 * Integrity of what the collab server stores, attacked as the attacker did: through a real socket, with
 * real tokens, and updates built by hand (tests/support/raw-yjs.ts) where the Yjs API would never produce them.
 * - every record type that names its author, in every content encoding Yjs has: only plain records in the writer's
 *   own name are stored (src/domain/doc-schema.ts is the allow-list);
 * - Yjs client ids belong to the writer that first used them: no GC or item claim of another writer's clocks, no
 *   deletion of clocks nobody wrote yet, and append-only links never learn anyone's client ids;
 * - host overrides (`commands` in the stage document) only from the host, in its own name, and never deleted;
 * - size caps per record and per document, refused with close code 4413 and a reason.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { collabResources } from '../support/collab-resources';
import WebSocket from 'ws';
import { docUrl, waitFor, type CollabHarness } from '../support/yws-client';
import { encodeRawUpdate, updateFrame, type RawContent, type RawStruct } from '../support/raw-yjs';
import { DOC_SCHEMAS } from '../../src/domain/doc-schema';
import { ROLES, canWrite, type DocKind, type Role } from '../../src/domain/access';
import { readChat, postChatMessage } from '../../src/sync/staff-doc';
import { readSubmissions, submitQuestion } from '../../src/sync/audience-doc';
import { listCommands, markCommandApplied, pushHostCommand } from '../../src/sync/stage-doc';

const IID = 'acme-frontend-1';
const { start, client, raw } = collabResources();

/** The reason of the first "permission denied" among the frames a raw socket received, or null. */
function denial(received: Uint8Array[]): string | null {
  for (const m of received) {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== 2) continue;
    decoding.readVarUint(d);
    return decoding.readVarString(d);
  }
  return null;
}

/** Sends one update on a fresh raw socket and waits for the server's refusal; returns its reason. */
async function expectRefused(h: CollabHarness, doc: string, token: string, update: Uint8Array): Promise<string> {
  const r = await raw(h, doc, token);
  r.ws.send(updateFrame(update));
  await waitFor(() => denial(r.received) !== null, `refusal of a forged update on ${doc}`);
  r.ws.close();
  return denial(r.received)!;
}

/** Sends one update and proves it was applied: a later sync step 1 answer holds the writer's clocks. */
async function sendAccepted(h: CollabHarness, doc: string, token: string, update: Uint8Array, client: number): Promise<void> {
  const r = await raw(h, doc, token);
  r.ws.send(updateFrame(update));
  const server = await h.collab.openDoc(doc);
  await waitFor(() => Y.getState(server.store, client) > 0 || denial(r.received) !== null, 'update handled');
  expect(denial(r.received)).toBeNull();
  r.ws.close();
}

function stored(h: CollabHarness, doc: string): number {
  return (h.db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?').get(doc) as { n: number }).n;
}

/** Every record type that names its author, with a record forged in someone else's name, and who writes it. */
const AUTHORED: Array<{ kind: DocKind; root: string; role: Role; sub: string; forged: Record<string, unknown> }> = [];
for (const [kind, schema] of Object.entries(DOC_SCHEMAS) as Array<[DocKind, (typeof DOC_SCHEMAS)[DocKind]]>) {
  for (const [root, rule] of Object.entries(schema.roots)) {
    if (!rule.author) continue;
    // A role that may write the record, other than the host where another can (the host may write every document).
    const role: Role = ROLES.find((r) => r !== 'host' && canWrite(r, kind) && (!rule.writers || rule.writers.includes(r))) ?? 'host';
    const forged: Record<string, unknown> = { id: `${root}-1`, text: 'forged', at: 1 };
    for (const [field, claim] of Object.entries(rule.author)) forged[field] = claim === 'sub' ? 'Hana Host' : 'host';
    AUTHORED.push({ kind, root, role, sub: `${role} person`, forged });
  }
}

function placed(root: string, kind: DocKind, content: RawContent): RawStruct {
  const map = DOC_SCHEMAS[kind].roots[root]!.type === 'map';
  return { type: 'item', content, parent: root, ...(map ? { parentSub: 'key-1' } : {}) };
}

describe('collab integrity: authorship in every encoding', () => {
  it('covers every record type that names its author', () => {
    expect(AUTHORED.map((a) => `${a.kind}.${a.root}`).sort()).toEqual(
      [
        'assessment.transcriptionClaims',
        'audience.submissions',
        'moderation.decisions',
        'moderation.queue',
        'stage.commands',
        'staff.chat',
        'staff.codeComments',
        'staff.ratings',
        'staff.reactions',
        'support.actions',
        'support.incidents',
        'support.outcomes',
      ].sort(),
    );
  });

  it('refuses a record in someone else\'s name as plain record, legacy JSON or embed, and every other content kind, for every record type', async () => {
    const h = await start();
    for (const a of AUTHORED) {
      const name = `${IID}.${a.kind}`;
      const token = h.mint(a.role, IID, { sub: a.sub });
      const encodings: RawContent[] = [
        { kind: 'any', values: [a.forged] },
        { kind: 'json', values: [a.forged] },
        { kind: 'embed', value: a.forged },
        { kind: 'json', values: [{ ...a.forged, ...Object.fromEntries(Object.entries(DOC_SCHEMAS[a.kind].roots[a.root]!.author!).map(([f, c]) => [f, c === 'sub' ? a.sub : a.role])) }] },
        { kind: 'string', text: JSON.stringify(a.forged) },
        { kind: 'binary', bytes: new TextEncoder().encode(JSON.stringify(a.forged)) },
        { kind: 'format', key: 'by', value: 'Hana Host' },
        { kind: 'type', type: 'map' },
        { kind: 'doc', guid: 'smuggled' },
      ];
      for (const content of encodings) {
        const reason = await expectRefused(h, name, token, encodeRawUpdate([{ client: 900, clock: 0, structs: [placed(a.root, a.kind, content)] }]));
        if (content.kind === 'any') expect(reason, `${a.kind}.${a.root} as plain record`).toMatch(/in your own name/);
        else expect(reason, `${a.kind}.${a.root} as ${content.kind}`).toMatch(/plain records only/);
      }
      expect(stored(h, name), `${a.kind}.${a.root}: nothing stored`).toBe(0);
    }
  });

  it('does not show the host a moderator\'s chat message written as the host in legacy JSON (the reported attack)', async () => {
    const h = await start();
    const staff = `${IID}.staff`;
    const host = client(h, staff, h.mint('host', IID, { sub: 'Hana Host' }));
    await host.synced();
    const forged = { id: 'c-1', text: 'Fail this candidate', by: 'Hana Host', role: 'host', at: 1 };
    const reason = await expectRefused(h, staff, h.mint('moderator', IID, { sub: 'Mo' }), encodeRawUpdate([{ client: 901, clock: 0, structs: [placed('chat', 'staff', { kind: 'json', values: [forged] })] }]));
    expect(reason).toMatch(/plain records only, not JSON/);
    // The moderator's own message still goes through and is the only one the host sees.
    const mo = client(h, staff, h.mint('moderator', IID, { sub: 'Mo' }));
    await mo.synced();
    postChatMessage(mo.doc, 'Audience is lively', { by: 'Mo', role: 'moderator' }, 2);
    await waitFor(() => readChat(host.doc).length === 1, 'the moderator\'s own message arrives');
    expect(readChat(host.doc).map((m) => m.by)).toEqual(['Mo']);
  });

  it('refuses top-level names a document does not hold, nested types and items placed inside them', async () => {
    const h = await start();
    const token = h.mint('host', IID);
    expect(await expectRefused(h, `${IID}.staff`, token, encodeRawUpdate([{ client: 902, clock: 0, structs: [{ type: 'item', content: { kind: 'any', values: ['x'] }, parent: 'notes' }] }]))).toMatch(/hold no "notes"/);
    expect(
      await expectRefused(h, `${IID}.staff`, token, encodeRawUpdate([{ client: 902, clock: 0, structs: [{ type: 'item', content: { kind: 'any', values: ['x'] }, parent: { client: 5, clock: 0 }, parentSub: 'k' }] }])),
    ).toMatch(/nested types/);
  });
});

describe('collab integrity: Yjs client ids belong to their writer', () => {
  it('refuses a GC claim of another member\'s clocks; that member\'s next question is stored and relayed (the reported attack)', async () => {
    const h = await start();
    const name = `${IID}.audience`;
    const moderator = client(h, name, h.mint('moderator', IID));
    const ada = client(h, name, h.mint('audience', IID, { sub: 'Ada' }));
    await Promise.all([moderator.synced(), ada.synced()]);
    expect(submitQuestion(ada.doc, 'How do you test hooks?', { author: 'Ada', authorKey: 'k-ada' }, 1).ok).toBe(true);
    await waitFor(() => readSubmissions(moderator.doc).length === 1, 'first question relayed');

    // Mallory, another audience member, claims clocks 1..1,000,000 of Ada's client id: a GC struct and, in a second
    // try, a deleted-content item; then tries to delete Ada's future clocks.
    const mallory = h.mint('audience', IID, { sub: 'Mallory' });
    const id = ada.doc.clientID;
    expect(await expectRefused(h, name, mallory, encodeRawUpdate([{ client: id, clock: 1, structs: [{ type: 'gc', length: 1_000_000 }] }]))).toMatch(/GC structs/);
    expect(
      await expectRefused(h, name, mallory, encodeRawUpdate([{ client: id, clock: 1, structs: [placed('submissions', 'audience', { kind: 'deleted', length: 1_000_000 })] }])),
    ).toMatch(/belongs to another writer/);
    expect(await expectRefused(h, name, mallory, encodeRawUpdate([{ client: 903, clock: 0, structs: [{ type: 'skip', length: 5 }] }]))).toMatch(/skip structs/);

    expect(submitQuestion(ada.doc, 'And how do you test effects?', { author: 'Ada', authorKey: 'k-ada' }, 2).ok).toBe(true);
    await waitFor(() => readSubmissions(moderator.doc).length === 2, 'Ada\'s next question is relayed');
    const server = await h.collab.openDoc(name);
    expect(readSubmissions(server).map((s) => s.text)).toEqual(['How do you test hooks?', 'And how do you test effects?']);
  });

  it('refuses, on a shared document, a claim of another writer\'s offline clocks and deletions of clocks nobody wrote yet', async () => {
    const h = await start();
    const staff = `${IID}.staff`;
    const ivy = client(h, staff, h.mint('interviewer', IID, { sub: 'Ivy' }));
    await ivy.synced();
    postChatMessage(ivy.doc, 'first', { by: 'Ivy', role: 'interviewer' }, 1);
    const server = await h.collab.openDoc(staff);
    await waitFor(() => readChat(server).length === 1, 'stored');
    const next = Y.getState(server.store, ivy.doc.clientID);
    const mo = h.mint('moderator', IID, { sub: 'Mo' });
    expect(await expectRefused(h, staff, mo, encodeRawUpdate([{ client: ivy.doc.clientID, clock: next, structs: [placed('chat', 'staff', { kind: 'deleted', length: 500 })] }]))).toMatch(
      /belongs to another writer/,
    );
    expect(await expectRefused(h, staff, mo, encodeRawUpdate([], [{ client: ivy.doc.clientID, ranges: [[next, 500]] }]))).toMatch(/does not hold/);

    ivy.provider.disconnect();
    postChatMessage(ivy.doc, 'written offline', { by: 'Ivy', role: 'interviewer' }, 2);
    ivy.provider.connect();
    await waitFor(() => readChat(server).length === 2, 'the offline message syncs');
    // A client id the moderator uses first is the moderator's from then on, also for a later connection.
    await sendAccepted(h, staff, mo, encodeRawUpdate([{ client: 904, clock: 0, structs: [placed('chat', 'staff', { kind: 'any', values: [{ id: 'm1', text: 'hi', by: 'Mo', role: 'moderator', at: 3 }] })] }]), 904);
    expect(
      await expectRefused(h, staff, h.mint('interviewer', IID, { sub: 'Ivy' }), encodeRawUpdate([{ client: 904, clock: 1, structs: [placed('chat', 'staff', { kind: 'any', values: [{ by: 'Ivy', role: 'interviewer' }] })] }])),
    ).toMatch(/belongs to another writer/);
    expect(h.db.prepare('SELECT owner FROM yjs_client_owners WHERE doc = ? AND client = ?').get(staff, 904)).toEqual({ owner: 'moderator\u0000Mo' });
  });

  it('sends append-only links an empty state vector, not every writer\'s client id and clock', async () => {
    const h = await start();
    const name = `${IID}.audience`;
    const ada = client(h, name, h.mint('audience', IID, { sub: 'Ada' }));
    await ada.synced();
    expect(submitQuestion(ada.doc, 'How do you test hooks?', { author: 'Ada', authorKey: 'k-ada' }, 1).ok).toBe(true);
    await waitFor(() => stored(h, name) === 1, 'stored');
    const stepOne = (received: Uint8Array[]) => {
      const m = received.find((x) => x[0] === 0 && x[1] === 0);
      if (!m) return null;
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      return Y.decodeStateVector(decoding.readVarUint8Array(d));
    };
    /** Listens from before the handshake completes: the server's sync step 1 may arrive with the upgrade answer. */
    const listen = (token: string) => {
      const received: Uint8Array[] = [];
      const ws = new WebSocket(docUrl(h.syncUrl, name, token));
      ws.on('message', (data) => received.push(new Uint8Array(data as Buffer)));
      sockets.push(ws);
      return received;
    };
    const sockets: WebSocket[] = [];
    const bob = listen(h.mint('audience', IID, { sub: 'Bob' }));
    await waitFor(() => stepOne(bob) !== null, 'sync step 1 from the server');
    expect([...stepOne(bob)!.keys()]).toEqual([]);
    // A writer that reads gets the real one.
    const host = listen(h.mint('host', IID));
    await waitFor(() => stepOne(host) !== null, 'sync step 1 for the host');
    expect([...stepOne(host)!.keys()]).toEqual([ada.doc.clientID]);
    for (const ws of sockets) ws.terminate();
  });
});

describe('collab integrity: host commands', () => {
  it('lets only the host append commands, in its own name; the guest cannot add, forge or delete one, and still marks them applied', async () => {
    const h = await start();
    const stage = `${IID}.stage`;
    const host = client(h, stage, h.mint('host', IID, { sub: 'Hana Host' }));
    const guest = client(h, stage, h.mint('guest', IID, { sub: 'Gus' }));
    await Promise.all([host.synced(), guest.synced()]);

    // The reported attack: the guest appends HOST_EXTEND_TIME as the host, through the app's own writer.
    pushHostCommand(guest.doc, { id: 'cmd-forged', event: { type: 'HOST_EXTEND_TIME', seconds: 600 } as never, issuedBy: 'Hana Host', at: 1 });
    await waitFor(() => guest.denials.length > 0, 'refused');
    expect(guest.denials[0]).toMatch(/only host may add to "commands"/);
    // The host, in someone else's name: refused too.
    const forgedByHost = await expectRefused(
      h,
      stage,
      h.mint('host', IID, { sub: 'Hana Host' }),
      encodeRawUpdate([{ client: 905, clock: 0, structs: [placed('commands', 'stage', { kind: 'any', values: [{ id: 'c2', event: { type: 'HOST_PAUSE' }, issuedBy: 'Ivy', at: 2 }] })] }]),
    );
    expect(forgedByHost).toMatch(/issuedBy is "Ivy"/);

    pushHostCommand(host.doc, { id: 'cmd-real', event: { type: 'HOST_PAUSE' } as never, issuedBy: 'Hana Host', at: 3 });
    const fresh = client(h, stage, h.mint('interviewer', IID));
    await fresh.synced();
    await waitFor(() => listCommands(fresh.doc).some((c) => c.id === 'cmd-real'), 'the host\'s command arrives');
    expect(listCommands(fresh.doc).map((c) => c.id)).toEqual(['cmd-real']);

    // The guest's device records the outcome; deleting the command is refused.
    const gus = await raw(h, stage, h.mint('guest', IID, { sub: 'Gus' }));
    const server = await h.collab.openDoc(stage);
    gus.ws.send(updateFrame(encodeRawUpdate([], [{ client: host.doc.clientID, ranges: [[0, Y.getState(server.store, host.doc.clientID)]] }])));
    await waitFor(() => denial(gus.received) !== null, 'deletion refused');
    expect(denial(gus.received)).toMatch(/"commands" are a log/);
    const guestDevice = new Y.Doc();
    Y.applyUpdate(guestDevice, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(guestDevice);
    markCommandApplied(guestDevice, 'cmd-real', { ok: true, reason: null, at: 4 });
    await sendAccepted(h, stage, h.mint('guest', IID, { sub: 'Gus' }), Y.encodeStateAsUpdate(guestDevice, sv), guestDevice.clientID);
    await waitFor(() => server.getMap('applied').has('cmd-real'), 'outcome stored');
    expect(listCommands(server).map((c) => c.id)).toEqual(['cmd-real']);
  });
});

describe('collab integrity: size caps', () => {
  it('closes a connection whose record is over its kind\'s cap with 4413 and a reason, storing nothing of it', async () => {
    const h = await start({ sizeCaps: { staff: { maxRecordBytes: 1000 } } });
    const staff = `${IID}.staff`;
    const mo = await raw(h, staff, h.mint('moderator', IID, { sub: 'Mo' }));
    mo.ws.send(updateFrame(encodeRawUpdate([{ client: 906, clock: 0, structs: [placed('chat', 'staff', { kind: 'any', values: [{ by: 'Mo', role: 'moderator', text: 'x'.repeat(2000) }] })] }])));
    const closed = await mo.closed;
    expect(closed.code).toBe(4413);
    expect(closed.reason).toMatch(/at most 1000 characters/);
    expect(stored(h, staff)).toBe(0);
  });

  it('closes a writer that would take a document past its cap with 4413, keeps what was stored, and keeps reading for others', async () => {
    const h = await start({ sizeCaps: { audience: { maxDocBytes: 4000 } } });
    const name = `${IID}.audience`;
    const moderator = client(h, name, h.mint('moderator', IID));
    const ada = client(h, name, h.mint('audience', IID, { sub: 'Ada' }));
    await Promise.all([moderator.synced(), ada.synced()]);
    let sent = 0;
    while (ada.closes.length === 0 && sent < 100) {
      submitQuestion(ada.doc, `Question number ${sent} about ${'testing '.repeat(20)}`, { author: 'Ada', authorKey: 'k-ada' }, sent);
      sent++;
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => ada.closes.length > 0, 'the writer is closed at the cap');
    expect(ada.closes[0]).toMatchObject({ code: 4413 });
    expect(ada.closes[0]!.reason).toMatch(/document is full/);
    // Stored: the snapshot (the server compacts before refusing) plus the updates after it.
    const bytes = (
      h.db
        .prepare(
          `SELECT (SELECT COALESCE(SUM(LENGTH(state)), 0) FROM yjs_snapshots WHERE doc = ?) + (SELECT COALESCE(SUM(LENGTH(update_data)), 0) FROM yjs_updates WHERE doc = ?) AS n`,
        )
        .get(name, name) as { n: number }
    ).n;
    expect(bytes).toBeGreaterThan(3000);
    expect(bytes).toBeLessThanOrEqual(4000);
    // Everything stored reached the moderator, whose connection stays open.
    const kept = readSubmissions(await h.collab.openDoc(name)).length;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(sent);
    await waitFor(() => readSubmissions(moderator.doc).length === kept, 'the moderator has every stored question');
    expect(moderator.closes).toEqual([]);
    expect(h.logs.some((l) => l.msg === 'Closed a sync connection over a size cap')).toBe(true);
  });
});
