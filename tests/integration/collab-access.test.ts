/**
 * Roles and access on the collab server: tokens checked at the HTTP upgrade
 * (nothing accepted otherwise), the document split enforced for every role,
 * writes of readers refused, invisible presence, revocation and expiry of open
 * connections, per-token limits.
 */
import { describe, expect, it } from 'vitest';
import { collabResources } from '../support/collab-resources';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type WebSocket from 'ws';
import { accessFor, DOC_KINDS, ROLES, docName } from '../../src/domain/access';
import { ANY_INTERVIEW, mintToken } from '../../sync-server/auth/tokens';
import { docUrl, tryUpgrade, waitFor } from '../support/yws-client';
import { postChatMessage, readChat } from '../../src/sync/staff-doc';
import { submitQuestion } from '../../src/sync/audience-doc';
import { appendEdit, readEdits } from '../../src/sync/code-doc';
import { replay } from '../../src/domain/coding/code-history';
import { awarenessClientIds, awarenessFrame } from '../support/awareness-frames';

const IID = 'acme-frontend-1';
const OTHER = 'globex-backend-2';

const { start, stop, client, raw, destroyClients } = collabResources();

async function expectRefused(url: string, status: number): Promise<string> {
  const outcome = await tryUpgrade(url);
  if (outcome.opened) {
    outcome.socket.terminate();
    throw new Error(`expected HTTP ${status}, but the WebSocket was accepted`);
  }
  expect(outcome.status).toBe(status);
  return outcome.body;
}

const QUERY_AWARENESS = new Uint8Array([3]);

describe('collab server: access at the upgrade', () => {
  it('lets every role open exactly the documents the access table allows', async () => {
    const h = await start();
    for (const role of ROLES) {
      const token = h.mint(role, IID);
      for (const kind of DOC_KINDS) {
        const url = docUrl(h.syncUrl, docName(IID, kind), token);
        if (accessFor(role, kind) === 'none') {
          const body = await expectRefused(url, 403);
          expect(body).toContain(role);
        } else {
          const outcome = await tryUpgrade(url);
          expect(outcome.opened, `${role} on ${kind}`).toBe(true);
          if (outcome.opened) outcome.socket.terminate();
        }
      }
    }
  });

  it('refuses the guest the staff and key documents even by guessing their names', async () => {
    const h = await start();
    const guest = h.mint('guest', IID);
    await expectRefused(docUrl(h.syncUrl, `${IID}.staff`, guest), 403);
    await expectRefused(docUrl(h.syncUrl, `${IID}.key`, guest), 403);
    await expectRefused(`${h.syncUrl}/${IID}.staff%2e?token=${guest}`, 404);
    await expectRefused(docUrl(h.syncUrl, `${OTHER}.stage`, guest), 403);
    expect(h.collab.stats()).toEqual({ docs: 0, connections: 0 });
  });

  it('refuses forged, expired, missing and revoked tokens with 401 before accepting a socket', async () => {
    const h = await start();
    const doc = `${IID}.stage`;
    const guest = h.mint('guest', IID);
    const [payload, sig] = guest.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const widened = `${Buffer.from(JSON.stringify({ ...claims, role: 'host' })).toString('base64url')}.${sig}`;
    await expectRefused(docUrl(h.syncUrl, doc, widened), 401);
    const otherSecret = mintToken(Buffer.alloc(32, 7), { role: 'host', iid: IID, sub: 'mallory', ttlSec: 3600 });
    expect(await expectRefused(docUrl(h.syncUrl, doc, otherSecret), 401)).toContain('bad-signature');
    expect(await expectRefused(docUrl(h.syncUrl, doc, h.mint('host', IID, { ttlSec: -5 })), 401)).toContain('expired');
    expect(await expectRefused(`${h.syncUrl}/${doc}`, 401)).toContain('missing');
    await expectRefused(docUrl(h.syncUrl, doc, 'not-a-token'), 401);
    // Revoked by another process (the admin side writing the table directly).
    h.db.prepare('INSERT INTO revoked_tokens (jti, revoked_at) VALUES (?, ?)').run('revoked-elsewhere', Date.now());
    expect(await expectRefused(docUrl(h.syncUrl, doc, h.mint('guest', IID, { jti: 'revoked-elsewhere' })), 401)).toContain('revoked');
    await expectRefused(docUrl(h.syncUrl, 'nonsense', guest), 404);
    await expectRefused(`ws://127.0.0.1:${h.port}/elsewhere/${doc}?token=${guest}`, 404);
    expect(h.collab.stats().connections).toBe(0);
    expect(h.logs.filter((l) => l.level === 'warn' && l.msg === 'Refused sync connection').length).toBeGreaterThanOrEqual(2);
  });

  it('lets a host workspace token (any interview) open every interview', async () => {
    const h = await start();
    const host = h.mint('host', ANY_INTERVIEW);
    for (const iid of [IID, OTHER]) {
      const c = client(h, `${iid}.key`, host);
      await c.synced();
    }
    expect(h.collab.stats()).toEqual({ docs: 2, connections: 2 });
  });
});

