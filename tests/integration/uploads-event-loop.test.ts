/**
 * Completing a large answer upload must not stall the server: the checksum runs as parts are stored, and when a
 * restart lost it, it is rebuilt from the stored parts one part per event-loop turn. The whole recording was
 * hashed synchronously inside the last part's transaction, and every other client waited. On the server's SQLite
 * file and, with DATABASE_URL, on PostgreSQL (where the parts are read back over the network).
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readSecret, startServer, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { connectClient, waitFor } from '../support/yws-client';
import { mintToken } from '../../sync-server/auth/tokens';
import type { UploadState } from '../../src/upload/protocol';

const IV = 'upload-loop-1';
const PART = 1024 * 1024;
const PARTS = 64;
const MAX = PARTS * PART + 1;
let s: ServerProcess | null = null;
afterAll(async () => {
  await s?.stop();
});

function api(method: string, p: string, tok: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${s!.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${tok}`, ...(body instanceof Uint8Array ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
  });
}
const recPath = (rid?: string) => `/api/interviews/${IV}/recordings${rid ? `/${rid}` : ''}`;
const patch = (tok: string, rid: string, offset: number, part: Uint8Array) =>
  api('PATCH', recPath(rid), tok, part, { 'Upload-Offset': String(offset), 'Content-Type': 'application/octet-stream' });

describe.each(storageBackends())('a large upload completing on $name', (backend) => {
  it.skipIf(backend.skip)('keeps relaying sync messages while it completes a 64 MiB upload whose running checksum a restart lost', async () => {
    await s?.stop(); // the SQLite case's server, before the PostgreSQL case starts its own
    const env = { INTERQ_MAX_RECORDING_BYTES: String(MAX), ...(backend.name === 'postgres' ? { DATABASE_URL: (await backend.open()).url! } : {}) };
    s = await startServer({ env });
    const guest = mintToken(readSecret(s.dataDir), { iid: IV, role: 'guest', sub: 'guest-1', ttlSec: 600 });
    const audio = randomBytes(MAX);
    const sha256 = createHash('sha256').update(audio).digest('hex');
    const created = await api('POST', recPath(), guest, { recordingId: 'big', questionId: 'q1', mimeType: 'audio/webm', totalBytes: MAX, sha256, durationMs: 60_000 });
    expect(created.status).toBe(201);
    for (let i = 0; i < PARTS; i++) expect((await patch(guest, 'big', i * PART, audio.subarray(i * PART, (i + 1) * PART))).status).toBe(200);

    // A restart: the running checksum of the 64 MiB already stored is gone and must be rebuilt for the last byte.
    const { dataDir, port } = s;
    await s.stop();
    s = await startServer({ dataDir, port, env });
    const syncUrl = `ws://127.0.0.1:${port}/sync`;
    const writer = connectClient(syncUrl, `${IV}.plan`, s.hostToken);
    const reader = connectClient(syncUrl, `${IV}.plan`, s.hostToken);
    try {
      await Promise.all([writer.synced(), reader.synced()]);
      let answered = false;
      const last = patch(guest, 'big', PARTS * PART, audio.subarray(PARTS * PART)).then((r) => {
        answered = true;
        return r;
      });
      // The host renames the interview again and again; another device must see each rename while the upload completes.
      let relayedDuring = 0;
      for (let n = 1; !answered; n++) {
        writer.doc.getMap('meta').set('title', `Rename ${n}`);
        await waitFor(() => reader.doc.getMap('meta').get('title') === `Rename ${n}`, `rename ${n} relayed`, 30_000);
        if (!answered) relayedDuring++;
      }
      const res = await last;
      expect(res.status).toBe(200);
      expect(((await res.json()) as UploadState).complete).toBe(true);
      // With the whole recording hashed synchronously in the last part's transaction, 1 rename got through in the same trial (50 now).
      expect(relayedDuring).toBeGreaterThanOrEqual(8);
    } finally {
      writer.destroy();
      reader.destroy();
    }
    const dl = await api('GET', `${recPath('big')}/audio`, s.hostToken);
    expect(createHash('sha256').update(Buffer.from(await dl.arrayBuffer())).digest('hex')).toBe(sha256);
  }, 240_000);
});
