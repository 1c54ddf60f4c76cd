/**
 * npm run migrate:to-postgres (scripts/migrate-to-postgres.ts, sync-server/migrate/): a data folder written by a real
 * server on SQLite (interviews driven through the stage machine by real y-websocket clients, ratings, uploads, one
 * in three parts, a revoked link) is moved into a real PostgreSQL (Debian's package, on loopback), and then:
 * - a node started on PostgreSQL with the same folder serves the same interviews: the dashboard's rows equal, the
 *   revoked link still refused, the recording's bytes equal, and a guest reconnecting with its local state (and an
 *   edit made while the server was away) converges; a second node with a fresh folder and the same secret lists the
 *   same rows;
 * - a move SIGKILLed in the middle of the copy (held on a table lock) is finished by --resume without a duplicate
 *   row, and a second --resume adds nothing;
 * - refusals, each one sentence with nothing changed: a server holding the folder, a non-empty database, --resume on
 *   foreign data, an unreachable database, a URL of another kind, a missing folder, a newer schema on either side.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../sync-server/auth/tokens';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { recordIncident } from '../../src/sync/support-doc';
import { REPO_ROOT, dataDirSharingSecret, freePort, readSecret, startServer, tempDataDir, type ServerProcess } from '../support/server-process';
import { postgresUnavailable, type TestPostgres } from '../support/postgres';
import { sharedPostgres } from '../support/run-postgres';
import { connectClient, docUrl, tryUpgrade, waitFor, type YwsClient } from '../support/yws-client';
import { seedInterview } from '../support/results-seed';
import { uploadRecording } from '../support/upload-recording';

const unavailable = postgresUnavailable();
const IDS = ['move-c1', 'move-c2'];
const SCRIPT = path.join(REPO_ROOT, 'scripts/migrate-to-postgres.ts');

let cluster: TestPostgres;
let source: ServerProcess;
let dataDir: string;
let secret: Buffer;
const clients: YwsClient[] = [];
const nodes: ServerProcess[] = [];
/** What the SQLite server showed before the move. */
let rowsBefore: unknown[];
let audioBefore: Buffer;
/** The recording whose bytes audioBefore holds. */
let audioRecordingId: string;
let partedBefore: Buffer;
let revokedGuest: string;
/** The guest's support document as its device holds it (same Y.Doc, same client id) after the server went away. */
let guestSupport: Y.Doc;

const auth = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
const guestToken = (iid: string) => mintToken(secret, { iid, role: 'guest', sub: 'guest-1', ttlSec: 3600 });
const syncUrl = (node: ServerProcess) => `ws://127.0.0.1:${node.port}/sync`;

