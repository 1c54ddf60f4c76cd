/**
 * The upload routes in this process (sync-server/uploads/upload-routes.ts over a real SQLite recording store and
 * real HTTP): a part is counted as on its way (parts-in-flight.ts) from the moment its request is taken, before the
 * route's first wait. The deleted-interview check is a database query on PostgreSQL, and two parts on two connections
 * may get their answers in either order: the part behind went on first, found no part ahead of it and was answered
 * 409, and the guest's uploader sent it again (uploads-guest "resumes an interrupted upload" on PostgreSQL: 65,536
 * bytes sent twice, 1 run in 3 at load 9).
 */
import http from 'node:http';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { createRecordingStore } from '../../sync-server/uploads/sqlite-recording-store';
import { uploadRoutes } from '../../sync-server/uploads/upload-routes';
import { HttpError, sendJson } from '../../sync-server/http/json';
import type { TokenClaims } from '../../sync-server/auth/tokens';
import { tempDir } from '../support/yws-client';

const IV = 'part-order-1';
const RID = 'take-1';
const PART = 100_000;
const claims: TokenClaims = { iid: IV, role: 'guest', sub: 'Grace', exp: Math.floor(Date.now() / 1000) + 3600, jti: 'part-order' };

let db: Db;
let server: http.Server;
let url: string;
/** The first PATCH's deleted-interview check waits for this (a slow database answer). */
let releaseFirstCheck!: () => void;
const firstCheck = new Promise<void>((resolve) => (releaseFirstCheck = resolve));
let patches = 0;

beforeAll(async () => {
  db = openDatabase(path.join(tempDir('interq-part-order-'), 'interq.sqlite'));
  const routes = uploadRoutes({
    store: createRecordingStore(db),
    maxRecordingBytes: 10_000_000,
    isInterviewDeleted: async () => false,
  });
  // The same routes, with the first part's check held back.
  const held = uploadRoutes({
    store: createRecordingStore(db),
    maxRecordingBytes: 10_000_000,
    isInterviewDeleted: async () => {
      if (++patches === 1) await firstCheck;
      return false;
    },
  });
  server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const table = req.method === 'PATCH' ? held : routes;
    const route = table.find((r) => r.method === req.method && r.path instanceof RegExp && r.path.test(pathname));
    if (!route) return void res.writeHead(404).end();
    const params = (route.path as RegExp).exec(pathname)!.slice(1);
    void Promise.resolve(route.handle(req, res, { claims, params })).catch((error: unknown) => {
      if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
      else res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/interviews/${IV}/recordings`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  db.close();
});

const patch = (offset: number, body: Buffer) =>
  fetch(`${url}/${RID}`, { method: 'PATCH', headers: { 'Upload-Offset': String(offset), 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(body) });

it('a part whose check answers first still waits for the part ahead of it, sent first, and both are stored in order', async () => {
  const audio = randomBytes(2 * PART);
  const created = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ recordingId: RID, questionId: 'q1', mimeType: 'audio/webm', totalBytes: audio.length, sha256: createHash('sha256').update(audio).digest('hex'), durationMs: 1000 }),
  });
  expect(created.status).toBe(201);
  const first = patch(0, audio.subarray(0, PART));
  // The first part's request is taken (its check is waiting) before the second is sent.
  while (patches < 1) await new Promise((r) => setTimeout(r, 5));
  const second = patch(PART, audio.subarray(PART));
  // The second part is read whole and goes on while the first still waits for its check: once it is answered, or
  // after 300 ms, the first part's check answers.
  await Promise.race([second, new Promise((r) => setTimeout(r, 300))]);
  releaseFirstCheck();
  const [a, b] = await Promise.all([first, second]);
  expect(a.status).toBe(200);
  // It waited for the part ahead of it (409 at once before: that part was not yet counted as on its way).
  expect(b.status).toBe(200);
  expect(((await b.json()) as { receivedBytes: number; complete: boolean }).complete).toBe(true);
});
