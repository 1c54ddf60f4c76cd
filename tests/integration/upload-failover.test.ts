/**
 * A guest's answer upload survives the SIGKILL of the node that serves its interview (issue #16: "no acknowledged
 * update or upload part lost"). Two InterQ nodes as `npm start` runs them (sync-server/main.ts with DATABASE_URL,
 * lease 2 s) on one real PostgreSQL, Debian's nginx in front of both (deploy/nginx/interq.conf.template), and the
 * guest's own uploader (src/upload/upload-recording.ts) with its take in IndexedDB (fake-indexeddb). After three
 * parts are acknowledged, the interview's owner is killed: every acknowledged byte is in PostgreSQL, the uploader
 * goes on through the proxy (its retries ride out the lease's expiry), the other node takes the interview over
 * and completes the recording, and staff download exactly the recorded bytes with the declared SHA-256.
 */
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import Dexie from 'dexie';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresUnavailable, type TestPostgres } from '../support/postgres';
import { sharedPostgres } from '../support/run-postgres';
import { startClusterProcess, type ClusterProcess } from '../support/cluster-processes';
import { serverStarts } from '../support/server-process';
import { NGINX_BIN, startNginx, type NginxProcess } from '../support/nginx-process';
import { storedRecording } from '../support/stored-recordings';
import { mintToken } from '../../sync-server/auth/tokens';
import { LeaseStore } from '../../sync-server/cluster/lease-store';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { InterqDatabase } from '../../src/storage/db';
import { appendChunk, createRecording, finalizeRecording } from '../../src/storage/recordings';
import { uploadRecording } from '../../src/upload/upload-recording';
import type { UploadState } from '../../src/upload/protocol';

const unavailable = postgresUnavailable() ?? (fs.existsSync(NGINX_BIN) ? null : `nginx is not installed at ${NGINX_BIN}`);
const IV = 'failover-upload-1';
const PART = 64 * 1024;
const secret = randomBytes(32);
let pgCluster: TestPostgres;
let databaseUrl: string;
let inspector: PostgresDocumentStorage;
let nodes: ClusterProcess[] = [];
let proxy: NginxProcess;
let db: InterqDatabase;
/** The node the first case killed: the second case starts it again. */
let firstKilled: ClusterProcess | null = null;

/** This file's server starts: afterAll gives up one still under way (a beforeAll that timed out), killing it. */
const starts = serverStarts();

beforeAll(async () => {
  if (unavailable) return;
  pgCluster = await sharedPostgres();
  databaseUrl = await pgCluster.database();
  inspector = await PostgresDocumentStorage.open({ connectionString: databaseUrl, log: () => undefined });
  nodes = [
    await startClusterProcess({ databaseUrl, secret, nodeId: 'node-a', leaseMs: 2_000, signal: starts.signal }),
    await startClusterProcess({ databaseUrl, secret, nodeId: 'node-b', leaseMs: 2_000, signal: starts.signal }),
  ];
  proxy = await startNginx(nodes.map((n) => n.address));
  db = new InterqDatabase(`upload-failover-${Date.now()}`);
}, 400_000);

