/**
 * Two parts of one upload in flight at once, against the real server process, on its SQLite file and, with
 * DATABASE_URL, on PostgreSQL: a part that arrives whole while the part before it is still arriving waits for that
 * one and is stored right after it (sync-server/uploads/parts-in-flight.ts); a part whose predecessor is cut off,
 * or stalls past the wait's bound, is answered 409 with the stored offset and nothing past a gap is stored; a server
 * killed while a part waits keeps exactly what it had stored.
 *
 * The part that is still arriving is a raw request the test writes half of; it asks for 100 Continue first, so the
 * test knows the server has taken its headers (and registered it) before the next part is sent.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it as itBase } from 'vitest';
import { readSecret, serverStarts, startServer, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { mintToken } from '../../sync-server/auth/tokens';
import { PREDECESSOR_WAIT_MS } from '../../sync-server/uploads/parts-in-flight';
import type { UploadState } from '../../src/upload/protocol';

const IV = 'two-in-flight-1';
const PART = 100_000;
let s: ServerProcess;
let guest: string;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const recPath = (rid?: string) => `/api/interviews/${IV}/recordings${rid ? `/${rid}` : ''}`;
const auth = () => ({ Authorization: `Bearer ${guest}` });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function create(rid: string, audio: Buffer): Promise<void> {
  const res = await fetch(`${s.url}${recPath()}`, {
    method: 'POST',
    headers: { ...auth(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ recordingId: rid, questionId: 'q1', mimeType: 'audio/webm', totalBytes: audio.length, sha256: sha(audio), durationMs: 1000 }),
  });
  expect(res.status).toBe(201);
}

interface Answer {
  status: number;
  state: UploadState | null;
}

/** A whole part, as the browser sends it; `answered` is set once its answer is in. */
function sendPart(rid: string, offset: number, part: Buffer): { response: Promise<Answer>; answered: () => boolean } {
  let done = false;
  const response = fetch(`${s.url}${recPath(rid)}`, {
    method: 'PATCH',
    headers: { ...auth(), 'Content-Type': 'application/octet-stream', 'Upload-Offset': String(offset) },
    body: new Uint8Array(part),
  })
    .then(async (res) => ({ status: res.status, state: res.status === 200 || res.status === 409 ? ((await res.json()) as UploadState) : (await res.body?.cancel(), null) }))
    .finally(() => (done = true));
  return { response, answered: () => done };
}

/** A part whose body the test writes itself: the server has its headers once `continued` resolves. */
function partArriving(rid: string, offset: number, length: number) {
  const req = http.request(`${s.url}${recPath(rid)}`, {
    method: 'PATCH',
    headers: { ...auth(), 'Content-Type': 'application/octet-stream', 'Upload-Offset': String(offset), 'Content-Length': String(length), Expect: '100-continue' },
  });
  const continued = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const response = new Promise<Answer>((resolve) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, state: res.statusCode === 200 || res.statusCode === 409 ? (JSON.parse(text) as UploadState) : null }));
    });
    // Cut off by the test or a killed server: no answer.
    req.on('error', () => resolve({ status: 0, state: null }));
  });
  req.flushHeaders();
  return { req, continued, response };
}

async function stateOf(rid: string): Promise<UploadState> {
  return (await (await fetch(`${s.url}${recPath(rid)}`, { headers: auth() })).json()) as UploadState;
}

