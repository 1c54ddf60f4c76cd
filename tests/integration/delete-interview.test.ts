/**
 * Deleting an interview against the real server, on SQLite and with DATABASE_URL on PostgreSQL (documents, the
 * interview index and the deletion record there; the rest in the node's SQLite file): the plan, stage and other documents, the
 * uploaded recordings and the invites go; open sockets are closed so they stop reconnecting; a device that still
 * holds the documents cannot bring them back; the deletion is logged and kept on record; only the host may do it.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it as itBase } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process';
import { connectClient, docUrl, tryUpgrade, waitFor } from '../support/yws-client';
import { DATABASE_FILE } from '../../sync-server/data-dir';
import { writePlan } from '../../src/sync/plan-doc';
import { postChatMessage } from '../../src/sync/staff-doc';
import { publishedBankPlan } from '../support/bank-plan';
import { storageBackends } from '../support/storage-backends';
import pg from 'pg';

const IV = 'delete-me-1';
const KEEP = 'keep-me-1';
let s: ServerProcess;
/** With PostgreSQL: the database the server shares its documents, index and deletion record in. */
let databaseUrl: string | null = null;
const backends = storageBackends();
const serverEnv = (): Record<string, string> => ({ LOG_QUIET: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });

const api = (method: string, p: string, tok: string, body?: unknown) =>
  fetch(`${s.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${tok}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const syncUrl = () => `${s.url.replace('http', 'ws')}/sync`;

async function publish(id: string) {
  const plan = connectClient(syncUrl(), `${id}.plan`, s.hostToken);
  const key = connectClient(syncUrl(), `${id}.key`, s.hostToken);
  await Promise.all([plan.synced(), key.synced()]);
  writePlan(plan.doc, key.doc, publishedBankPlan(id));
  return { plan, key };
}

async function invite(id: string, role: string) {
  const r = await api('POST', '/api/invites', s.hostToken, { interviewId: id, role, subject: `${role} person` });
  expect(r.status).toBe(201);
  return ((await r.json()) as { url: string; jti: string }).url.split('#t=')[1]!;
}

async function upload(id: string, guest: string, rid: string) {
  const audio = randomBytes(50_000);
  const sha256 = createHash('sha256').update(audio).digest('hex');
  const base = `${s.url}/api/interviews/${id}/recordings`;
  const auth = { Authorization: `Bearer ${guest}` };
  const c = await fetch(base, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ recordingId: rid, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: audio.length, sha256, durationMs: 3000 }),
  });
  expect(c.status).toBeLessThan(300);
  const p = await fetch(`${base}/${rid}`, { method: 'PATCH', headers: { ...auth, 'Upload-Offset': '0', 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(audio) });
  expect(p.status).toBe(200);
}

/** Tables DATABASE_URL moves to PostgreSQL; the others stay in the node's SQLite file. */
const SHARED = /\b(yjs_updates|yjs_snapshots|FROM interviews|deleted_interviews|recordings|recording_parts)\b/;

async function rows(sql: string, ...args: unknown[]): Promise<number> {
  if (databaseUrl && SHARED.test(sql)) {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      let i = 0;
      const res = await c.query<{ n: string }>(sql.replace(/\?/g, () => `$${++i}`), args);
      return Number(res.rows[0]!.n);
    } finally {
      await c.end();
    }
  }
  const db = new Database(path.join(s.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe.each(backends)('deleting an interview on $name', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  beforeAll(async () => {
    if (backend.skip) return;
    databaseUrl = backend.name === 'postgres' ? (await backend.open()).url : null;
    s = await startServer({ env: serverEnv() });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('removes its documents, recordings and invites, closes its sockets and keeps other interviews', async () => {
    const docs = await publish(IV);
    const other = await publish(KEEP);
    const guest = await invite(IV, 'guest');
    const interviewer = await invite(IV, 'interviewer');
    const keptGuest = await invite(KEEP, 'guest');
    await upload(IV, guest, 'rec-1');
    await upload(KEEP, keptGuest, 'rec-k');
    const staff = connectClient(syncUrl(), `${IV}.staff`, interviewer);
    await staff.synced();
    postChatMessage(staff.doc, 'hello', { by: 'interviewer person', role: 'interviewer' }, Date.now());
    await waitFor(async () => await rows("SELECT COUNT(*) AS n FROM interviews WHERE id = ?", IV) === 1, 'the plan is indexed');
    await waitFor(async () => await rows("SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?", `${IV}.staff`) > 0, 'the chat is stored');
    // The dashboard's read model has the candidate interview (projected 25 ms after the stored update).
    await waitFor(async () => await rows('SELECT COUNT(*) AS n FROM admin_results WHERE interview_id = ?', IV) === 1, 'the dashboard lists it');
    expect(await rows('SELECT COUNT(*) AS n FROM admin_answers WHERE interview_id = ?', IV)).toBeGreaterThan(0);

    // Only the host may delete.
    expect((await api('DELETE', `/api/interviews/${IV}`, guest)).status).toBe(403);
    expect((await api('DELETE', `/api/interviews/${IV}`, interviewer)).status).toBe(403);

    const res = await api('DELETE', `/api/interviews/${IV}`, s.hostToken);
    expect(res.status).toBe(200);
    const report = (await res.json()) as Record<string, unknown>;
    expect(report).toMatchObject({ interviewId: IV, documents: 3, recordings: 1, recordingBytes: 50_000, invitesRevoked: 2, alreadyDeleted: false });
    expect(report.connectionsClosed).toBeGreaterThanOrEqual(3);

    // Nothing of it is left in the database, and the other interview is untouched.
    expect(await rows("SELECT COUNT(*) AS n FROM yjs_updates WHERE substr(doc, 1, ?) = ?", IV.length + 1, `${IV}.`)).toBe(0);
    expect(await rows("SELECT COUNT(*) AS n FROM yjs_snapshots WHERE substr(doc, 1, ?) = ?", IV.length + 1, `${IV}.`)).toBe(0);
    expect(await rows('SELECT COUNT(*) AS n FROM recordings WHERE interview_id = ?', IV)).toBe(0);
    expect(await rows('SELECT COUNT(*) AS n FROM recording_parts WHERE interview_id = ?', IV)).toBe(0);
    expect(await rows('SELECT COUNT(*) AS n FROM invites WHERE interview_id = ?', IV)).toBe(0);
    expect(await rows('SELECT COUNT(*) AS n FROM interviews WHERE id = ?', IV)).toBe(0);
    expect(await rows('SELECT COUNT(*) AS n FROM deleted_interviews WHERE id = ?', IV)).toBe(1);
    // The dashboard forgot it at once, not at the next start's catch-up (issue #12: one deletion path).
    for (const table of ['admin_results', 'admin_answers', 'admin_digests', 'admin_ratings', 'admin_incidents']) {
      expect(await rows(`SELECT COUNT(*) AS n FROM ${table} WHERE interview_id = ?`, IV), table).toBe(0);
    }
    expect(await rows('SELECT COUNT(*) AS n FROM admin_results WHERE interview_id = ?', KEEP)).toBe(1);
    const listed = (await (await api('GET', '/api/admin/results?q=delete-me', s.hostToken)).json()) as { rows?: { interviewId: string }[] };
    expect(JSON.stringify(listed)).not.toContain(IV);
    expect(await rows('SELECT COUNT(*) AS n FROM recordings WHERE interview_id = ?', KEEP)).toBe(1);
    expect(await rows("SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?", `${KEEP}.plan`)).toBeGreaterThan(0);
    const list = (await (await api('GET', '/api/interviews', s.hostToken)).json()) as { interviews: { id: string; status: string | null }[] };
    expect(list.interviews.map((i) => i.id)).toEqual([KEEP]);
    // The host's list carries the server's own status of each interview (interview_status): published, no guest yet.
    // The status is a projection the server computes after the documents change, so it may still be on its way.
    const statusOfKept = async () =>
      ((await (await api('GET', '/api/interviews', s.hostToken)).json()) as { interviews: { status: string | null }[] }).interviews[0]?.status;
    await expect.poll(statusOfKept, { timeout: 15_000 }).toBe('invited');

    // Open sockets were closed with 4410, which y-websocket does not retry.
    await waitFor(() => docs.plan.closes.some((c) => c.code === 4410) && staff.closes.some((c) => c.code === 4410), 'sockets closed with 4410');
    expect(other.plan.closes).toEqual([]);

    // The guest's and interviewer's links no longer work anywhere.
    expect((await api('GET', '/api/me', guest)).status).toBe(401);
    expect((await api('GET', '/api/me', interviewer)).status).toBe(401);
    expect((await api('GET', '/api/me', keptGuest)).status).toBe(200);

    // The host's device still holds the plan: reconnecting is refused, so it cannot store it anew.
    const refused = await tryUpgrade(docUrl(syncUrl(), `${IV}.plan`, s.hostToken));
    expect(refused).toMatchObject({ opened: false, status: 410 });
    expect((refused as { body: string }).body).toContain('this interview was deleted');
    await new Promise((r) => setTimeout(r, 300));
    expect(await rows("SELECT COUNT(*) AS n FROM yjs_updates WHERE substr(doc, 1, ?) = ?", IV.length + 1, `${IV}.`)).toBe(0);

    // Logged, with what went.
    expect(s.output()).toMatch(new RegExp(`Deleted interview interview=${IV} by=host \\(host\\) documents=3 recordings=1 recordingBytes=50000 invitesRevoked=2`));

    // A second delete answers with the first record; an unknown interview is a 404 with a sentence.
    const again = (await (await api('DELETE', `/api/interviews/${IV}`, s.hostToken)).json()) as Record<string, unknown>;
    expect(again).toMatchObject({ interviewId: IV, alreadyDeleted: true, recordings: 1 });
    const unknown = await api('DELETE', '/api/interviews/never-was-here', s.hostToken);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toContain('never published here');

    for (const c of [docs.plan, docs.key, other.plan, other.key, staff]) c.destroy();
  });

  it('the dashboard’s DELETE /api/admin/candidates/<id> takes the same path: tombstone, logged, documents refused, read model gone', async () => {
    const id = 'delete-via-admin';
    const docs = await publish(id);
    await waitFor(async () => await rows('SELECT COUNT(*) AS n FROM admin_results WHERE interview_id = ?', id) === 1, 'the dashboard lists it');
    const res = await api('DELETE', `/api/admin/candidates/${id}`, s.hostToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ interviewId: id, documents: 2, alreadyDeleted: false });
    expect(await rows('SELECT COUNT(*) AS n FROM admin_results WHERE interview_id = ?', id)).toBe(0);
    expect(await rows('SELECT COUNT(*) AS n FROM deleted_interviews WHERE id = ?', id)).toBe(1);
    expect(s.output()).toMatch(new RegExp(`Deleted interview interview=${id} by=host \\(host\\) documents=2`));
    expect(await tryUpgrade(docUrl(syncUrl(), `${id}.plan`, s.hostToken))).toMatchObject({ opened: false, status: 410 });
    // Either route afterwards answers with the first record.
    expect(await (await api('DELETE', `/api/interviews/${id}`, s.hostToken)).json()).toMatchObject({ interviewId: id, alreadyDeleted: true });
    docs.plan.destroy();
    docs.key.destroy();
  });

  it('survives a restart: the deleted interview stays refused', async () => {
    await s.stop();
    s = await startServer({ dataDir: s.dataDir, env: serverEnv() });
    const refused = await tryUpgrade(docUrl(syncUrl(), `${IV}.stage`, s.hostToken));
    expect(refused).toMatchObject({ opened: false, status: 410 });
  });
});
