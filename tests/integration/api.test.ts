/**
 * The JSON API against a real server: who may do what, and clear errors for bad requests. On SQLite, and with
 * DATABASE_URL on PostgreSQL (issued links, revocations and the interview index there).
 */
import { afterAll, beforeAll, describe, expect, it as itBase } from 'vitest';
import { storageBackends } from '../support/storage-backends';
import { startServer, readSecret, type ServerProcess } from '../support/server-process';
import { mintToken } from '../../sync-server/auth/tokens';
import { linkProblemSentence } from '../../src/domain/link-errors';

let s: ServerProcess;
let secret: Buffer;

const get = (path: string, token?: string) => fetch(`${s.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
const post = (path: string, body: string, token?: string) =>
  fetch(`${s.url}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) } });

describe.each(storageBackends())('API access on $name', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  beforeAll(async () => {
    if (backend.skip) return;
    const databaseUrl = backend.name === 'postgres' ? (await backend.open()).url : null;
    s = await startServer(databaseUrl ? { env: { DATABASE_URL: databaseUrl } } : {});
    secret = readSecret(s.dataDir);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('refuses requests without a token, with a forged token and with an expired token', async () => {
    expect((await get('/api/interviews')).status).toBe(401);
    const forged = mintToken(Buffer.alloc(32, 7), { iid: '*', role: 'host', sub: 'x', ttlSec: 60 });
    const r1 = await get('/api/interviews', forged);
    expect(r1.status).toBe(401);
    // A sentence for the person (a host's link: the host is the one to make a new one), and a code for programs.
    expect(await r1.json()).toEqual({ code: 'link-bad-signature', error: linkProblemSentence('bad-signature', 'host') });
    const expired = mintToken(secret, { iid: '*', role: 'host', sub: 'x', ttlSec: 60 }, Date.now() - 3600_000);
    const r2 = await get('/api/interviews', expired);
    expect(await r2.json()).toEqual({ code: 'link-expired', error: linkProblemSentence('expired', 'host') });
    const guestForged = mintToken(Buffer.alloc(32, 7), { iid: 'x', role: 'guest', sub: 'g', ttlSec: 60 });
    expect(((await (await get('/api/me', guestForged)).json()) as { error: string }).error).toBe(
      'Your link was not made by this InterQ server, or it was changed after it was sent: ask the host for a new link.',
    );
    expect(((await (await get('/api/me', 'not-a-token')).json()) as { code: string }).code).toBe('link-malformed');
  });

  it('lets only hosts list interviews and issue invites', async () => {
    const guest = mintToken(secret, { iid: 'some-interview', role: 'guest', sub: 'g', ttlSec: 60 });
    expect((await get('/api/interviews', guest)).status).toBe(403);
    expect((await post('/api/invites', JSON.stringify({ interviewId: 'some-interview', role: 'guest', subject: 'x' }), guest)).status).toBe(403);
    expect((await get('/api/interviews', s.hostToken)).status).toBe(200);
  });

  it('tells a token holder who they are', async () => {
    const guest = mintToken(secret, { iid: 'some-interview', role: 'guest', sub: 'Grace', ttlSec: 60 });
    const me = (await (await get('/api/me', guest)).json()) as { role: string; subject: string; interviewId: string };
    expect(me).toMatchObject({ role: 'guest', subject: 'Grace', interviewId: 'some-interview' });
  });

  it('rejects malformed and oversized invite requests with a reason', async () => {
    const bad = await post('/api/invites', '{not json', s.hostToken);
    expect(bad.status).toBe(400);
    const invalid = await post('/api/invites', JSON.stringify({ interviewId: 'BAD ID', role: 'wizard', subject: '' }), s.hostToken);
    expect(invalid.status).toBe(400);
    const msg = ((await invalid.json()) as { error: string }).error;
    expect(msg).toContain('interviewId');
    expect(msg).toContain('role');
    const huge = await post('/api/invites', JSON.stringify({ interviewId: 'x', pad: 'a'.repeat(200_000) }), s.hostToken);
    expect(huge.status).toBe(413);
  });

  it('revokes an invite so its token stops working at once', async () => {
    const r = await post('/api/invites', JSON.stringify({ interviewId: 'revoke-me', role: 'guest', subject: 'Ada' }), s.hostToken);
    const invite = (await r.json()) as { jti: string; url: string };
    const token = invite.url.split('#t=')[1]!;
    expect((await get('/api/me', token)).status).toBe(200);
    const del = await fetch(`${s.url}/api/invites/${invite.jti}`, { method: 'DELETE', headers: { Authorization: `Bearer ${s.hostToken}` } });
    expect(del.status).toBe(200);
    const after = await get('/api/me', token);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe('link-revoked');
  });

  it('answers unknown API routes with 404 JSON', async () => {
    const r = await get('/api/nothing-here', s.hostToken);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: string }).error).toContain('No API route');
  });
});
