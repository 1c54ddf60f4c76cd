/**
 * An upload write of a paused owner is refused by its lease epoch (issue #16: "every write carries the epoch;
 * PostgreSQL refuses a write with a stale epoch"). Two server processes (`npm start`'s sync-server/main.ts) share one
 * PostgreSQL through DATABASE_URL, with a 2 s lease:
 * - node A owns the interview and stores the first part of an upload;
 * - a second request reaches A and is admitted under A's epoch; A is paused (SIGSTOP) while that request waits on
 *   the database (the test holds the recordings table locked until A is stopped, so the pause falls exactly there);
 * - A's lease runs out, node B takes the interview (epoch 2) and stores the next part from the device;
 * - A wakes (SIGCONT): its write now lands exactly at the offset the store expects (without the fence it would be
 *   stored and the new owner's upload would end corrupt), but PostgreSQL refuses it for its epoch. A steps down and
 *   answers 421 naming B (what nginx follows), and B's upload completes with exactly the recorded bytes.
 * The same for a deletion: a host's DELETE admitted by A, paused before it removes anything; after the takeover A's
 * removal of the audio is refused (the new owner's take stays), and the DELETE sent again (as nginx does with the 421)
 * is finished by B.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSecret, startServer, dataDirSharingSecret, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { storedRecording } from '../support/stored-recordings';
import { waitFor } from '../support/yws-client';
import { recordingsRequest, whenServed } from '../support/node-requests';
import { mintToken } from '../../sync-server/auth/tokens';
import type { UploadState } from '../../src/upload/protocol';

const postgres = storageBackends().find((b) => b.name === 'postgres')!;
const IV = 'fenced-upload-1';
const IV_DELETED = 'fenced-delete-1';
const PART = 50_000;
const nodes: ServerProcess[] = [];
const clients: pg.Client[] = [];
afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  for (const n of nodes) {
    // A paused process cannot stop: wake it first.
    n.child.kill('SIGCONT');
    await n.stop().catch(() => undefined);
  }
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const request = (node: ServerProcess, method: string, p: string, tok: string, body?: Buffer | object, headers: Record<string, string> = {}, iid = IV) =>
  recordingsRequest(node, iid, method, p, tok, body, headers);

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  clients.push(c);
  return c;
}

let databaseUrl = '';
let a: ServerProcess;
let b: ServerProcess;
let sql: pg.Client;
beforeAll(async () => {
  if (postgres.skip) return;
  databaseUrl = (await postgres.open()).url!;
  const env = { DATABASE_URL: databaseUrl, INTERQ_LEASE_MS: '2000' };
  a = await startServer({ env: { ...env, INTERQ_NODE_ID: 'node-a' } });
  nodes.push(a);
  // The second node signs and checks links with the same secret (deploy/README.md: one secret for every node).
  b = await startServer({ dataDir: dataDirSharingSecret(a), env: { ...env, INTERQ_NODE_ID: 'node-b' } });
  nodes.push(b);
  sql = await connect(databaseUrl);
}, 120_000);

const lease = async (iid: string) => (await sql.query<{ owner: string; epoch: string }>('SELECT owner, epoch FROM interview_leases WHERE interview = $1', [iid])).rows[0];

/**
 * Pauses node A (SIGSTOP) while a request it admitted waits on a statement matching `waitsOn` (a LIKE pattern):
 * the recordings table is held locked until then. `send` starts the request; its answer comes back unawaited (wrapped:
 * an async function returning a promise would wait for it, and A answers only once it is woken).
 */