async function audioOf(rid: string): Promise<Buffer> {
  const res = await fetch(`${s.url}${recPath(rid)}/audio`, { headers: { Authorization: `Bearer ${s.hostToken}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Sends the second part whole while the first is half written, and gives the server time to read it whole. */
async function secondWhileFirstArrives(rid: string, audio: Buffer) {
  const first = partArriving(rid, 0, PART);
  await first.continued;
  first.req.write(audio.subarray(0, PART / 2));
  const second = sendPart(rid, PART, audio.subarray(PART, 2 * PART));
  // Long enough for the server to read a 100 KB body over loopback; the outcome below does not depend on it.
  await pause(300);
  return { first, second };
}

describe.each(storageBackends())('two parts in flight on $name', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  const starts = serverStarts();
  let env: Record<string, string> = {};

  beforeAll(async () => {
    if (backend.skip) return;
    env = backend.name === 'postgres' ? { DATABASE_URL: (await backend.open()).url! } : {};
    s = await startServer({ env, signal: starts.signal });
    guest = mintToken(readSecret(s.dataDir), { iid: IV, role: 'guest', sub: 'Grace', ttlSec: 3600 });
  });
  afterAll(async () => {
    starts.abandon();
    await s?.stop();
  });

  it('stores a part that arrived whole before the part ahead of it finished arriving, right after that one, in order', async () => {
    const audio = randomBytes(3 * PART);
    await create('rec-order', audio);
    const { first, second } = await secondWhileFirstArrives('rec-order', audio);
    // It waits for the part ahead of it instead of being refused (the server answered 409 at once before).
    expect(second.answered()).toBe(false);
    first.req.end(audio.subarray(PART / 2, PART));
    expect(await first.response).toMatchObject({ status: 200, state: { receivedBytes: PART } });
    expect(await second.response).toMatchObject({ status: 200, state: { receivedBytes: 2 * PART, complete: false } });
    expect((await sendPart('rec-order', 2 * PART, audio.subarray(2 * PART)).response).state).toMatchObject({ receivedBytes: 3 * PART, complete: true });
    expect((await audioOf('rec-order')).equals(audio)).toBe(true);
  });

  it('answers the waiting part 409 with the stored offset when the part ahead of it is cut off, stores no gap, and resumes there', async () => {
    const audio = randomBytes(2 * PART);
    await create('rec-cut', audio);
    const { first, second } = await secondWhileFirstArrives('rec-cut', audio);
    expect(second.answered()).toBe(false);
    first.req.destroy();
    expect(await second.response).toMatchObject({ status: 409, state: { receivedBytes: 0 } });
    expect(await stateOf('rec-cut')).toMatchObject({ receivedBytes: 0, complete: false });
    // The client goes on from the server's offset: both parts again.
    expect((await sendPart('rec-cut', 0, audio.subarray(0, PART)).response).status).toBe(200);
    expect((await sendPart('rec-cut', PART, audio.subarray(PART)).response).state).toMatchObject({ receivedBytes: 2 * PART, complete: true });
    expect((await audioOf('rec-cut')).equals(audio)).toBe(true);
  });

  it(`waits at most ${PREDECESSOR_WAIT_MS / 1000} s for a part ahead of it that stalls, then answers 409; the stalled part is still stored when it ends`, async () => {
    const audio = randomBytes(2 * PART);
    await create('rec-stall', audio);
    const { first, second } = await secondWhileFirstArrives('rec-stall', audio);
    // The first part's sender stays silent: the second is answered without it.
    expect(await second.response).toMatchObject({ status: 409, state: { receivedBytes: 0 } });
    first.req.end(audio.subarray(PART / 2, PART));
    expect(await first.response).toMatchObject({ status: 200, state: { receivedBytes: PART } });
    expect((await sendPart('rec-stall', PART, audio.subarray(PART)).response).state).toMatchObject({ receivedBytes: 2 * PART, complete: true });
    expect((await audioOf('rec-stall')).equals(audio)).toBe(true);
  });

  it('waits only for the part that ends exactly where it starts: a part further ahead is answered 409 as before', async () => {
    const audio = randomBytes(3 * PART);
    await create('rec-gap', audio);
    const first = partArriving('rec-gap', 0, PART);
    await first.continued;
    first.req.write(audio.subarray(0, PART / 2));
    // Starts one part beyond where the arriving part ends.
    const far = await sendPart('rec-gap', 2 * PART, audio.subarray(2 * PART)).response;
    expect(far).toMatchObject({ status: 409, state: { receivedBytes: 0 } });
    first.req.end(audio.subarray(PART / 2, PART));
    expect(await first.response).toMatchObject({ status: 200, state: { receivedBytes: PART } });
  });

  it('keeps exactly the stored parts when the server is killed while a part waits for the one ahead of it, and completes after the restart', async () => {
    const audio = randomBytes(3 * PART);
    await create('rec-crash', audio);
    expect((await sendPart('rec-crash', 0, audio.subarray(0, PART)).response).status).toBe(200);
    const first = partArriving('rec-crash', PART, PART);
    await first.continued;
    first.req.write(audio.subarray(PART, PART + PART / 2));
    const second = sendPart('rec-crash', 2 * PART, audio.subarray(2 * PART));
    // The kill cuts it off: no answer comes.
    const secondCut = second.response.catch(() => null);
    await pause(300);
    expect(second.answered()).toBe(false);
    const { dataDir, port } = s;
    await s.kill();
    expect((await first.response).status).toBe(0);
    expect(await secondCut).toBeNull();
    s = await startServer({ dataDir, port, env, signal: starts.signal });
    expect(await stateOf('rec-crash')).toMatchObject({ receivedBytes: PART, complete: false });
    expect((await sendPart('rec-crash', PART, audio.subarray(PART, 2 * PART)).response).status).toBe(200);
    expect((await sendPart('rec-crash', 2 * PART, audio.subarray(2 * PART)).response).state).toMatchObject({ complete: true });
    expect((await audioOf('rec-crash')).equals(audio)).toBe(true);
  });
});