describe('collab server: what readers can do', () => {
  it('refuses the writes of every role on every document it may only read', async () => {
    const h = await start();
    const readOnly = ROLES.flatMap((role) => DOC_KINDS.filter((kind) => accessFor(role, kind) === 'read').map((kind) => ({ role, kind })));
    expect(readOnly.length).toBeGreaterThan(10);
    for (const { role, kind } of readOnly) {
      const name = docName(IID, kind);
      const reader = client(h, name, h.mint(role, IID));
      await reader.synced();
      reader.doc.getArray<string>('attempt').push([`${role} writing ${kind}`]);
      await waitFor(() => reader.denials.length > 0, `${role} refused on ${kind}`);
      expect((await h.collab.openDoc(name)).getArray('attempt').length, `${role} on ${kind}`).toBe(0);
      reader.destroy();
    }
    expect((h.db.prepare('SELECT COUNT(*) AS n FROM yjs_updates').get() as { n: number }).n).toBe(0);
  });

  it('refuses writes from readers: an audience member cannot approve questions', async () => {
    const h = await start();
    const moderation = `${IID}.moderation`;
    const moderator = client(h, moderation, h.mint('moderator', IID));
    const audience = client(h, moderation, h.mint('audience', IID));
    await Promise.all([moderator.synced(), audience.synced()]);
    moderator.doc.getArray<string>('queue').push(['q-1']);
    await waitFor(() => audience.doc.getArray('queue').length === 1, 'audience reads approvals');

    audience.doc.getArray<string>('queue').push(['q-evil']);
    await waitFor(() => audience.denials.length > 0, 'server answered with permission denied');
    expect(audience.denials[0]).toContain('audience');
    const serverDoc = await h.collab.openDoc(moderation);
    expect(serverDoc.getArray('queue').toArray()).toEqual(['q-1']);
    const stored = h.db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?').get(moderation) as { n: number };
    expect(stored.n).toBe(1);
    const fresh = client(h, moderation, h.mint('interviewer', IID));
    await fresh.synced();
    expect(fresh.doc.getArray('queue').toArray()).toEqual(['q-1']);
    expect(audience.provider.wsconnected).toBe(true); // refused, not disconnected (no reconnect loop)

    // The audience document is theirs to write: the question reaches the moderator.
    const audienceDoc = `${IID}.audience`;
    const asker = client(h, audienceDoc, h.mint('audience', IID));
    const modReads = client(h, audienceDoc, h.mint('moderator', IID));
    await Promise.all([asker.synced(), modReads.synced()]);
    asker.doc.getArray<string>('submissions').push(['How do you test React hooks?']);
    await waitFor(() => modReads.doc.getArray('submissions').length === 1, 'question relayed to the moderator');
  });

  it('lets audience members add questions without receiving anyone else\'s, and refuses their deletions', async () => {
    const h = await start();
    const name = `${IID}.audience`;
    const moderator = client(h, name, h.mint('moderator', IID));
    const ada = client(h, name, h.mint('audience', IID, { sub: 'ada' }));
    const bob = client(h, name, h.mint('audience', IID, { sub: 'bob' }));
    await Promise.all([moderator.synced(), ada.synced(), bob.synced()]);
    ada.doc.getArray<string>('submissions').push(['Ada asks about testing']);
    bob.doc.getArray<string>('submissions').push(['Bob asks about caching']);
    await waitFor(() => moderator.doc.getArray('submissions').length === 2, 'both questions reach the moderator');
    expect(bob.doc.getArray('submissions').toArray()).toEqual(['Bob asks about caching']);
    expect(ada.doc.getArray('submissions').toArray()).toEqual(['Ada asks about testing']);

    // A newcomer is told it is synced but is sent none of the document.
    const carol = client(h, name, h.mint('audience', IID, { sub: 'carol' }));
    await carol.synced();
    expect(carol.doc.getArray('submissions').length).toBe(0);

    // Deleting, even one's own question, is refused; the server keeps both.
    bob.doc.getArray('submissions').delete(0, 1);
    await waitFor(() => bob.denials.length > 0, 'deletion refused');
    expect(bob.denials[0]).toContain('may only add');
    expect((await h.collab.openDoc(name)).getArray('submissions').toArray()).toEqual(
      expect.arrayContaining(['Ada asks about testing', 'Bob asks about caching']),
    );
    expect(bob.provider.wsconnected).toBe(true);
  });

  it('relays the guest\'s code edits to staff, who may not write them, and refuses the guest deleting any (the replayed history)', async () => {
    const h = await start();
    const name = `${IID}.code`;
    const guest = client(h, name, h.mint('guest', IID, { sub: 'ada' }));
    const ivy = client(h, name, h.mint('interviewer', IID, { sub: 'ivy' }));
    await Promise.all([guest.synced(), ivy.synced()]);
    appendEdit(guest.doc, { q: 'q1', at: 1, ops: [[0, 0, 'function f() {}']] });
    appendEdit(guest.doc, { q: 'q1', at: 2, ops: [[14, 14, ' return 1; ']] });
    await waitFor(() => readEdits(ivy.doc).length === 2, 'both edits reach the interviewer');
    expect(replay(readEdits(ivy.doc), 'q1')).toBe('function f() { return 1; }');

    // The guest's own device may not rewrite what staff replay.
    guest.doc.getArray('edits').delete(0, 1);
    await waitFor(() => guest.denials.length > 0, 'deletion refused');
    expect(guest.denials[0]).toContain('may only add to code documents');
    expect(readEdits(await h.collab.openDoc(name))).toHaveLength(2);
    // Nor may staff write the guest's code.
    appendEdit(ivy.doc, { q: 'q1', at: 3, ops: [[0, 0, '// forged ']] });
    await waitFor(() => ivy.denials.length > 0, 'interviewer write refused');
    expect(replay(readEdits(await h.collab.openDoc(name)), 'q1')).toBe('function f() { return 1; }');
  });

  it('keeps silent observers invisible and relays writers and the interviewer on stage', async () => {
    const h = await start();
    const moderation = `${IID}.moderation`;
    const mod = await raw(h, moderation, h.mint('moderator', IID));
    const aud = await raw(h, moderation, h.mint('audience', IID));
    aud.ws.send(awarenessFrame(4242, 1, { name: 'audience-person' }));
    // The echo proves the server processed it; it only ever goes back to the sender.
    await waitFor(() => awarenessClientIds(aud.received).has(4242), 'invisible presence echoed to its sender');
    mod.ws.send(awarenessFrame(1111, 1, { name: 'moderator-person' }));
    await waitFor(() => awarenessClientIds(aud.received).has(1111), 'moderator visible to the audience');
    const before = mod.received.length;
    mod.ws.send(QUERY_AWARENESS);
    await waitFor(() => mod.received.length > before, 'awareness query answered');
    const seenByModerator = awarenessClientIds(mod.received);
    expect(seenByModerator.has(1111)).toBe(true);
    expect(seenByModerator.has(4242)).toBe(false);

    const stage = `${IID}.stage`;
    const guest = await raw(h, stage, h.mint('guest', IID));
    const interviewer = await raw(h, stage, h.mint('interviewer', IID));
    const tech = await raw(h, stage, h.mint('tech-support', IID));
    interviewer.ws.send(awarenessFrame(2001, 1, { name: 'interviewer-person' }));
    tech.ws.send(awarenessFrame(2002, 1, { name: 'tech-support-person' }));
    await waitFor(() => awarenessClientIds(tech.received).has(2002), 'tech support echo');
    await waitFor(() => awarenessClientIds(guest.received).has(2001), 'guest sees the interviewer');
    const n = guest.received.length;
    guest.ws.send(QUERY_AWARENESS);
    await waitFor(() => guest.received.length > n, 'guest query answered');
    expect(awarenessClientIds(guest.received).has(2002)).toBe(false);
  });

  it('does not let one connection overwrite presence owned by another', async () => {
    const h = await start();
    const staff = `${IID}.staff`;
    const a = await raw(h, staff, h.mint('host', IID));
    const b = await raw(h, staff, h.mint('interviewer', IID));
    a.ws.send(awarenessFrame(7, 1, { name: 'host-person' }));
    await waitFor(() => awarenessClientIds(b.received).has(7), 'host presence relayed');
    b.ws.send(awarenessFrame(7, 5, null)); // try to remove the host
    b.ws.send(awarenessFrame(8, 1, { name: 'interviewer-person' }));
    await waitFor(() => awarenessClientIds(a.received).has(8), 'interviewer presence relayed');
    const count = a.received.length;
    a.ws.send(QUERY_AWARENESS);
    await waitFor(() => a.received.length > count, 'query answered');
    const last = a.received[a.received.length - 1]!;
    const aw = new awarenessProtocol.Awareness(new Y.Doc());
    const d = decoding.createDecoder(last);
    decoding.readVarUint(d);
    awarenessProtocol.applyAwarenessUpdate(aw, decoding.readVarUint8Array(d), 'test');
    expect(aw.getStates().get(7)).toEqual({ name: 'host-person' });
    aw.destroy();
  });
});

