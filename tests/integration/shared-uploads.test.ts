/**
 * An answer upload outlives the node it started on: two server processes (`npm start`'s sync-server/main.ts), each
 * with its own data folder, share one PostgreSQL database through DATABASE_URL and one signing secret, as two nodes
 * behind the proxy would. The guest's device uploads the first parts through node A; A is SIGKILLed, with one more
 * part in flight; the device asks node B where to go on (the resumable protocol's create), sends the rest there, and
 * staff download from B exactly the bytes recorded, with the SHA-256 the device declared.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { readSecret, startServer, dataDirSharingSecret, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { storedRecording } from '../support/stored-recordings';
import { mintToken } from '../../sync-server/auth/tokens';
import type { UploadState } from '../../src/upload/protocol';

const postgres = storageBackends().find((b) => b.name === 'postgres')!;
const IV = 'shared-upload-1';
const PART = 100_000;
const nodes: ServerProcess[] = [];
afterAll(async () => {
  for (const n of nodes) await n.stop().catch(() => undefined);
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function request(node: ServerProcess, method: string, p: string, tok: string, body?: Buffer | object, headers: Record<string, string> = {}) {
  return fetch(`${node.url}/api/interviews/${IV}/recordings${p}`, {
    method,
    headers: {
      Authorization: `Bearer ${tok}`,
      ...(body === undefined ? {} : { 'Content-Type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
}

/**
 * A request to a node that may not hold the interview yet: a node answers 421 while another node's lease is still
 * running (the dead node's lease expires within INTERQ_LEASE_MS), or 503 when the lease ran out between two of its
 * statements (sync-server/cluster/request-gate.ts); the device tries again, as through the proxy.
 */
async function whenServed(send: () => Promise<Response>): Promise<Response> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await send();
    if ((res.status !== 421 && res.status !== 503) || Date.now() > deadline) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 250));
  }
}

it.skipIf(postgres.skip)(
  'completes on node B an upload whose first parts went to node A before A was SIGKILLed, with identical bytes and SHA-256',
  async () => {
    const databaseUrl = (await postgres.open()).url!;
    const env = { DATABASE_URL: databaseUrl, INTERQ_LEASE_MS: '2000' };
    const a = await startServer({ env });
    nodes.push(a);
    // The second node signs and checks links with the same secret (deploy/README.md: one secret for every node).
    const dataB = dataDirSharingSecret(a);
    const b = await startServer({ dataDir: dataB, env });
    nodes.push(b);
    const secret = readSecret(a.dataDir);
    const guest = mintToken(secret, { iid: IV, role: 'guest', sub: 'guest-1', ttlSec: 600 });
    const host = mintToken(secret, { iid: IV, role: 'host', sub: 'host-1', ttlSec: 600 });

    const audio = randomBytes(7 * PART + 12_345);
    const create = { recordingId: 'take-1', questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: audio.length, sha256: sha(audio), durationMs: 42_000 };
    const part = (k: number) => audio.subarray(k * PART, (k + 1) * PART);
    const patch = (node: ServerProcess, offset: number, data: Buffer) => request(node, 'PATCH', '/take-1', guest, data, { 'Upload-Offset': String(offset) });

    // Node A: the upload is created and parts 1..3 are stored.
    expect((await request(a, 'POST', '', guest, create)).status).toBe(201);
    for (let k = 0; k < 3; k++) expect((await patch(a, k * PART, part(k))).status).toBe(200);
    // A dies with part 4 on its way: that part is stored whole, with its offset, or not at all.
    const inFlight = patch(a, 3 * PART, part(3)).then(
      (r) => r.status,
      () => 'cut off',
    );
    await a.kill();
    await inFlight;
    const stored = await storedRecording({ dataDir: a.dataDir, databaseUrl }, IV, 'take-1');
    expect(stored).not.toBeNull();
    expect([3 * PART, 4 * PART]).toContain(stored!.receivedBytes);
    expect(stored).toEqual({ receivedBytes: stored!.receivedBytes, completedAt: null, partBytes: stored!.receivedBytes });

    // Node B has A's parts: the device's create answers the upload with the offset to go on from (not 201, not 0).
    const resumed = await whenServed(() => request(b, 'POST', '', guest, create));
    expect(resumed.status).toBe(200);
    const state = (await resumed.json()) as UploadState;
    expect(state).toMatchObject({ recordingId: 'take-1', receivedBytes: stored!.receivedBytes, complete: false });
    // A part A had stored is refused at B with the offset to use (the device's retry of its lost answer).
    const replay = await whenServed(() => patch(b, 0, part(0)));
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as UploadState).receivedBytes).toBe(state.receivedBytes);

    let last: UploadState = state;
    for (let off = state.receivedBytes; off < audio.length; off += PART) {
      const r = await whenServed(() => patch(b, off, audio.subarray(off, off + PART)));
      expect(r.status).toBe(200);
      last = (await r.json()) as UploadState;
    }
    expect(last).toMatchObject({ receivedBytes: audio.length, complete: true });

    const listed = await whenServed(() => request(b, 'GET', '', host));
    expect(((await listed.json()) as { recordings: UploadState[] }).recordings).toEqual([expect.objectContaining({ recordingId: 'take-1', complete: true })]);
    const dl = await whenServed(() => request(b, 'GET', '/take-1/audio', host));
    expect(dl.status).toBe(200);
    const downloaded = Buffer.from(await dl.arrayBuffer());
    expect(downloaded.length).toBe(audio.length);
    expect(sha(downloaded)).toBe(create.sha256);
    expect(downloaded.equals(audio)).toBe(true);
  },
  180_000,
);
