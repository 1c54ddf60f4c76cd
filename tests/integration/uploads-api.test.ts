/**
 * Resumable answer-audio uploads against the real server process, on its SQLite file and, with DATABASE_URL, on
 * PostgreSQL (recordings and their parts there): who may do what, resuming at the server's offset, the checksum
 * check, hard body caps, the limits per interview, retention, and data surviving a killed server.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it as itBase } from 'vitest';
import { readSecret, startServer, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { setStoredMimeType, storedPartCount, storedRecording, storedRecordingIds, type StoreAt } from '../support/stored-recordings';
import { mintToken } from '../../sync-server/auth/tokens';
import type { Role } from '../../src/domain/access';
import { MAX_PART_BYTES, type UploadState } from '../../src/upload/protocol';

const IV = 'upload-api-1';
const MAX = 3_000_000;
let s: ServerProcess;
let secret: Buffer;
let guest: string;

const token = (role: Role, iid = IV, ttlSec = 600, now = Date.now()) => mintToken(secret, { iid, role, sub: `${role}-1`, ttlSec }, now);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');


function api(method: string, p: string, tok: string | null, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${s.url}${p}`, {
    method,
    headers: { ...(tok ? { Authorization: `Bearer ${tok}` } : {}), ...(body !== undefined && !(body instanceof Uint8Array) ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
  });
}
const recPath = (rid?: string, suffix = '', iid = IV) => `/api/interviews/${iid}/recordings${rid ? `/${rid}${suffix}` : ''}`;
const create = (rid: string, audio: Buffer, tok = guest, extra: Record<string, unknown> = {}) =>
  api('POST', recPath(), tok, { recordingId: rid, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: audio.length, sha256: sha(audio), durationMs: 4200, ...extra });
const patch = (rid: string, offset: number, part: Uint8Array, tok = guest) =>
  api('PATCH', recPath(rid), tok, part, { 'Upload-Offset': String(offset), 'Content-Type': 'application/octet-stream' });
const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error;
const stateOf = async (rid: string, tok = guest) => (await (await api('GET', recPath(rid), tok)).json()) as UploadState;

async function uploadAll(rid: string, audio: Buffer, partBytes = 100_000): Promise<UploadState> {
  let last: UploadState | null = null;
  for (let off = 0; off < audio.length; off += partBytes) {
    const r = await patch(rid, off, audio.subarray(off, off + partBytes));
    expect(r.status).toBe(200);
    last = (await r.json()) as UploadState;
  }
  return last!;
}

/**
 * A request whose body the test sends itself (`req.write`, `req.end`); `response` is the answer. It asks before sending
 * its body (Expect: 100-continue): `continued` resolves when the server says go on, which it does only once the
 * route's checks before the body passed (sync-server/http/expect-continue.ts).
 */
function startRequest(method: string, p: string, tok: string, contentLength: number, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  const req = http.request(`${s.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${tok}`, ...headers, 'Content-Length': String(contentLength), Expect: '100-continue' },
  });
  let heard = false;
  const continued = new Promise<void>((resolve) => req.once('continue', () => ((heard = true), resolve())));
  const response = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { req, response, continued, heardContinue: () => heard };
}

/**
 * What the server does first for a request that asks before sending its body: 'continue' (it wants the body) or its
 * answer, given without the body ever being sent.
 */
function firstAnswer(started: ReturnType<typeof startRequest>) {
  return Promise.race([started.continued.then(() => 'continue' as const), started.response]);
}