describe('collab server: records in one\'s own name', () => {
  it('refuses a chat message or an audience question written in someone else\'s name, and keeps the writer\'s own', async () => {
    const h = await start();
    const staffName = `${IID}.staff`;
    const ivy = client(h, staffName, h.mint('interviewer', IID, { sub: 'Ivy' }));
    const hana = client(h, staffName, h.mint('host', IID, { sub: 'Hana' }));
    await Promise.all([ivy.synced(), hana.synced()]);
    postChatMessage(ivy.doc, 'Fail this candidate', { by: 'Hana', role: 'host' }, 1);
    await waitFor(() => ivy.denials.length > 0, 'the forged message is refused');
    expect(ivy.denials[0]).toContain('your link is for "Ivy"');
    expect(readChat(await h.collab.openDoc(staffName))).toEqual([]);

    // The writer's own records go through as before.
    const mallory = client(h, staffName, h.mint('moderator', IID, { sub: 'Mo' }));
    await mallory.synced();
    postChatMessage(mallory.doc, 'Audience is lively', { by: 'Mo', role: 'moderator' }, 2);
    await waitFor(() => readChat(hana.doc).length === 1, 'the moderator\'s own message reaches the host');
    expect(readChat(hana.doc)[0]).toMatchObject({ by: 'Mo', role: 'moderator' });

    const audienceName = `${IID}.audience`;
    const bob = client(h, audienceName, h.mint('audience', IID, { sub: 'Bob' }));
    const moderator = client(h, audienceName, h.mint('moderator', IID));
    await Promise.all([bob.synced(), moderator.synced()]);
    submitQuestion(bob.doc, 'Posted as Ada', { author: 'Ada', authorKey: 'k-ada' }, 3);
    await waitFor(() => bob.denials.length > 0, 'the question under another name is refused');
    expect((await h.collab.openDoc(audienceName)).getArray('submissions').length).toBe(0);
    expect(h.logs.some((l) => l.msg === 'Refused a write' && String(l.fields?.reason ?? '').includes('records must be in your own name'))).toBe(true);
  });

  it('relays presence only in the connection\'s own name and role', async () => {
    const h = await start();
    const staff = `${IID}.staff`;
    const host = await raw(h, staff, h.mint('host', IID, { sub: 'Hana' }));
    const mo = await raw(h, staff, h.mint('moderator', IID, { sub: 'Mo' }));
    mo.ws.send(awarenessFrame(31, 1, { name: 'Hana', role: 'host', color: '#1d4ed8' }));
    mo.ws.send(awarenessFrame(32, 1, { name: 'Mo', role: 'host', color: '#1d4ed8' }));
    mo.ws.send(awarenessFrame(33, 1, { name: 'Mo', role: 'moderator', color: '#047857' }));
    await waitFor(() => awarenessClientIds(host.received).has(33), 'the moderator\'s own presence is relayed');
    const count = host.received.length;
    host.ws.send(QUERY_AWARENESS);
    await waitFor(() => host.received.length > count, 'query answered');
    const seen = awarenessClientIds(host.received);
    expect(seen.has(31)).toBe(false);
    expect(seen.has(32)).toBe(false);
    expect(h.logs.some((l) => l.msg === 'Refused a write' && String(l.fields?.reason ?? '').includes('may not appear as someone else'))).toBe(true);
  });

  it('does not hold it against stock clients that echo each other\'s presence back', async () => {
    const h = await start();
    const staff = `${IID}.staff`;
    const ivy = client(h, staff, h.mint('interviewer', IID, { sub: 'Ivy' }));
    const hana = client(h, staff, h.mint('host', IID, { sub: 'Hana' }));
    await Promise.all([ivy.synced(), hana.synced()]);
    ivy.provider.awareness.setLocalState({ name: 'Ivy', role: 'interviewer', color: '#047857' });
    hana.provider.awareness.setLocalState({ name: 'Hana', role: 'host', color: '#1d4ed8' });
    await waitFor(() => ivy.provider.awareness.getStates().size === 2 && hana.provider.awareness.getStates().size === 2, 'each sees the other');
    // y-websocket re-sends every awareness change it receives; a round trip later nothing has been refused.
    hana.provider.awareness.setLocalStateField('color', '#7c3aed');
    await waitFor(() => (ivy.provider.awareness.getStates().get(hana.doc.clientID) as { color?: string } | undefined)?.color === '#7c3aed', 'the change arrives');
    expect(ivy.denials).toEqual([]);
    expect(hana.denials).toEqual([]);
  });

  it('does not hold it against a client that echoes the presence of someone who has just left (a staff reload)', async () => {
    const h = await start();
    const staff = `${IID}.staff`;
    const host = await raw(h, staff, h.mint('host', IID, { sub: 'Hana' }));
    const mo = await raw(h, staff, h.mint('moderator', IID, { sub: 'Mo' }));
    host.ws.send(awarenessFrame(41, 3, { name: 'Hana', role: 'host', color: '#1d4ed8' }));
    await waitFor(() => awarenessClientIds(mo.received).has(41), "the host's presence reaches the moderator");
    host.ws.close();
    await host.closed;
    // The echo of the host's last state arrives after the host's connection is gone.
    await waitFor(() => h.collab.stats().connections === 1, 'the host is gone');
    mo.ws.send(awarenessFrame(41, 3, { name: 'Hana', role: 'host', color: '#1d4ed8' }));
    // A newer state for a client id nobody holds is still this connection's claim, and refused.
    mo.ws.send(awarenessFrame(42, 1, { name: 'Hana', role: 'host', color: '#1d4ed8' }));
    await waitFor(() => h.logs.some((l) => l.msg === 'Refused a write'), 'the forged presence is refused');
    const refusals = h.logs.filter((l) => l.msg === 'Refused a write');
    expect(refusals).toHaveLength(1);
    mo.ws.close();
    await mo.closed;
    await waitFor(() => h.logs.some((l) => l.msg === 'Sync connection closed'), 'the close is logged');
    expect(h.logs.find((l) => l.msg === 'Sync connection closed')?.fields?.refusedWrites).toBe(1);
  });
});