async function pauseAWhileWaiting<T>(send: () => Promise<T>, waitsOn: string): Promise<{ answer: Promise<T> }> {
  const locker = await connect(databaseUrl);
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE recordings IN ACCESS EXCLUSIVE MODE');
  const answer = send();
  await waitFor(
    async () => (await sql.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`, [waitsOn])).rowCount! > 0,
    "A's request to wait on the locked recordings table",
    20_000,
  );
  a.child.kill('SIGSTOP');
  await locker.query('COMMIT');
  return { answer };
}

it.skipIf(postgres.skip)(
  'refuses the upload part a paused owner writes after the takeover (epoch), the owner steps down, and the new owner\'s bytes stay intact',
  async () => {
    const guest = mintToken(readSecret(a.dataDir), { iid: IV, role: 'guest', sub: 'guest-1', ttlSec: 600 });
    const host = mintToken(readSecret(a.dataDir), { iid: IV, role: 'host', sub: 'host-1', ttlSec: 600 });

    const audio = randomBytes(4 * PART + 777);
    const create = { recordingId: 'take-1', questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: audio.length, sha256: sha(audio), durationMs: 9_000 };
    const patch = (node: ServerProcess, offset: number, data: Buffer) => request(node, 'PATCH', '/take-1', guest, data, { 'Upload-Offset': String(offset) });

    // A owns the interview (epoch 1) and stores part 1.
    expect((await request(a, 'POST', '', guest, create)).status).toBe(201);
    expect(await lease(IV)).toEqual({ owner: 'node-a', epoch: '1' });
    expect((await patch(a, 0, audio.subarray(0, PART))).status).toBe(200);

    // A write admitted by A under epoch 1: bytes that are not the recording's, for the offset B will have reached.
    // A is paused while its handler waits on its first read of the recording.
    const intruder = randomBytes(PART);
    const { answer: staleAnswer } = await pauseAWhileWaiting(() => patch(a, 2 * PART, intruder), 'SELECT recording_id%recording_id = $2');
    try {
      // The device moves to B (through the proxy it would not notice): B takes the interview once A's lease ran out
      // and answers the create with A's offset, then stores part 2.
      const resumed = await whenServed(() => request(b, 'POST', '', guest, create));
      expect(resumed.status).toBe(200);
      expect(((await resumed.json()) as UploadState).receivedBytes).toBe(PART);
      expect(await lease(IV)).toEqual({ owner: 'node-b', epoch: '2' });
      const second = await whenServed(() => patch(b, PART, audio.subarray(PART, 2 * PART)));
      expect(second.status).toBe(200);
      expect(((await second.json()) as UploadState).receivedBytes).toBe(2 * PART);
    } finally {
      a.child.kill('SIGCONT');
    }

    // A wakes and its admitted write goes on, exactly at the stored offset: refused by the epoch, answered with a 421
    // naming the new owner (nginx sends the same PATCH there).
    const refused = await staleAnswer;
    expect(refused.status).toBe(421);
    expect(refused.headers.get('x-interq-owner')).toBe('node-b');
    expect(refused.headers.get('x-interq-owner-address')).toBe(`127.0.0.1:${b.port}`);
    expect(await refused.json()).toMatchObject({ code: 'other-node' });
    await waitFor(() => /A write of an HTTP request was refused[^\n]*interview=fenced-upload-1 epoch=1 current=2/.test(a.output()), "A's log of the refused write");
    // Nothing of A's bytes is stored; the lease stays B's, and A, stepped down, sends the next request to B.
    expect(await storedRecording({ dataDir: a.dataDir, databaseUrl }, IV, 'take-1')).toEqual({ receivedBytes: 2 * PART, completedAt: null, partBytes: 2 * PART });
    expect(await lease(IV)).toEqual({ owner: 'node-b', epoch: '2' });
    const onA = await request(a, 'GET', '/take-1', guest);
    expect(onA.status).toBe(421);
    expect(onA.headers.get('x-interq-owner')).toBe('node-b');

    // B's upload completes, and the stored audio is exactly the recording.
    let last: UploadState | null = null;
    for (let off = 2 * PART; off < audio.length; off += PART) {
      const r = await whenServed(() => patch(b, off, audio.subarray(off, off + PART)));
      expect(r.status).toBe(200);
      last = (await r.json()) as UploadState;
    }
    expect(last).toMatchObject({ receivedBytes: audio.length, complete: true });
    const dl = await whenServed(() => request(b, 'GET', '/take-1/audio', host));
    expect(dl.status).toBe(200);
    const downloaded = Buffer.from(await dl.arrayBuffer());
    expect(sha(downloaded)).toBe(create.sha256);
    expect(downloaded.equals(audio)).toBe(true);
  },
  180_000,
);

it.skipIf(postgres.skip)(
  'refuses the deletion of the audio by a paused owner after the takeover (the new owner\'s take stays); the DELETE sent again is finished by the new owner',
  async () => {
    const secret = readSecret(a.dataDir);
    const guest = mintToken(secret, { iid: IV_DELETED, role: 'guest', sub: 'guest-1', ttlSec: 600 });
    const host = mintToken(secret, { iid: IV_DELETED, role: 'host', sub: 'host-1', ttlSec: 600 });
    const take = (id: string) => {
      const audio = randomBytes(20_000);
      return { audio, create: { recordingId: id, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: audio.length, sha256: sha(audio), durationMs: 2_000 } };
    };
    const upload = async (node: ServerProcess, t: ReturnType<typeof take>) => {
      expect((await whenServed(() => request(node, 'POST', '', guest, t.create, {}, IV_DELETED))).status).toBe(201);
      const r = await whenServed(() => request(node, 'PATCH', `/${t.create.recordingId}`, guest, t.audio, { 'Upload-Offset': '0' }, IV_DELETED));
      expect(((await r.json()) as UploadState).complete).toBe(true);
    };
    const stored = async () =>
      (await sql.query<{ recording_id: string }>('SELECT recording_id FROM recordings WHERE interview_id = $1 ORDER BY recording_id', [IV_DELETED])).rows.map((r) => r.recording_id);
    const del = (node: ServerProcess) => fetch(`${node.url}/api/interviews/${IV_DELETED}`, { method: 'DELETE', headers: { Authorization: `Bearer ${host}` } });

    // A owns the interview and holds one complete take.
    await upload(a, take('take-a'));
    expect(await lease(IV_DELETED)).toEqual({ owner: 'node-a', epoch: '1' });
    // The host's DELETE is admitted by A (epoch 1); A is paused while it counts what the interview holds.
    const { answer: staleDelete } = await pauseAWhileWaiting(() => del(a), 'SELECT COUNT(*)::int AS n, COALESCE(SUM(received_bytes)%');
    try {
      // B takes the interview over and accepts a second take.
      await upload(b, take('take-b'));
      expect(await lease(IV_DELETED)).toEqual({ owner: 'node-b', epoch: '2' });
    } finally {
      a.child.kill('SIGCONT');
    }
    // A's deletion goes on, but its removal of the audio is refused by the epoch: 421 towards B, both takes stay.
    const refused = await staleDelete;
    expect(refused.status).toBe(421);
    expect(refused.headers.get('x-interq-owner')).toBe('node-b');
    expect(await stored()).toEqual(['take-a', 'take-b']);
    // The same DELETE again (nginx sends it to B after the 421): B finishes the deletion A had recorded.
    const finished = await whenServed(() => del(b));
    expect(finished.status).toBe(200);
    expect(await finished.json()).toMatchObject({ interviewId: IV_DELETED, alreadyDeleted: true });
    expect(await stored()).toEqual([]);
    expect((await sql.query('SELECT 1 FROM recording_parts WHERE interview_id = $1', [IV_DELETED])).rowCount).toBe(0);
    expect((await sql.query('SELECT 1 FROM deleted_interviews WHERE id = $1', [IV_DELETED])).rowCount).toBe(1);
  },
  180_000,
);