describe.each(storageBackends())('recording uploads on $name', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  /** A fresh database for each server on PostgreSQL (its own budget, its own retention); nothing on SQLite. */
  const storeEnv = async (): Promise<Record<string, string>> => (backend.name === 'postgres' ? { DATABASE_URL: (await backend.open()).url! } : {});
  let env: Record<string, string> = {};
  const at = (): StoreAt => ({ dataDir: s.dataDir, databaseUrl: env.DATABASE_URL ?? null });

  beforeAll(async () => {
    if (backend.skip) return;
    env = { INTERQ_MAX_RECORDING_BYTES: String(MAX), ...(await storeEnv()) };
    s = await startServer({ env });
    secret = readSecret(s.dataDir);
    guest = token('guest');
  });
  afterAll(async () => {
    await s?.stop();
  });

  describe('recording uploads: creating', () => {
    it('creates an upload once and answers the same state again when resumed with the same bytes', async () => {
      const audio = randomBytes(1000);
      const first = await create('rec-create', audio);
      expect(first.status).toBe(201);
      expect(await first.json()).toEqual({ recordingId: 'rec-create', questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: 1000, receivedBytes: 0, durationMs: 4200, complete: false });
      await patch('rec-create', 0, audio.subarray(0, 400));
      const again = await create('rec-create', audio);
      expect(again.status).toBe(200);
      expect(((await again.json()) as UploadState).receivedBytes).toBe(400);
    });

    it('refuses the same recording id with different audio, and keeps what was stored', async () => {
      const audio = randomBytes(500);
      expect((await create('rec-conflict', audio)).status).toBe(201);
      expect((await patch('rec-conflict', 0, audio.subarray(0, 200))).status).toBe(200);
      const other = randomBytes(500);
      const r = await create('rec-conflict', other);
      expect(r.status).toBe(409);
      expect(await errorOf(r)).toContain('different audio');
      expect((await stateOf('rec-conflict')).receivedBytes).toBe(200);
    });

    it('rejects invalid requests naming every bad field, and recordings over the configured maximum', async () => {
      const bad = await api('POST', recPath(), guest, { recordingId: 'bad id!', questionId: '', mimeType: 'video/mp4', totalBytes: 0, sha256: 'XYZ', durationMs: -1 });
      expect(bad.status).toBe(400);
      const msg = await errorOf(bad);
      for (const field of ['recordingId', 'questionId', 'mimeType', 'totalBytes', 'sha256', 'durationMs']) expect(msg).toContain(field);
      const big = await api('POST', recPath(), guest, { recordingId: 'too-big', questionId: 'q1', mimeType: 'audio/wav', totalBytes: MAX + 1, sha256: sha(Buffer.from('x')), durationMs: 1 });
      expect(big.status).toBe(413);
      expect(await errorOf(big)).toContain(`at most ${MAX} bytes`);
      expect((await api('GET', recPath('too-big'), guest)).status).toBe(404);
    });
  });

  describe('recording uploads: the audio type', () => {
    it('refuses a type that is not plain ASCII audio at creation, so the staff download can always name it', async () => {
      const audio = randomBytes(300);
      const attacks = [
        'audio/webm\r\nX-Injected: 1',
        'audio/webm\nSet-Cookie: a=b',
        'audio/webm\u2028',
        'audio/webm;codecs=opus\u0000',
        'audio/wébm',
        'audio/webm; codecs="op\r\nus"',
        'text/html',
        'audio/x-shockwave',
        'audio/',
        'audio/webm;',
        'audio/webm;codecs',
      ];
      for (const [i, mimeType] of attacks.entries()) {
        const r = await create(`rec-mime-bad-${i}`, audio, guest, { mimeType });
        expect(r.status, JSON.stringify(mimeType)).toBe(400);
        expect(await errorOf(r)).toContain('mimeType must be an audio type');
        expect((await api('GET', recPath(`rec-mime-bad-${i}`), guest)).status).toBe(404);
      }
      // What browsers' MediaRecorder reports is accepted, and the host downloads it under that type.
      for (const [i, mimeType] of ['audio/webm;codecs=opus', 'audio/ogg; codecs=opus', 'audio/mp4;codecs=mp4a.40.2', 'AUDIO/WEBM', 'audio/webm; codecs="opus"'].entries()) {
        const rid = `rec-mime-ok-${i}`;
        expect((await create(rid, audio, guest, { mimeType })).status, mimeType).toBe(201);
        expect((await patch(rid, 0, audio)).status).toBe(200);
        const dl = await api('GET', recPath(rid, '/audio'), s.hostToken);
        expect(dl.status).toBe(200);
        expect(dl.headers.get('content-type')).toBe(mimeType);
        expect(Buffer.from(await dl.arrayBuffer()).equals(audio)).toBe(true);
      }
    });

    it('serves a recording stored before the check with a neutral type instead of failing the download', async () => {
      const audio = randomBytes(200);
      expect((await create('rec-mime-legacy', audio)).status).toBe(201);
      expect((await patch('rec-mime-legacy', 0, audio)).status).toBe(200);
      await setStoredMimeType(at(), 'rec-mime-legacy', 'audio/webm\r\nX-Injected: 1');
      const dl = await api('GET', recPath('rec-mime-legacy', '/audio'), s.hostToken);
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-type')).toBe('application/octet-stream');
      expect(dl.headers.get('x-injected')).toBeNull();
      expect(Buffer.from(await dl.arrayBuffer()).equals(audio)).toBe(true);
    });
  });

  describe('recording uploads: parts', () => {
    it('stores parts at the server offset, answers 409 with the state on a wrong offset and 400 past the end, then serves the exact bytes to staff', async () => {
      const audio = randomBytes(250_000);
      expect((await create('rec-parts', audio)).status).toBe(201);
      const r1 = await patch('rec-parts', 0, audio.subarray(0, 100_000));
      expect(((await r1.json()) as UploadState).receivedBytes).toBe(100_000);

      const replay = await patch('rec-parts', 0, audio.subarray(0, 100_000));
      expect(replay.status).toBe(409);
      expect(((await replay.json()) as UploadState).receivedBytes).toBe(100_000);
      const ahead = await patch('rec-parts', 200_000, audio.subarray(200_000));
      expect(ahead.status).toBe(409);

      const past = await patch('rec-parts', 100_000, randomBytes(150_001));
      expect(past.status).toBe(400);
      expect(await errorOf(past)).toContain('past the end');
      expect((await stateOf('rec-parts')).receivedBytes).toBe(100_000);

      const noType = await api('PATCH', recPath('rec-parts'), guest, audio.subarray(100_000, 200_000), { 'Upload-Offset': '100000', 'Content-Type': 'text/plain' });
      expect(noType.status).toBe(415);
      const noOffset = await api('PATCH', recPath('rec-parts'), guest, audio.subarray(100_000, 200_000), { 'Content-Type': 'application/octet-stream' });
      expect(noOffset.status).toBe(400);
      expect(await errorOf(noOffset)).toContain('Upload-Offset');

      const host = s.hostToken;
      const early = await api('GET', recPath('rec-parts', '/audio'), host);
      expect(early.status).toBe(409);
      expect(await errorOf(early)).toContain('still uploading');

      await patch('rec-parts', 100_000, audio.subarray(100_000, 200_000));
      const last = await patch('rec-parts', 200_000, audio.subarray(200_000));
      expect(last.status).toBe(200);
      expect(await last.json()).toMatchObject({ receivedBytes: 250_000, complete: true });

      const dl = await api('GET', recPath('rec-parts', '/audio'), token('interviewer'));
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-type')).toBe('audio/webm;codecs=opus');
      expect(dl.headers.get('content-length')).toBe('250000');
      expect(dl.headers.get('cache-control')).toBe('private, no-store');
      expect(Buffer.from(await dl.arrayBuffer()).equals(audio)).toBe(true);

      const after = await patch('rec-parts', 250_000, Buffer.from('x'));
      expect(after.status).toBe(400);
    });

    it('answers 413 to a part over 1 MiB without reading it, keeps the stored parts, and takes the next good part', async () => {
      const audio = randomBytes(1_200_000);
      expect((await create('rec-huge-part', audio)).status).toBe(201);
      expect((await patch('rec-huge-part', 0, audio.subarray(0, 100_000))).status).toBe(200);
      const tooBig = await patch('rec-huge-part', 100_000, audio.subarray(100_000, 100_000 + 1024 * 1024 + 1));
      expect(tooBig.status).toBe(413);
      expect(await errorOf(tooBig)).toContain('at most 1048576 bytes');
      expect((await stateOf('rec-huge-part')).receivedBytes).toBe(100_000);
      const done = await uploadAllFrom('rec-huge-part', audio, 100_000);
      expect(done.complete).toBe(true);
    });

    it('stops reading a chunked part without a length as soon as it passes 1 MiB', async () => {
      const audio = randomBytes(10_000);
      expect((await create('rec-chunked', audio)).status).toBe(201);
      // A client that keeps streaming: the server must answer 413 and drop the connection, not buffer. Such a
      // client may see the 413 or, still writing when the socket closes, EPIPE/ECONNRESET; either way it is cut off.
      const outcome = await new Promise<{ status?: number; body: string; error?: string; sentBytes: number }>((resolve) => {
        const req = http.request(`${s.url}${recPath('rec-chunked')}`, {
          method: 'PATCH',
          headers: { Authorization: `Bearer ${guest}`, 'Upload-Offset': '0', 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' },
        });
        let sent = 0;
        let status: number | undefined;
        let body = '';
        let error: string | undefined;
        const block = Buffer.alloc(64 * 1024, 1);
        const pump = () => {
          // Bounded: 64 MiB at most, far past the 1 MiB cap.
          while (sent < 64 * 1024 * 1024 && !req.destroyed && status === undefined) {
            sent += block.length;
            if (!req.write(block)) return void req.once('drain', pump);
          }
          req.end();
        };
        req.on('response', (res) => {
          status = res.statusCode;
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('error', () => {});
        });
        req.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
        req.on('close', () => setImmediate(() => resolve({ status, body, error, sentBytes: sent })));
        pump();
      });
      expect(outcome.sentBytes).toBeLessThan(64 * 1024 * 1024);
      if (outcome.status !== undefined) {
        expect(outcome.status).toBe(413);
        expect(outcome.body).toContain('at most 1048576 bytes');
      } else {
        expect(outcome.error).toMatch(/EPIPE|ECONNRESET/);
      }
      expect((await stateOf('rec-chunked')).receivedBytes).toBe(0);
    });

    it('on a checksum mismatch answers 422, drops the parts and restarts at 0; the good audio then completes', async () => {
      const audio = randomBytes(30_000);
      expect((await create('rec-corrupt', audio)).status).toBe(201);
      const corrupted = Buffer.from(audio);
      corrupted[12_345] = corrupted[12_345]! ^ 0xff;
      expect((await patch('rec-corrupt', 0, corrupted.subarray(0, 20_000))).status).toBe(200);
      const r = await patch('rec-corrupt', 20_000, corrupted.subarray(20_000));
      expect(r.status).toBe(422);
      expect(await errorOf(r)).toMatch(/^corrupt upload: the checksum does not match/);
      expect(await stateOf('rec-corrupt')).toMatchObject({ receivedBytes: 0, complete: false });
      expect((await api('GET', recPath('rec-corrupt', '/audio'), s.hostToken)).status).toBe(409);
      const done = await uploadAll('rec-corrupt', audio, 20_000);
      expect(done.complete).toBe(true);
      const dl = await api('GET', recPath('rec-corrupt', '/audio'), s.hostToken);
      expect(Buffer.from(await dl.arrayBuffer()).equals(audio)).toBe(true);
    });
  });

  async function uploadAllFrom(rid: string, audio: Buffer, from: number, partBytes = 500_000): Promise<UploadState> {
    let last = await stateOf(rid);
    for (let off = from; off < audio.length; off += partBytes) {
      const r = await patch(rid, off, audio.subarray(off, off + partBytes));
      expect(r.status).toBe(200);
      last = (await r.json()) as UploadState;
    }
    return last;
  }

  describe('recording uploads: who may do what', () => {
    it('refuses missing, expired and revoked tokens with 401 and leaves the upload as it was', async () => {
      const audio = randomBytes(2000);
      expect((await create('rec-auth', audio)).status).toBe(201);
      expect((await patch('rec-auth', 0, audio.subarray(0, 1000))).status).toBe(200);

      expect((await patch('rec-auth', 1000, audio.subarray(1000), '')).status).toBe(401);
      const expired = token('guest', IV, 60, Date.now() - 3600_000);
      const r = await patch('rec-auth', 1000, audio.subarray(1000), expired);
      expect(r.status).toBe(401);
      expect(await errorOf(r)).toBe('Your link has expired: ask the host for a new one.');

      const invite = (await (await api('POST', '/api/invites', s.hostToken, { interviewId: IV, role: 'guest', subject: 'Revoked' })).json()) as { jti: string; url: string };
      const revokedToken = invite.url.split('#t=')[1]!;
      expect((await api('GET', recPath('rec-auth'), revokedToken)).status).toBe(200);
      expect((await api('DELETE', `/api/invites/${invite.jti}`, s.hostToken)).status).toBe(200);
      const rv = await patch('rec-auth', 1000, audio.subarray(1000), revokedToken);
      expect(rv.status).toBe(401);
      expect(await errorOf(rv)).toBe('The host withdrew your link: ask the host for a new one if you should still take part.');

      expect(await stateOf('rec-auth')).toMatchObject({ receivedBytes: 1000, complete: false });
    });

    it('refuses tokens for another interview and roles that may not upload or download, with 403', async () => {
      const audio = randomBytes(2000);
      expect((await create('rec-roles', audio)).status).toBe(201);
      expect((await patch('rec-roles', 0, audio.subarray(0, 1000))).status).toBe(200);

      const otherGuest = token('guest', 'another-interview');
      const r = await patch('rec-roles', 1000, audio.subarray(1000), otherGuest);
      expect(r.status).toBe(403);
      expect(await errorOf(r)).toContain('another interview');
      expect((await create('rec-roles-2', audio, otherGuest)).status).toBe(403);
      expect((await api('GET', recPath('rec-roles', '/audio'), token('interviewer', 'another-interview'))).status).toBe(403);

      for (const role of ['host', 'interviewer', 'moderator', 'tech-support', 'audience'] as const) {
        const t = role === 'host' ? s.hostToken : token(role);
        const up = await patch('rec-roles', 1000, audio.subarray(1000), t);
        expect(up.status, role).toBe(403);
        expect(await errorOf(up)).toContain("candidate's device");
        expect((await create('rec-roles-3', audio, t)).status, role).toBe(403);
      }
      for (const role of ['guest', 'moderator', 'tech-support', 'audience'] as const) {
        const t = token(role);
        expect((await api('GET', recPath(), t)).status, role).toBe(403);
        const dl = await api('GET', recPath('rec-roles', '/audio'), t);
        expect(dl.status, role).toBe(403);
        expect(await errorOf(dl)).toContain('host and interviewers');
      }
      for (const role of ['moderator', 'tech-support', 'audience'] as const) {
        expect((await api('GET', recPath('rec-roles'), token(role))).status, role).toBe(403);
      }
      expect((await stateOf('rec-roles', s.hostToken)).receivedBytes).toBe(1000);
      expect((await stateOf('rec-roles', token('interviewer'))).receivedBytes).toBe(1000);
      expect((await api('GET', recPath('rec-roles-3'), guest)).status).toBe(404);
    });

    it('lists the interview\'s uploads for staff, answers 404 for unknown recordings and 400 for bad ids', async () => {
      const list = await api('GET', recPath(), token('interviewer'));
      expect(list.status).toBe(200);
      const { recordings } = (await list.json()) as { recordings: UploadState[] };
      expect(recordings.map((r) => r.recordingId)).toEqual(expect.arrayContaining(['rec-parts', 'rec-corrupt', 'rec-auth']));
      expect(recordings.find((r) => r.recordingId === 'rec-parts')).toMatchObject({ complete: true, totalBytes: 250_000 });
      const unknown = await api('GET', recPath('nope', '/audio'), s.hostToken);
      expect(unknown.status).toBe(404);
      expect(await errorOf(unknown)).toContain('No upload of recording nope');
      expect((await patch('nope', 0, Buffer.from('x'))).status).toBe(404);
      expect((await api('GET', recPath('bad%20id'), guest)).status).toBe(400);
    });
  });

  describe('recording uploads: a deleted interview', () => {
    it('refuses a new upload and the next part of one under way with 410 and a sentence once the host deleted the interview, and stores nothing', async () => {
      const iid = 'upload-api-deleted';
      const guestOfDeleted = token('guest', iid);
      const audio = randomBytes(120_000);
      const createIn = (recordingId: string) =>
        api('POST', recPath(undefined, '', iid), guestOfDeleted, { recordingId, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: audio.length, sha256: sha(audio), durationMs: 4200 });
      expect((await createIn('rec-before-delete')).status).toBe(201);
      const first = await api('PATCH', recPath('rec-before-delete', '', iid), guestOfDeleted, audio.subarray(0, 50_000), { 'Upload-Offset': '0', 'Content-Type': 'application/octet-stream' });
      expect(first.status).toBe(200);
      expect((await api('DELETE', `/api/interviews/${iid}`, s.hostToken)).status).toBe(200);

      // The guest's token is still valid (minted directly, never recorded as an invite, so the deletion revoked nothing).
      const next = await api('PATCH', recPath('rec-before-delete', '', iid), guestOfDeleted, audio.subarray(50_000), { 'Upload-Offset': '50000', 'Content-Type': 'application/octet-stream' });
      expect(next.status).toBe(410);
      expect(await errorOf(next)).toBe('This interview was deleted by its host, so the server takes no more recordings for it; nothing was stored.');
      const again = await createIn('rec-after-delete');
      expect(again.status).toBe(410);
      expect(await errorOf(again)).toContain('deleted by its host');
      // Nothing of the interview in the store: the deletion removed the first take, and nothing came back.
      expect(await storedRecording(at(), iid, 'rec-before-delete')).toBeNull();
      expect(await storedRecording(at(), iid, 'rec-after-delete')).toBeNull();
      // Another interview's uploads go on.
      expect((await create('rec-other-after-delete', randomBytes(10)).then((r) => r.status))).toBe(201);
    });

    it('refuses a create that passed the deletion check before the deletion but writes after it (both orders), and leaves no recording behind', async () => {
      const iid = 'upload-api-delete-race';
      const g = token('guest', iid);
      const audio = randomBytes(1_000);
      const body = (recordingId: string) =>
        JSON.stringify({ recordingId, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: audio.length, sha256: sha(audio), durationMs: 4200 });
      // The interview holds something (a take), so the host's DELETE has something to delete.
      expect((await api('POST', recPath(undefined, '', iid), g, JSON.parse(body('race-early')))).status).toBe(201);
      // Order 1, the race: the create's headers arrive first (its deletion check runs then and passes), the deletion
      // runs to the end while its body is still on the way, then the body arrives and the create writes.
      const late = body('race-late');
      const started = startRequest('POST', recPath(undefined, '', iid), g, Buffer.byteLength(late));
      // The server's 100 Continue: the route's deletion check ran and passed, and it now waits for the body.
      await started.continued;
      expect((await api('DELETE', `/api/interviews/${iid}`, s.hostToken)).status).toBe(200);
      started.req.end(late);
      const raced = await started.response;
      expect(raced.status).toBe(410);
      expect(JSON.parse(raced.body).error).toBe('This interview was deleted by its host, so the server takes no more recordings for it; nothing was stored.');
      // Order 2: a create sent after the deletion is refused by the check at once; one that asks first is refused
      // before it sends its body (no 100 Continue).
      expect((await api('POST', recPath(undefined, '', iid), g, JSON.parse(body('race-after')))).status).toBe(410);
      const asking = startRequest('POST', recPath(undefined, '', iid), g, Buffer.byteLength(body('race-asking')));
      expect((await asking.response).status).toBe(410);
      expect(asking.heardContinue()).toBe(false);
      asking.req.destroy();
      // No recording of the interview outlived it: the early take went with the deletion, the others never landed.
      expect((await storedRecordingIds(at())).filter((id) => id.startsWith('race-'))).toEqual([]);
    });
  });

  describe('recording uploads: parts that ask before sending (Expect: 100-continue)', () => {
    it('sends 100 Continue for the part it expects next and stores it, and refuses a part at another offset (409), over the part limit (413) or of a deleted interview (410) before its body is sent', async () => {
      const iid = 'upload-api-continue';
      const g = token('guest', iid);
      const audio = randomBytes(3_000);
      const partHeaders = (offset: number) => ({ 'Upload-Offset': String(offset), 'Content-Type': 'application/octet-stream' });
      const askToPatch = (offset: number, length: number) => startRequest('PATCH', recPath('cont-1', '', iid), g, length, partHeaders(offset));
      expect((await api('POST', recPath(undefined, '', iid), g, { recordingId: 'cont-1', questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: audio.length, sha256: sha(audio), durationMs: 4200 })).status).toBe(201);

      // Accepted: the route's checks pass, the 100 goes out, and only then is the part sent and stored.
      const accepted = askToPatch(0, 1_000);
      expect(await firstAnswer(accepted)).toBe('continue');
      accepted.req.end(audio.subarray(0, 1_000));
      const stored = await accepted.response;
      expect(stored.status).toBe(200);
      expect(JSON.parse(stored.body)).toMatchObject({ receivedBytes: 1_000, complete: false });

      // Refused before the body: each answer arrives although no byte of the part was sent, no 100 came, and the
      // connection closes after it (the unsent body is never taken for a next request).
      const refusedBeforeBody = async (started: ReturnType<typeof askToPatch>) => {
        const first = await firstAnswer(started);
        started.req.destroy();
        if (first === 'continue') throw new Error('The server sent 100 Continue (it asked for the body) instead of refusing the part at once.');
        expect(started.heardContinue()).toBe(false);
        expect(first.connection).toBe('close');
        return first;
      };
      // Sent again at the offset it already stored (a lost answer): 409 with the offset to resume at.
      const again = await refusedBeforeBody(askToPatch(0, 1_000));
      expect(again.status).toBe(409);
      expect(JSON.parse(again.body)).toMatchObject({ receivedBytes: 1_000 });
      // Past what was stored (a gap): 409 too.
      expect((await refusedBeforeBody(askToPatch(2_000, 500))).status).toBe(409);
      // A declared length over the largest part the server takes: 413 with a sentence.
      const tooBig = await refusedBeforeBody(askToPatch(1_000, MAX_PART_BYTES + 1));
      expect(tooBig.status).toBe(413);
      expect(JSON.parse(tooBig.body).error).toBe(`A part may be at most ${MAX_PART_BYTES} bytes; send the audio in smaller parts.`);
      // Nothing of those reached the store.
      expect(await storedRecording(at(), iid, 'cont-1')).toMatchObject({ receivedBytes: 1_000, partBytes: 1_000 });

      // The host deletes the interview: the next part, at the right offset, is refused before its body with 410.
      expect((await api('DELETE', `/api/interviews/${iid}`, s.hostToken)).status).toBe(200);
      const deleted = await refusedBeforeBody(askToPatch(1_000, 1_000));
      expect(deleted.status).toBe(410);
      expect(JSON.parse(deleted.body).error).toBe('This interview was deleted by its host, so the server takes no more recordings for it; nothing was stored.');
      expect(await storedRecording(at(), iid, 'cont-1')).toBeNull();

      // A part that does not ask first is still read whole and answered as before (the store's own 409).
      expect((await create('rec-no-expect', audio)).status).toBe(201);
      expect((await patch('rec-no-expect', 0, audio.subarray(0, 500))).status).toBe(200);
      const late = await patch('rec-no-expect', 0, audio.subarray(0, 500));
      expect(late.status).toBe(409);
      expect(((await late.json()) as UploadState).receivedBytes).toBe(500);
    });
  });

  describe('recording uploads: limits and persistence', () => {
    it('keeps at most 1000 recordings per interview', async () => {
      const iid = 'upload-limit-1';
      const g = token('guest', iid);
      const audio = Buffer.from('a');
      const body = (i: number) => ({ recordingId: `r${i}`, questionId: 'q', mimeType: 'audio/wav', totalBytes: 1, sha256: sha(audio), durationMs: 1 });
      for (let i = 0; i < 1000; i++) {
        const r = await api('POST', recPath(undefined, '', iid), g, body(i));
        expect(r.status).toBe(201);
      }
      const over = await api('POST', recPath(undefined, '', iid), g, body(1000));
      expect(over.status).toBe(429);
      expect(await errorOf(over)).toContain('1000 recordings');
      // Resuming one it already has still works at the limit.
      expect((await api('POST', recPath(undefined, '', iid), g, body(7))).status).toBe(200);
      // 1,001 requests one after another: on PostgreSQL each create is a transaction of several round trips (the
      // lease fence, the interview's lock, the count), 36 s at load 18; the bound is for a hung server, not speed.
    }, 120_000);

    it('refuses a recording that would take one interview past the server\'s byte budget, and keeps the others', async () => {
      const small = await startServer({ env: { INTERQ_MAX_INTERVIEW_RECORDING_BYTES: '5000', ...(await storeEnv()) } });
      try {
        const g = mintToken(readSecret(small.dataDir), { iid: IV, role: 'guest', sub: 'guest-1', ttlSec: 600 });
        const post = (rid: string, audio: Buffer) =>
          fetch(`${small.url}${recPath()}`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${g}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ recordingId: rid, questionId: 'q1', mimeType: 'audio/webm', totalBytes: audio.length, sha256: sha(audio), durationMs: 1000 }),
          });
        const first = randomBytes(3000);
        expect((await post('budget-1', first)).status).toBe(201);
        const over = await post('budget-2', randomBytes(2500));
        expect(over.status).toBe(413);
        expect(await errorOf(over)).toMatch(/already take 3000 bytes.*limit for one interview.*stays on this device/);
        // Within the budget still fits, and the first upload is untouched.
        expect((await post('budget-3', randomBytes(2000))).status).toBe(201);
        expect((await post('budget-1', first)).status).toBe(200);
      } finally {
        await small.stop();
      }
    });

    it('deletes recordings past INTERQ_RECORDING_RETENTION_DAYS, audio and all, says so (410) where the audio is asked for or sent again, and keeps newer ones', async () => {
      // 0.00004 days is about 3.5 s; sweeps then run every second or so.
      const shortStore = await storeEnv();
      const short = await startServer({ env: { INTERQ_RECORDING_RETENTION_DAYS: '0.00004', LOG_QUIET: '0', ...shortStore } });
      try {
        const g = mintToken(readSecret(short.dataDir), { iid: IV, role: 'guest', sub: 'guest-1', ttlSec: 600 });
        const host = mintToken(readSecret(short.dataDir), { iid: IV, role: 'host', sub: 'host-1', ttlSec: 600 });
        const send = (method: string, p: string, tok: string, body: Uint8Array | object, headers: Record<string, string> = {}) =>
          fetch(`${short.url}${p}`, {
            method,
            headers: { Authorization: `Bearer ${tok}`, 'Content-Type': body instanceof Uint8Array ? 'application/octet-stream' : 'application/json', ...headers },
            body: body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
          });
        const upload = async (rid: string, audio: Buffer) => {
          expect((await send('POST', recPath(), g, { recordingId: rid, questionId: 'q1', mimeType: 'audio/webm', totalBytes: audio.length, sha256: sha(audio), durationMs: 1000 })).status).toBe(201);
          expect((await send('PATCH', recPath(rid), g, audio, { 'Upload-Offset': '0' })).status).toBe(200);
        };
        const asHost = (p: string) => fetch(`${short.url}${p}`, { headers: { Authorization: `Bearer ${host}` } });
        const audioStatus = async (rid: string) => (await asHost(recPath(rid, '/audio'))).status;
        const old = randomBytes(4000);
        await upload('rec-old', old);
        expect(await audioStatus('rec-old')).toBe(200);
        const deadline = Date.now() + 30_000;
        while ((await audioStatus('rec-old')) !== 410 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
        // Expired, not missing: the staff download, the admin page's player and the guest's status all say so.
        const expired = /^The audio of recording rec-old expired on \d{4}-\d{2}-\d{2} under the server's retention period and was deleted; its transcript and scores are kept\.$/;
        for (const r of [await asHost(recPath('rec-old', '/audio')), await asHost(`/api/admin/results/${IV}/recordings/rec-old/audio`), await fetch(`${short.url}${recPath('rec-old')}`, { headers: { Authorization: `Bearer ${g}` } })]) {
          expect(r.status).toBe(410);
          expect(await errorOf(r)).toMatch(expired);
        }
        // The guest's device cannot bring the audio back past the retention period.
        const again = await send('POST', recPath(), g, { recordingId: 'rec-old', questionId: 'q1', mimeType: 'audio/webm', totalBytes: old.length, sha256: sha(old), durationMs: 1000 });
        expect(again.status).toBe(410);
        expect(await errorOf(again)).toMatch(expired);
        // A recording uploaded now is still there, right after the sweep that took the old one.
        await upload('rec-new', randomBytes(3000));
        expect(await audioStatus('rec-new')).toBe(200);
        const shortAt = { dataDir: short.dataDir, databaseUrl: shortStore.DATABASE_URL ?? null };
        expect(await storedPartCount(shortAt, 'rec-old')).toBe(0);
        expect(await storedRecordingIds(shortAt)).toEqual(['rec-new']);
        expect(short.output()).toContain('Deleted answer recordings past their retention');
      } finally {
        await short.stop();
      }
    });

    it('refuses a retention that is not a positive number of days, with one clear line', async () => {
      const err = await startServer({ env: { INTERQ_RECORDING_RETENTION_DAYS: 'forever' } }).then(
        async (srv) => {
          await srv.stop();
          return null;
        },
        (e: Error) => e,
      );
      expect(err?.message).toContain('InterQ cannot start: INTERQ_RECORDING_RETENTION_DAYS=forever is not valid');
    });

    it('keeps every stored part when the server is killed mid-upload, and completes after the restart', async () => {
      const audio = randomBytes(300_000);
      expect((await create('rec-crash', audio)).status).toBe(201);
      expect((await patch('rec-crash', 0, audio.subarray(0, 120_000))).status).toBe(200);
      const { dataDir, port } = s;
      await s.kill();
      expect(await storedRecording(at(), IV, 'rec-crash')).toEqual({ receivedBytes: 120_000, completedAt: null, partBytes: 120_000 });

      s = await startServer({ dataDir, port, env });
      const resumed = await create('rec-crash', audio);
      expect(resumed.status).toBe(200);
      expect(((await resumed.json()) as UploadState).receivedBytes).toBe(120_000);
      expect((await uploadAllFrom('rec-crash', audio, 120_000, 90_000)).complete).toBe(true);
      const dl = await api('GET', recPath('rec-crash', '/audio'), s.hostToken);
      expect(Buffer.from(await dl.arrayBuffer()).equals(audio)).toBe(true);
    });
  });
});