afterAll(async () => {
  starts.abandon();
  await proxy?.stop();
  for (const n of nodes) await n.server.stop();
  await inspector?.close();
  await pgCluster?.stop();
  if (db) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

it.skipIf(unavailable !== null)(
  "finishes a guest's upload on the other node after its interview's owner is SIGKILLed, losing no acknowledged part",
  async () => {
    const guest = mintToken(secret, { iid: IV, role: 'guest', sub: 'guest-1', ttlSec: 3600 });
    const host = mintToken(secret, { iid: IV, role: 'host', sub: 'host-1', ttlSec: 3600 });
    // The take as the recorder stores it: chunk by chunk in IndexedDB.
    const audio = randomBytes(10 * PART + 777);
    const take = await createRecording({ interviewId: IV, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', startedAt: Date.now() }, db);
    for (let i = 0, off = 0; off < audio.length; i++, off += 50_000) {
      await appendChunk({ recordingId: take.id, seq: i, endMs: (i + 1) * 1000, data: new Blob([new Uint8Array(audio.subarray(off, off + 50_000))]) }, db);
    }
    await finalizeRecording(take.id, {}, db);

    let acknowledged = 0;
    let killed: { node: ClusterProcess; at: number; epoch: number } | null = null;
    let storedAtKill: Awaited<ReturnType<typeof storedRecording>> = null;
    const answers: number[] = [];
    // The app's fetch by path, through the proxy; after the third acknowledged part the interview's owner dies
    // before the uploader hears the answer (the worst moment: the device cannot know the part arrived).
    // With two parts in flight the fourth part's answer can come from the owner too, while the third's handler below
    // is still killing it: every answer the dead node gave counts as acknowledged (the highest offset it answered).
    let killing = false;
    const viaProxy: typeof fetch = async (input, init) => {
      const res = await fetch(`${proxy.url}${String(input)}`, init);
      const fromFirstOwner = killed === null;
      answers.push(res.status);
      if (init?.method === 'PATCH' && res.status === 200 && fromFirstOwner) {
        const received = ((await res.clone().json()) as UploadState).receivedBytes;
        acknowledged = Math.max(acknowledged, received);
        if (received >= 3 * PART && !killing) {
          killing = true;
          const holder = await new LeaseStore(inspector.pool).holder(IV);
          const owner = nodes.find((n) => n.nodeId === holder?.owner)!;
          expect(owner).toBeDefined();
          await owner.server.kill();
          killed = { node: owner, at: Date.now(), epoch: holder!.epoch };
          storedAtKill = await storedRecording({ dataDir: owner.server.dataDir, databaseUrl }, IV, take.id);
          throw new TypeError('fetch failed: the connection was reset');
        }
      }
      return res;
    };

    const result = await uploadRecording({ interviewId: IV, recordingId: take.id, token: guest, db, fetch: viaProxy, partBytes: PART, retry: { attempts: 30, baseMs: 200, maxMs: 1_000 } });
    const doneAt = Date.now();
    expect(killed).not.toBeNull();
    firstKilled = killed!.node;
    expect(result.ok).toBe(true);

    // The part behind the third was on its way (two parts in flight) and may have been stored and answered too, never
    // a gap; nothing acknowledged was lost: the dead node had stored every byte it answered for, in PostgreSQL.
    expect([3 * PART, 4 * PART]).toContain(acknowledged);
    const stored = storedAtKill as Awaited<ReturnType<typeof storedRecording>>;
    expect([3 * PART, 4 * PART]).toContain(stored?.receivedBytes);
    expect(stored!.receivedBytes).toBeGreaterThanOrEqual(acknowledged);
    expect(stored).toEqual({ receivedBytes: stored!.receivedBytes, completedAt: null, partBytes: stored!.receivedBytes });
    expect(await storedRecording({ dataDir: killed!.node.server.dataDir, databaseUrl }, IV, take.id)).toMatchObject({ receivedBytes: audio.length, partBytes: audio.length });
    // The surviving node took the interview over (a new epoch) and finished the upload.
    const after = await new LeaseStore(inspector.pool).holder(IV);
    expect(after?.owner).not.toBe(killed!.node.nodeId);
    expect(after!.epoch).toBeGreaterThan(killed!.epoch);

    const dl = await fetch(`${proxy.url}/api/interviews/${IV}/recordings/${take.id}/audio`, { headers: { Authorization: `Bearer ${host}` } });
    expect(dl.status).toBe(200);
    const downloaded = Buffer.from(await dl.arrayBuffer());
    expect(sha(downloaded)).toBe(sha(audio));
    expect(downloaded.equals(audio)).toBe(true);
    console.log(`upload failover: owner ${killed!.node.nodeId} SIGKILLed after ${acknowledged} acknowledged bytes; upload complete ${doneAt - killed!.at} ms later; answers ${answers.join(',')}`);
  },
  240_000,
);

it.skipIf(unavailable !== null)(
  'a device talking to a node that does not own the interview keeps its answer through the 421s and finishes once that node takes over',
  async () => {
    expect(firstKilled).not.toBeNull();
    const IV2 = 'failover-upload-2';
    const back = firstKilled!;
    await back.restart();
    const owner = nodes.find((n) => n !== back)!;
    const guest = mintToken(secret, { iid: IV2, role: 'guest', sub: 'guest-2', ttlSec: 3600 });
    const host = mintToken(secret, { iid: IV2, role: 'host', sub: 'host-2', ttlSec: 3600 });
    // The other node serves the interview first, so it holds the lease when the device asks the node that came back.
    const listed = await fetch(`${owner.server.url}/api/interviews/${IV2}/recordings`, { headers: { Authorization: `Bearer ${host}` } });
    expect(listed.status).toBe(200);
    expect((await new LeaseStore(inspector.pool).holder(IV2))?.owner).toBe(owner.nodeId);

    const audio = randomBytes(3 * PART + 5);
    const take = await createRecording({ interviewId: IV2, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', startedAt: Date.now() }, db);
    await appendChunk({ recordingId: take.id, seq: 0, endMs: 1000, data: new Blob([new Uint8Array(audio)]) }, db);
    await finalizeRecording(take.id, {}, db);

    const answers: number[] = [];
    // Straight to the node that came back, no proxy: it answers 421 while the owner lives. After two of them the
    // owner dies; once its lease expires, the node asked takes the interview and the same upload goes through.
    // Only the upload's own requests count: the uploader's bare ping (it opens a second connection beside the create)
    // is not about the interview, so any node answers it.
    const direct: typeof fetch = async (input, init) => {
      const res = await fetch(`${back.server.url}${String(input)}`, init);
      if (String(input).includes('/recordings')) answers.push(res.status);
      if (res.status === 421 && answers.filter((a) => a === 421).length === 2) await owner.server.kill();
      return res;
    };
    const result = await uploadRecording({ interviewId: IV2, recordingId: take.id, token: guest, db, fetch: direct, partBytes: PART, retry: { attempts: 30, baseMs: 200, maxMs: 1_000 } });
    expect(answers.slice(0, 2)).toEqual([421, 421]);
    expect(result.ok).toBe(true);
    expect((await new LeaseStore(inspector.pool).holder(IV2))?.owner).toBe(back.nodeId);
    const dl = await fetch(`${back.server.url}/api/interviews/${IV2}/recordings/${take.id}/audio`, { headers: { Authorization: `Bearer ${host}` } });
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(audio)).toBe(true);
  },
  240_000,
);