async function results(node: ServerProcess, token: string): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${node.url}/api/admin/results?sort=started&dir=asc`, { headers: auth(token) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: Array<Record<string, unknown>> }).rows;
}

async function audio(node: ServerProcess, token: string, iid: string, rid: string): Promise<Buffer> {
  const res = await fetch(`${node.url}/api/admin/results/${iid}/recordings/${rid}/audio`, { headers: auth(token) });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function migrate(args: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One sentence on stderr, nothing on stdout about copying. */
function refusedWith(run: Run, pattern: RegExp): void {
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stderr.trim()).toMatch(pattern);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stdout).not.toMatch(/Documents:/);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}
const tableExists = async (url: string, t: string) => (await query<{ t: string | null }>(url, 'SELECT to_regclass($1) AS t', [t]))[0]!.t !== null;
const count = async (url: string, t: string) => Number((await query<{ n: string }>(url, `SELECT COUNT(*) AS n FROM ${t}`))[0]!.n);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
function fileHash(file: string): string {
  return sha(fs.readFileSync(file));
}

/** Uploads `audio` in `parts` PATCHes, as the guest's uploader does on a slow link. */
async function uploadInParts(node: ServerProcess, token: string, iid: string, rid: string, qid: string, bytes: Buffer, parts: number): Promise<void> {
  const created = await fetch(`${node.url}/api/interviews/${iid}/recordings`, {
    method: 'POST',
    headers: { ...auth(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ recordingId: rid, questionId: qid, mimeType: 'audio/webm', totalBytes: bytes.length, sha256: sha(bytes), durationMs: 9000 }),
  });
  expect(created.status).toBe(201);
  const size = Math.ceil(bytes.length / parts);
  for (let at = 0; at < bytes.length; at += size) {
    const res = await fetch(`${node.url}/api/interviews/${iid}/recordings/${rid}`, {
      method: 'PATCH',
      headers: { ...auth(token), 'Upload-Offset': String(at), 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(bytes.subarray(at, at + size)),
    });
    expect(res.status).toBe(200);
  }
}

describe.skipIf(unavailable !== null)('moving a data folder from SQLite to PostgreSQL', () => {
  beforeAll(async () => {
    // Databases in the run's shared cluster: nothing here restarts PostgreSQL.
    cluster = await sharedPostgres();
    source = await startServer();
    dataDir = source.dataDir;
    secret = readSecret(dataDir);
    const open = async (name: string, token = source.hostToken): Promise<Y.Doc> => {
      const c = connectClient(syncUrl(source), name, token);
      clients.push(c);
      await c.synced();
      return c.doc;
    };
    for (const [k, id] of IDS.entries()) {
      await seedInterview((name) => open(name), {
        interviewId: id,
        title: `Move ${k + 1}`,
        seed: 11,
        maxQuestions: 6,
        startAt: Date.UTC(2026, 10, 3 + k, 9),
        aiScore: (i) => [4, 2, 5, 3][i % 4],
        ratings: [{ questionIndex: 0, by: 'host', role: 'host', score: 3 + k }],
        reactions: 2,
        chat: 1,
        upload: (r) => uploadRecording(source.url, guestToken(id), id, r),
      });
      const invite = await fetch(`${source.url}/api/invites`, {
        method: 'POST',
        headers: { ...auth(source.hostToken), 'Content-Type': 'application/json' },
        body: JSON.stringify({ interviewId: id, role: 'guest', subject: `Candidate ${k + 1}` }),
      });
      expect(invite.status).toBe(201);
    }
    // A link revoked on the SQLite server: it must stay refused after the move.
    const issued = await fetch(`${source.url}/api/invites`, {
      method: 'POST',
      headers: { ...auth(source.hostToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ interviewId: IDS[0], role: 'guest', subject: 'Revoked Guest' }),
    });
    const revoked = (await issued.json()) as { jti: string; token: string };
    revokedGuest = revoked.token;
    expect((await fetch(`${source.url}/api/invites/${revoked.jti}`, { method: 'DELETE', headers: auth(source.hostToken) })).status).toBe(200);
    // A take uploaded in three parts (three rows), to be copied byte for byte.
    partedBefore = Buffer.from(Array.from({ length: 300_001 }, (_, i) => (i * 7919) % 251));
    await uploadInParts(source, guestToken(IDS[1]!), IDS[1]!, 'parted-take', 'q-extra', partedBefore, 3);
    // The guest's device keeps its support document; it is the same Y.Doc (and client id) when it reconnects later.
    const support = connectClient(syncUrl(source), `${IDS[0]}.support`, guestToken(IDS[0]!));
    await support.synced();
    recordIncident(support.doc, { id: 'i-before', at: Date.UTC(2026, 10, 3, 9, 30), kind: 'reconnects', by: 'guest-1', role: 'guest', questionId: null, detail: 'before the move' });
    await waitFor(async () => {
      const check = connectClient(syncUrl(source), `${IDS[0]}.support`, source.hostToken);
      await check.synced();
      const there = JSON.stringify(check.doc.getArray('incidents').toJSON()).includes('i-before');
      check.destroy();
      return there;
    }, 'the incident reached the server', 20_000);
    guestSupport = support.doc;
    // The device goes offline (its provider ends; the Y.Doc stays, as y-indexeddb would keep it).
    support.destroy();
    // Settled: every interview's status computed (uploaded, scored: the offline synthesis is made).
    await waitFor(async () => {
      const rows = await results(source, source.hostToken);
      return rows.length === IDS.length && rows.every((r) => r.status === 'synthesized');
    }, 'both interviews synthesized on the SQLite server', 60_000);
    rowsBefore = await results(source, source.hostToken);
    const sdb = new Database(path.join(dataDir, 'interq.sqlite'), { readonly: true });
    const rid = (sdb.prepare('SELECT recording_id AS id FROM recordings WHERE interview_id = ? AND completed_at IS NOT NULL ORDER BY created_at LIMIT 1').get(IDS[0]) as { id: string }).id;
    sdb.close();
    audioBefore = await audio(source, source.hostToken, IDS[0]!, rid);
    audioRecordingId = rid;
  }, 240_000);

  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const n of nodes) await n.stop();
    await source?.stop();
    await cluster?.stop();
  });

  it('refuses while a server holds the folder, and leaves the database untouched', async () => {
    const url = await cluster.database();
    const run = migrate(['--data', dataDir, '--database-url', url]);
    refusedWith(run, new RegExp(`in use by a running InterQ server \\(pid ${source.child.pid}`));
    expect(await tableExists(url, 'schema_migrations')).toBe(false);
  }, 120_000);

  it('refuses bad input with one sentence and changes nothing', async () => {
    for (const c of clients) c.destroy();
    clients.length = 0;
    await source.stop();
    const dbFile = path.join(dataDir, 'interq.sqlite');
    const folderBefore = fileHash(dbFile);
    // Unreachable database, another kind of URL, a missing folder.
    const closed = await freePort();
    refusedWith(migrate(['--data', dataDir, '--database-url', `postgres://interq@127.0.0.1:${closed}/interq`]), /^Cannot use the PostgreSQL database .*connection was refused.*Nothing was changed\.$/);
    refusedWith(migrate(['--data', dataDir, '--database-url', 'mysql://root@127.0.0.1/interq']), /must be a PostgreSQL URL/);
    refusedWith(migrate(['--data', path.join(dataDir, 'nope'), '--database-url', await cluster.database()]), /does not exist/);
    // A database that already holds data, without and with --resume (it did not come from this folder).
    const used = await cluster.database();
    const node = await PostgresDocumentStorage.open({ connectionString: used, log: () => undefined });
    await node.pool.query("INSERT INTO settings (key, value) VALUES ('someone', 'else')");
    await node.close();
    refusedWith(migrate(['--data', dataDir, '--database-url', used]), /already holds InterQ data \(settings\).*--resume/);
    refusedWith(migrate(['--data', dataDir, '--database-url', used, '--resume']), /holds data that did not come from it/);
    expect(await count(used, 'settings')).toBe(1);
    expect(await count(used, 'yjs_updates')).toBe(0);
    // A database of a newer InterQ build.
    const newer = await cluster.database();
    await query(newer, 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    await query(newer, "INSERT INTO schema_migrations VALUES (99, 'from the future', 0)");
    refusedWith(migrate(['--data', dataDir, '--database-url', newer]), /schema version 99, newer than this InterQ build knows/);
    expect(await tableExists(newer, 'yjs_updates')).toBe(false);
    // A data folder of a newer InterQ build (a copy: the real one stays as it is).
    const future = tempDataDir('interq-future-');
    for (const f of fs.readdirSync(dataDir)) if (!f.startsWith('interq.sqlite-')) fs.copyFileSync(path.join(dataDir, f), path.join(future, f));
    const fdb = new Database(path.join(future, 'interq.sqlite'));
    fdb.pragma('user_version = 99');
    fdb.close();
    const futureHash = fileHash(path.join(future, 'interq.sqlite'));
    const empty = await cluster.database();
    refusedWith(migrate(['--data', future, '--database-url', empty]), /schema version 99, newer than this InterQ build knows/);
    expect(fileHash(path.join(future, 'interq.sqlite'))).toBe(futureHash);
    expect(await tableExists(empty, 'schema_migrations')).toBe(false);
    expect(fileHash(dbFile)).toBe(folderBefore);
  }, 240_000);

  let target: string;

  it('a move killed in the middle of the copy is finished by --resume, without duplicates, and a second --resume adds nothing', async () => {
    target = await cluster.database();
    // A take whose audio retention deleted: only its row is left, and it must reach PostgreSQL (the status counts it).
    const folderDb = new Database(path.join(dataDir, 'interq.sqlite'));
    folderDb.prepare('INSERT INTO expired_recordings (interview_id, recording_id, question_id, completed_at, expired_at) VALUES (?, ?, ?, ?, ?)').run(IDS[1], 'expired-take', 'q-extra', 1_000, 2_000);
    folderDb.close();
    // An empty schema (as a node's first start would leave it), then the parts table held in SHARE mode: inserts wait,
    // reads go on. The move stops at the first part of the first recording, after documents and records.
    await (await PostgresDocumentStorage.open({ connectionString: target, log: () => undefined })).close();
    const locker = new pg.Client({ connectionString: target });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE recording_parts IN SHARE MODE');
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '--data', dataDir, '--database-url', target], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await waitFor(
      async () => (await query<{ n: string }>(target, "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO recording_parts%'"))[0]!.n !== '0',
      `the move waiting on the parts table (output: ${out})`,
      120_000,
    );
    child.kill('SIGKILL');
    await exited;
    await locker.query('ROLLBACK');
    await locker.end();
    expect(out).toMatch(/Documents: \d+ of \d+/);
    expect(await count(target, 'recording_parts')).toBe(0);
    expect(await count(target, 'recordings')).toBeGreaterThan(0);
    const docs = await count(target, 'yjs_updates');
    expect(docs).toBeGreaterThan(0);

    // Without --resume the half-filled database is refused; with it, the move finishes and verifies.
    refusedWith(migrate(['--data', dataDir, '--database-url', target]), /already holds InterQ data.*--resume/);
    const resumed = migrate(['--data', dataDir, '--database-url', target, '--resume']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/Resuming the move/);
    expect(resumed.stdout).toMatch(/Verification \(everything equal\)/);
    expect(resumed.stdout).toMatch(/Recordings: .* of .*bytes\)/);
    expect(resumed.stdout).toMatch(/; 1 more whose audio expired \(their rows only\)/);
    expect(await query(target, 'SELECT interview_id, recording_id, question_id, completed_at::int, expired_at::int FROM expired_recordings')).toEqual([
      { interview_id: IDS[1], recording_id: 'expired-take', question_id: 'q-extra', completed_at: 1_000, expired_at: 2_000 },
    ]);
    expect(resumed.stdout).toMatch(/server-secret\.key: copy that file into every other node's data folder/);
    // One row per document (the documents copied before the crash were not written again), one part row per source part.
    const src = new Database(path.join(dataDir, 'interq.sqlite'), { readonly: true });
    const sourceDocs = (src.prepare('SELECT COUNT(*) AS n FROM (SELECT doc FROM yjs_updates UNION SELECT doc FROM yjs_snapshots)').get() as { n: number }).n;
    const sourceParts = (src.prepare('SELECT COUNT(*) AS n FROM recording_parts').get() as { n: number }).n;
    const sourceRevoked = (src.prepare('SELECT COUNT(*) AS n FROM revoked_tokens').get() as { n: number }).n;
    src.close();
    expect(await count(target, 'yjs_updates')).toBe(sourceDocs);
    expect(docs).toBe(sourceDocs);
    expect(await count(target, 'recording_parts')).toBe(sourceParts);
    expect(await count(target, 'revoked_tokens')).toBe(sourceRevoked);
    const counts = async () => Promise.all(['yjs_updates', 'yjs_client_owners', 'recordings', 'recording_parts', 'expired_recordings', 'invites', 'interviews', 'interview_wrapup'].map((t) => count(target, t)));
    const after = await counts();
    const again = migrate(['--data', dataDir, '--database-url', target, '--resume']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Documents: \d+ \(0 written now\)/);
    expect(await counts()).toEqual(after);
    // The folder's read models were rebuilt from PostgreSQL's documents: every watermark is PostgreSQL's sequence
    // number of that document (SQLite's would make this node skip what other nodes store later).
    const stored = new Map(
      (
        await query<{ doc: string; seq: string }>(
          target,
          'SELECT doc, MAX(seq) AS seq FROM (SELECT doc, upto_seq AS seq FROM yjs_snapshots UNION ALL SELECT doc, seq FROM yjs_updates) s GROUP BY doc',
        )
      ).map((r) => [r.doc, Number(r.seq)]),
    );
    const folder = new Database(path.join(dataDir, 'interq.sqlite'), { readonly: true });
    const marks = folder.prepare('SELECT doc, seq FROM projection_watermarks').all() as Array<{ doc: string; seq: number }>;
    folder.close();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.seq, m.doc).toBe(stored.get(m.doc));
  }, 400_000);

  it('a node started on PostgreSQL serves the same interviews: dashboard rows, revoked link, recording bytes, a reconnecting guest converges', async () => {
    // Without DATABASE_URL the moved folder is refused: its SQLite is only the copy from before the move.
    await expect(startServer({ dataDir })).rejects.toThrow(/InterQ cannot start: Data folder .* was moved to PostgreSQL \(postgres:\/\/interq@127\.0\.0\.1:\d+\/t_\w+\) on .*; start it with DATABASE_URL set/);
    const env = { DATABASE_URL: target, INTERQ_NODE_ID: 'moved-a', INTERQ_NEW_HOST_LINK: '0' };
    const a = await startServer({ dataDir, env });
    nodes.push(a);
    const host = source.hostToken;
    expect(await results(a, host)).toEqual(rowsBefore);
    // The revoked link stays refused, over HTTP and at the sync upgrade.
    const me = await fetch(`${a.url}/api/me`, { headers: auth(revokedGuest) });
    expect(me.status).toBe(401);
    expect(((await me.json()) as { code: string }).code).toBe('link-revoked');
    expect(await tryUpgrade(docUrl(syncUrl(a), `${IDS[0]}.stage`, revokedGuest))).toMatchObject({ opened: false, status: 401 });
    // The recordings' bytes, the one in three parts included.
    expect(sha(await audio(a, host, IDS[0]!, audioRecordingId))).toBe(sha(audioBefore));
    // The guest's device edited its support document while the server was away, then reconnects with that state.
    recordIncident(guestSupport, { id: 'i-offline', at: Date.UTC(2026, 10, 3, 9, 40), kind: 'reconnects', by: 'guest-1', role: 'guest', questionId: null, detail: 'while moving' });
    const back = connectClient(syncUrl(a), `${IDS[0]}.support`, guestToken(IDS[0]!), { doc: guestSupport });
    clients.push(back);
    await back.synced();
    const watcher = connectClient(syncUrl(a), `${IDS[0]}.support`, host);
    clients.push(watcher);
    await watcher.synced();
    await waitFor(
      () => Buffer.compare(Buffer.from(Y.encodeStateVector(watcher.doc)), Buffer.from(Y.encodeStateVector(guestSupport))) === 0,
      'the server and the guest converge',
      20_000,
    );
    expect(back.denials).toEqual([]);
    expect((watcher.doc.getArray('incidents').toJSON() as Array<{ id: string }>).map((i) => i.id)).toEqual(expect.arrayContaining(['i-before', 'i-offline']));
    expect(JSON.stringify(watcher.doc.toJSON())).toBe(JSON.stringify(guestSupport.toJSON()));

    // A second node: a fresh folder with the same secret lists the same rows (the wrap-ups come from PostgreSQL), and
    // serves the other interview's take in three parts byte for byte.
    const b = await startServer({ dataDir: dataDirSharingSecret({ dataDir }), env: { ...env, INTERQ_NODE_ID: 'moved-b' } });
    nodes.push(b);
    await waitFor(async () => JSON.stringify(await results(b, host)) === JSON.stringify(await results(a, host)), 'node B lists what node A lists', 30_000);
    expect(sha(await audio(b, host, IDS[1]!, 'parted-take'))).toBe(sha(partedBefore));
    // A rating made through B reaches A's dashboard: A's read models follow PostgreSQL's sequence numbers now (with the
    // watermarks SQLite left in the folder, B's small sequence numbers would look old to A and be skipped).
    const reviewer = mintToken(secret, { iid: '*', role: 'reviewer', sub: 'Rita Reviewer', ttlSec: 600 });
    const detail = (await (await fetch(`${b.url}/api/admin/results/${IDS[1]}`, { headers: auth(reviewer) })).json()) as { questions: Array<{ id: string; score: unknown }> };
    const rated = detail.questions.find((q) => q.score !== null)!;
    const rating = await fetch(`${b.url}/api/admin/results/${IDS[1]}/ratings`, {
      method: 'POST',
      headers: { ...auth(reviewer), 'Content-Type': 'application/json' },
      body: JSON.stringify({ questionId: rated.id, score: 0 }),
    });
    expect(rating.status).toBe(200);
    const humanOf = async (node: ServerProcess) => (await results(node, host)).find((r) => r.interviewId === IDS[1])!.humanScore;
    const before = rowsBefore.find((r) => (r as { interviewId: string }).interviewId === IDS[1]) as { humanScore: number };
    await waitFor(async () => (await humanOf(b)) !== before.humanScore, 'the rating shows on node B', 20_000);
    await waitFor(async () => (await humanOf(a)) === (await humanOf(b)), 'the rating made through node B shows on node A', 20_000);
  }, 240_000);
});