describe('collab server: revocation and expiry', () => {
  it('closes open connections of a revoked token at once and refuses it from then on, also after a restart', async () => {
    const h = await start();
    const stage = `${IID}.stage`;
    const hostC = client(h, stage, h.mint('host', IID));
    const guestToken = h.mint('guest', IID, { jti: 'guest-link-1' });
    const guest = client(h, stage, guestToken);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => guest.provider.on('closed', resolve));
    await Promise.all([hostC.synced(), guest.synced()]);
    h.collab.revoke('guest-link-1');
    const event = await closed;
    expect(event).toEqual({ code: 4401, reason: 'token revoked' });
    expect(guest.provider.shouldConnect).toBe(false); // the stock client stops retrying on 44xx
    expect(await expectRefused(docUrl(h.syncUrl, stage, guestToken), 401)).toContain('revoked');
    expect(hostC.provider.wsconnected).toBe(true);

    const { dbFile, secret } = h;
    destroyClients();
    await stop(h);
    const h2 = await start({ dbFile, secret });
    expect(await expectRefused(docUrl(h2.syncUrl, stage, guestToken), 401)).toContain('revoked');
  });

  it('closes an open connection when its token expires', async () => {
    const h = await start();
    const guest = client(h, `${IID}.stage`, h.mint('guest', IID, { ttlSec: 2 }));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => guest.provider.on('closed', resolve));
    await guest.synced();
    expect(await closed).toEqual({ code: 4401, reason: 'token expired' });
  });
});

describe('collab server: per-token limits at the upgrade', () => {
  it('answers 429 past the connections and documents allowed per token', async () => {
    const h = await start({ limits: { maxConnectionsPerToken: 3, maxDocsPerToken: 2 } });
    const guest = h.mint('guest', IID);
    const stageUrl = docUrl(h.syncUrl, `${IID}.stage`, guest);
    for (let i = 0; i < 3; i++) await raw(h, `${IID}.stage`, guest);
    expect(await expectRefused(stageUrl, 429)).toContain('open connections');

    const host = h.mint('host', ANY_INTERVIEW);
    await raw(h, `${IID}.plan`, host);
    await raw(h, `${OTHER}.plan`, host);
    expect(await expectRefused(docUrl(h.syncUrl, `third-interview.plan`, host), 429)).toContain('documents');
    await raw(h, `${OTHER}.plan`, host); // another tab on a document it already holds is fine
  });
});
