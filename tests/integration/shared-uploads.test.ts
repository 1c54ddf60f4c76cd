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
import { recordingsRequest, whenServed } from '../support/node-requests';
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
const request = (node: ServerProcess, method: string, p: string, tok: string, body?: Buffer | object, headers: Record<string, string> = {}) =>
  recordingsRequest(node, IV, method, p, tok, body, headers);

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
    const resumed = await whenServed(() => request(b, 'POST', '', guest, create), 250);
    expect(resumed.status).toBe(200);
    const state = (await resumed.json()) as UploadState;
    expect(state).toMatchObject({ recordingId: 'take-1', receivedBytes: stored!.receivedBytes, complete: false });
    // A part A had stored is refused at B with the offset to use (the device's retry of its lost answer).
    const replay = await whenServed(() => patch(b, 0, part(0)), 250);
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as UploadState).receivedBytes).toBe(state.receivedBytes);

    let last: UploadState = state;
    for (let off = state.receivedBytes; off < audio.length; off += PART) {
      const r = await whenServed(() => patch(b, off, audio.subarray(off, off + PART)), 250);
      expect(r.status).toBe(200);
      last = (await r.json()) as UploadState;
    }
    expect(last).toMatchObject({ receivedBytes: audio.length, complete: true });

    const listed = await whenServed(() => request(b, 'GET', '', host), 250);
    expect(((await listed.json()) as { recordings: UploadState[] }).recordings).toEqual([expect.objectContaining({ recordingId: 'take-1', complete: true })]);
    const dl = await whenServed(() => request(b, 'GET', '/take-1/audio', host), 250);
    expect(dl.status).toBe(200);
    const downloaded = Buffer.from(await dl.arrayBuffer());
    expect(downloaded.length).toBe(audio.length);
    expect(sha(downloaded)).toBe(create.sha256);
    expect(downloaded.equals(audio)).toBe(true);
  },
  180_000,
);
