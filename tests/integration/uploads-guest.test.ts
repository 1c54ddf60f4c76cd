/**
 * The guest's uploader and upload queue against the real server process: takes
 * stored in IndexedDB (fake-indexeddb, as in the storage tests) reach the
 * server whole, resume at the server's offset after an interruption, start over
 * once after a corrupted upload, survive the network and the server going away,
 * and staff download exactly what the guest recorded. On the server's SQLite file and, with DATABASE_URL, on
 * PostgreSQL (recordings and their parts there).
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it as itBase, vi } from 'vitest';
import { readSecret, serverStarts, startServer, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { mintToken } from '../../sync-server/auth/tokens';
import { InterqDatabase } from '../../src/storage/db';
import { appendChunk, assembleRecording, createRecording, finalizeRecording } from '../../src/storage/recordings';
import { uploadRecording, type UploadProgress } from '../../src/upload/upload-recording';
import { createUploadQueue } from '../../src/upload/upload-queue';
import { listUploadStatuses, readUploadStatus } from '../../src/upload/upload-status';
import type { UploadRecord, UploadState } from '../../src/upload/protocol';
import { fetchRecordingAudio, listRecordings } from '../../src/api/recordings-client';
import { ApiError } from '../../src/api/http-client';
import { startSharedLink } from '../support/shared-link';
import { FIRST_PACED_PART_BYTES } from '../../src/upload/upload-pacing';

const IV = 'guest-upload-1';
const PART = 64 * 1024;
let s: ServerProcess;
let guest: string;
let secret: Buffer;
const realFetch = globalThis.fetch;

/** The app calls the API by path on its own origin; in Node the origin is the test server's current address. */
const net: typeof fetch = (input, init) => realFetch(`${s.url}${String(input)}`, init);

/** The server's environment: DATABASE_URL on PostgreSQL (kept across the restarts below). */
let env: Record<string, string> = {};

let dbCount = 0;
const open: InterqDatabase[] = [];
function freshDb(): InterqDatabase {
  dbCount += 1;
  const db = new InterqDatabase(`uploads-guest-${dbCount}-${Date.now()}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const db of open.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A finished take whose audio is `audio`, stored as the recorder stores it: chunk by chunk. */
async function finishedTake(db: InterqDatabase, audio: Buffer, questionId = 'q1', chunkBytes = 50_000): Promise<string> {
  const rec = await createRecording({ interviewId: IV, questionId, mimeType: 'audio/webm;codecs=opus', startedAt: Date.now() }, db);
  for (let i = 0, off = 0; off < audio.length; i++, off += chunkBytes) {
    await appendChunk({ recordingId: rec.id, seq: i, endMs: (i + 1) * 1000, data: new Blob([new Uint8Array(audio.subarray(off, off + chunkBytes))]) }, db);
  }
  await finalizeRecording(rec.id, {}, db);
  return rec.id;
}

async function serverAudio(recordingId: string): Promise<Buffer> {
  const res = await realFetch(`${s.url}/api/interviews/${IV}/recordings/${recordingId}/audio`, { headers: { Authorization: `Bearer ${s.hostToken}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function serverState(recordingId: string): Promise<UploadState> {
  const res = await realFetch(`${s.url}/api/interviews/${IV}/recordings/${recordingId}`, { headers: { Authorization: `Bearer ${guest}` } });
  return (await res.json()) as UploadState;
}

/** Records every PATCH the uploader sends, then passes it on. */
function recordingFetch(log: { offset: number; bytes: number }[], inner: typeof fetch = net): typeof fetch {
  return (input, init) => {
    if (init?.method === 'PATCH') {
      const headers = init.headers as Record<string, string>;
      log.push({ offset: Number(headers['Upload-Offset']), bytes: (init.body as Uint8Array).length });
    }
    return inner(input, init);
  };
}

/** A connection that damages PATCH bodies: flips one byte of the first `times` parts it carries. */
function corruptingFetch(times: number): { fetch: typeof fetch; corrupted: () => number } {
  let done = 0;
  return {
    corrupted: () => done,
    fetch: (input, init) => {
      if (init?.method === 'PATCH' && done < times) {
        done += 1;
        const body = new Uint8Array(init.body as Uint8Array);
        const at = Math.floor(body.length / 2);
        body[at] = body[at]! ^ 0x5a;
        return net(input, { ...init, body });
      }
      return net(input, init);
    },
  };
}

describe.each(storageBackends())('answer uploads from the guest\'s device on $name', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  // This suite's server starts: afterAll gives up one still under way (a beforeAll or test that timed out), killing it.
  const starts = serverStarts();
  beforeAll(async () => {
    if (backend.skip) return;
    env = backend.name === 'postgres' ? { DATABASE_URL: (await backend.open()).url! } : {};
    s = await startServer({ env, signal: starts.signal });
    secret = readSecret(s.dataDir);
    guest = mintToken(secret, { iid: IV, role: 'guest', sub: 'Grace', ttlSec: 3600 });
  });
  afterAll(async () => {
    starts.abandon();
    await s?.stop();
  });

  describe('uploadRecording', () => {
    it('uploads a finished take in parts, reports progress, remembers the status and staff download the same bytes', async () => {
      const db = freshDb();
      const audio = randomBytes(300_000);
      const id = await finishedTake(db, audio);
      const progress: UploadProgress[] = [];
      const log: { offset: number; bytes: number }[] = [];
      const result = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log), partBytes: PART, onProgress: (p) => progress.push(p) });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.upload).toMatchObject({ recordingId: id, questionId: 'q1', bytes: 300_000, sha256: sha(audio), mimeType: 'audio/webm;codecs=opus', durationMs: 6000 });
      expect(log.map((l) => l.offset)).toEqual([0, 65536, 131072, 196608, 262144]);
      expect(progress.at(-1)).toEqual({ sentBytes: 300_000, totalBytes: 300_000 });
      expect(progress.map((p) => p.sentBytes)).toEqual([...progress.map((p) => p.sentBytes)].sort((a, b) => a - b));
      expect(await readUploadStatus(id, db)).toMatchObject({ state: 'uploaded', sentBytes: 300_000, totalBytes: 300_000, interviewId: IV, questionId: 'q1', detail: null });
      expect((await serverAudio(id)).equals(audio)).toBe(true);

      // Uploading again finds it complete on the server and sends nothing.
      const again: { offset: number; bytes: number }[] = [];
      expect((await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(again) })).ok).toBe(true);
      expect(again).toEqual([]);
    });

    it('resumes an interrupted upload from the server offset with a new uploader', async () => {
      const db = freshDb();
      const audio = randomBytes(400_000);
      const id = await finishedTake(db, audio);
      const stop = new AbortController();
      // The third part (on its way while the second is answered: two in flight) never gets past the device before the
      // page closes, so the server holds exactly two.
      const holdingThird: typeof fetch = (input, init) =>
        (init?.headers as Record<string, string> | undefined)?.['Upload-Offset'] === String(2 * PART)
          ? new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)))
          : net(input, init);
      await expect(
        uploadRecording({
          interviewId: IV, recordingId: id, token: guest, db, fetch: holdingThird, partBytes: PART, signal: stop.signal,
          onProgress: (p) => { if (p.sentBytes >= 2 * PART) stop.abort(new DOMException('page closed', 'AbortError')); },
        }),
      ).rejects.toThrow('page closed');
      expect(await readUploadStatus(id, db)).toMatchObject({ state: 'waiting', sentBytes: 2 * PART });
      const held = (await serverState(id)).receivedBytes;
      expect(held).toBe(2 * PART);

      const log: { offset: number; bytes: number }[] = [];
      const result = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log), partBytes: PART });
      expect(result.ok).toBe(true);
      expect(log[0]!.offset).toBe(held);
      // Nothing the server held is sent again. A part may go twice (two are in flight on two connections: on a loaded
      // machine the second can reach the server first, be refused for its offset and go again once the first is in),
      // so the parts are counted once per offset.
      expect(Math.min(...log.map((l) => l.offset))).toBe(held);
      const once = new Map(log.map((l) => [l.offset, l.bytes]));
      expect([...once.values()].reduce((n, b) => n + b, 0)).toBe(400_000 - held);
      expect((await serverAudio(id)).equals(audio)).toBe(true);
    });

    it('goes on from the server offset when a part it thought lost did arrive (409)', async () => {
      const db = freshDb();
      const audio = randomBytes(200_000);
      const id = await finishedTake(db, audio);
      // The first PATCH reaches the server but its answer is lost on the way back.
      let dropped = false;
      const lossy: typeof fetch = async (input, init) => {
        const res = await net(input, init);
        if (init?.method === 'PATCH' && !dropped) {
          dropped = true;
          await res.body?.cancel();
          throw new TypeError('fetch failed');
        }
        return res;
      };
      const log: { offset: number; bytes: number }[] = [];
      const result = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log, lossy), partBytes: PART, retry: { baseMs: 1, maxMs: 5 } });
      expect(result.ok).toBe(true);
      // Sent 0 twice (the retry met 409), then continued from 65536.
      expect(log.map((l) => l.offset)).toEqual([0, 0, 65536, 131072, 196608]);
      expect((await serverAudio(id)).equals(audio)).toBe(true);
    });

    it('starts over once when the server finds the upload corrupt (422), and fails clearly the second time, keeping the audio', async () => {
      const db = freshDb();
      const audio = randomBytes(150_000);
      const id = await finishedTake(db, audio);
      const once = corruptingFetch(1);
      const log: { offset: number; bytes: number }[] = [];
      const ok = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log, once.fetch), partBytes: PART });
      expect(once.corrupted()).toBe(1);
      expect(ok.ok).toBe(true);
      expect(log.map((l) => l.offset)).toEqual([0, 65536, 131072, 0, 65536, 131072]);
      expect((await serverAudio(id)).equals(audio)).toBe(true);

      const db2 = freshDb();
      const audio2 = randomBytes(100_000);
      const id2 = await finishedTake(db2, audio2);
      const always = corruptingFetch(1000);
      const bad = await uploadRecording({ interviewId: IV, recordingId: id2, token: guest, db: db2, fetch: always.fetch, partBytes: PART });
      expect(bad.ok).toBe(false);
      expect(bad.status.state).toBe('failed');
      expect(bad.status.detail).toContain('damaged twice');
      expect(await readUploadStatus(id2, db2)).toMatchObject({ state: 'failed' });
      expect(Buffer.from(await (await assembleRecording(id2, db2)).arrayBuffer()).equals(audio2)).toBe(true);
      expect(await serverState(id2)).toMatchObject({ receivedBytes: 0, complete: false });
    });

    it('fails clearly with the server\'s reason for a token of another interview, and for a take still being recorded', async () => {
      const db = freshDb();
      const id = await finishedTake(db, randomBytes(1000));
      const other = mintToken(secret, { iid: 'another-interview', role: 'guest', sub: 'x', ttlSec: 60 });
      const r = await uploadRecording({ interviewId: IV, recordingId: id, token: other, db, fetch: net });
      expect(r).toMatchObject({ ok: false, retryable: false, status: { state: 'failed', detail: 'This link is for another interview.' } });
      const open = await createRecording({ interviewId: IV, questionId: 'q9', mimeType: 'audio/webm', startedAt: Date.now() }, db);
      const r2 = await uploadRecording({ interviewId: IV, recordingId: open.id, token: guest, db, fetch: net });
      expect(r2).toMatchObject({ ok: false, retryable: false });
      expect(r2.status.detail).toContain('still being recorded');
    });

    it('reports failed when the server is down, keeps the audio, and finishes after the server is back', async () => {
      const db = freshDb();
      const audio = randomBytes(200_000);
      const id = await finishedTake(db, audio);
      const stop = new AbortController();
      await expect(
        uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: net, partBytes: PART, signal: stop.signal, onProgress: (p) => { if (p.sentBytes >= PART) stop.abort(new Error('paused')); } }),
      ).rejects.toThrow('paused');
      const { dataDir, port } = s;
      await s.stop();
      try {
        const down = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: net, partBytes: PART, retry: { attempts: 3, baseMs: 1, maxMs: 5 } });
        expect(down).toMatchObject({ ok: false, retryable: true, status: { state: 'failed' } });
        expect(down.status.detail).toContain('cannot be reached');
        expect(Buffer.from(await (await assembleRecording(id, db)).arrayBuffer()).equals(audio)).toBe(true);
      } finally {
        s = await startServer({ dataDir, port, env, signal: starts.signal });
      }
      const log: { offset: number; bytes: number }[] = [];
      const back = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log), partBytes: PART });
      expect(back.ok).toBe(true);
      expect(log[0]!.offset).toBe(PART);
      expect((await serverAudio(id)).equals(audio)).toBe(true);
    });

    it('rides out a server killed and restarted in the middle of an upload, with nothing stored lost', async () => {
      const db = freshDb();
      const audio = randomBytes(500_000);
      const id = await finishedTake(db, audio);
      const { dataDir, port } = s;
      let killed: Promise<void> | null = null;
      let restart: Promise<void> | null = null;
      let refused = 0;
      let firstThreeStored!: () => void;
      const threeStored = new Promise<void>((resolve) => (firstThreeStored = resolve));
      // The server dies just as the fourth part leaves, once the first three are stored: with two parts in flight the
      // fourth may leave before the third is answered, so it is held until then (else it could be stored before the
      // kill, or the third lost with it). Requests after the kill wait for it, so the uploader really meets a dead
      // server rather than outrunning the kill.
      const throughCrash: typeof fetch = async (input, init) => {
        const offset = init?.method === 'PATCH' ? Number((init.headers as Record<string, string>)['Upload-Offset']) : NaN;
        if (offset === 3 * PART && !killed) {
          await threeStored;
          killed = s.kill();
          restart = killed.then(async () => {
            s = await startServer({ dataDir, port, env, signal: starts.signal });
          });
        }
        if (killed) await killed;
        try {
          return await net(input, init);
        } catch (error) {
          refused += 1;
          throw error;
        }
      };
      const log: { offset: number; bytes: number }[] = [];
      const result = await uploadRecording({
        interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log, throughCrash), partBytes: PART,
        // Generous: the uploader keeps trying while the server starts again (a few seconds on a busy machine).
        retry: { attempts: 400, baseMs: 50, maxMs: 250 },
        onProgress: (p) => {
          if (p.sentBytes >= 3 * PART) firstThreeStored();
        },
      });
      await restart;
      expect(result.ok).toBe(true);
      expect(refused).toBeGreaterThan(0);
      // The three parts stored before the crash were never sent again: the restarted server still had them; the fourth,
      // refused by the dead server, was sent again.
      expect(log.filter((l) => l.offset < 3 * PART).map((l) => l.offset)).toEqual([0, PART, 2 * PART]);
      expect(log.filter((l) => l.offset === 3 * PART).length).toBeGreaterThan(1);
      expect((await serverAudio(id)).equals(audio)).toBe(true);
    });
  });

  describe('paced parts', () => {
    it('sizes parts to about a second of a thin uplink, one at a time, and to the largest part on loopback', async () => {
      // 64 KB/s up, 300 ms round trip, shared by the API calls like a guest's link.
      const link = await startSharedLink(s.url, { name: 'thin', rttMs: 300, downBytesPerSec: 64_000, upBytesPerSec: 64_000 });
      try {
        const overLink: typeof fetch = (input, init) => realFetch(`${link.url}${String(input)}`, init);
        const db = freshDb();
        const audio = randomBytes(400_000);
        const id = await finishedTake(db, audio);
        const log: { offset: number; bytes: number }[] = [];
        const result = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log, overLink) });
        expect(result.ok).toBe(true);
        expect((await serverAudio(id)).equals(audio)).toBe(true);
        expect(log[0]).toEqual({ offset: 0, bytes: FIRST_PACED_PART_BYTES });
        // Every later part is a second or so of 64 KB/s: never the 256 KiB a fixed-size uploader sends, never under 16 KiB.
        const later = log.slice(1, -1).map((l) => l.bytes);
        expect(later.length).toBeGreaterThan(2);
        for (const bytes of later) {
          expect(bytes).toBeGreaterThanOrEqual(16 * 1024);
          expect(bytes).toBeLessThan(192 * 1024);
        }
      } finally {
        await link.close();
      }

      const db = freshDb();
      const audio = randomBytes(1_200_000);
      const id = await finishedTake(db, audio);
      const log: { offset: number; bytes: number }[] = [];
      expect((await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log) })).ok).toBe(true);
      expect((await serverAudio(id)).equals(audio)).toBe(true);
      expect(log[0]!.bytes).toBe(FIRST_PACED_PART_BYTES);
      // Loopback answers a 32 KiB part in milliseconds: the next parts are the largest the pacing allows.
      expect(log.slice(1, -1).map((l) => l.bytes)).toContain(256 * 1024);
    });

    it('sizes parts by the link when the create met a busy server', async () => {
      // The same thin link; the create's answer comes 3 s late, as from a server (or a test machine) under load. The
      // pacer once took the create's time for the round trip of every part, so each part looked nearly free and
      // the second part was 256 KiB, four seconds of this uplink (what "paced parts" met at load 17 and above).
      const link = await startSharedLink(s.url, { name: 'thin', rttMs: 300, downBytesPerSec: 64_000, upBytesPerSec: 64_000 });
      try {
        const overLink: typeof fetch = (input, init) => realFetch(`${link.url}${String(input)}`, init);
        const busyCreate: typeof fetch = async (input, init) => {
          const res = await overLink(input, init);
          if (init?.method === 'POST') await new Promise((r) => setTimeout(r, 3000));
          return res;
        };
        const db = freshDb();
        const audio = randomBytes(300_000);
        const id = await finishedTake(db, audio);
        const log: { offset: number; bytes: number }[] = [];
        expect((await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log, busyCreate) })).ok).toBe(true);
        expect((await serverAudio(id)).equals(audio)).toBe(true);
        expect(log[0]).toEqual({ offset: 0, bytes: FIRST_PACED_PART_BYTES });
        const later = log.slice(1, -1).map((l) => l.bytes);
        expect(later.length).toBeGreaterThan(2);
        // At most two seconds of this uplink each (a second or so once two parts are measured), never under 16 KiB.
        for (const bytes of later) {
          expect(bytes).toBeGreaterThanOrEqual(16 * 1024);
          expect(bytes).toBeLessThanOrEqual(128 * 1024);
        }
      } finally {
        await link.close();
      }
    });
  });

  describe('two parts in flight', () => {
    /** A high-latency link: a 600 ms round trip at 100 KB/s up, so a paced part (about a second of it) is 100 KB. */
    const HIGH_LATENCY = { name: 'high latency', rttMs: 600, downBytesPerSec: 100_000, upBytesPerSec: 100_000 };

    /** Counts the PATCHes on their way at once (from the call to the answer's headers) and logs each as it starts. */
    function countingFetch(inner: typeof fetch) {
      const log: { offset: number; bytes: number; alongside: number }[] = [];
      let now = 0;
      let most = 0;
      const wrapped: typeof fetch = async (input, init) => {
        if (init?.method !== 'PATCH') return inner(input, init);
        const headers = init.headers as Record<string, string>;
        log.push({ offset: Number(headers['Upload-Offset']), bytes: (init.body as Uint8Array).length, alongside: now });
        now += 1;
        most = Math.max(most, now);
        try {
          return await inner(input, init);
        } finally {
          now -= 1;
        }
      };
      return { fetch: wrapped, log, most: () => most, now: () => now };
    }

    it('sends the next part while the answer to the one before it crosses the round trip, never more than two, each part once and in order', async () => {
      const link = await startSharedLink(s.url, HIGH_LATENCY);
      try {
        const counting = countingFetch((input, init) => realFetch(`${link.url}${String(input)}`, init));
        const db = freshDb();
        const audio = randomBytes(500_000);
        const id = await finishedTake(db, audio);
        const progress: number[] = [];
        const result = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: counting.fetch, onProgress: (p) => progress.push(p.sentBytes) });
        expect(result.ok).toBe(true);
        expect((await serverAudio(id)).equals(audio)).toBe(true);
        // One part at a time before (most was 1).
        expect(counting.most()).toBe(2);
        expect(counting.log.filter((l) => l.alongside === 1).length).toBeGreaterThan(0);
        // Back to back: every part starts where the one before it ends, none sent twice.
        let at = 0;
        for (const l of counting.log) {
          expect(l.offset).toBe(at);
          at += l.bytes;
        }
        expect(at).toBe(audio.length);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
        // No part opened a connection: the first part sent beside another used to open the second one, and its
        // handshake (a round trip) counted as that part's time on the uplink, so the next parts came out smaller.
        expect(link.openedBy().filter((c) => c.request.startsWith('PATCH '))).toEqual([]);
        expect(link.openedBy()).toHaveLength(2);
      } finally {
        await link.close();
      }
    });

    it('resumes from the server\'s offset when the first of two parts in flight is cut off halfway, and nothing is lost', async () => {
      const link = await startSharedLink(s.url, HIGH_LATENCY);
      let cutOffset = -1;
      let alongsideAtCut = 0;
      let cut: (() => void) | null = null;
      try {
        const overLink: typeof fetch = (input, init) => realFetch(`${link.url}${String(input)}`, init);
        const counting = countingFetch(async (input, init) => {
          if (init?.method !== 'PATCH') return overLink(input, init);
          if (counting.log.length === 3) {
            // The third part's connection sends half its body, then drops (a radio gone) once the part behind it has
            // reached the server: the server must not store it, and the part waiting behind it gets the stored offset.
            const headers = init.headers as Record<string, string>;
            const body = init.body as Uint8Array;
            cutOffset = Number(headers['Upload-Offset']);
            return new Promise<Response>((_, reject) => {
              const req = http.request(`${link.url}${String(input)}`, { method: 'PATCH', headers: { ...headers, 'Content-Length': String(body.length) } });
              req.on('error', () => undefined);
              req.write(body.subarray(0, body.length >> 1));
              const drop = () => {
                alongsideAtCut = counting.now();
                req.destroy();
                reject(new TypeError('fetch failed'));
              };
              cut = drop;
              // One part at a time (the code before) never starts the fourth: give up on it after a while.
              setTimeout(() => cut === drop && drop(), 10_000);
            });
          }
          if (counting.log.length === 4 && cut) {
            const drop = cut;
            setTimeout(() => {
              if (cut === drop) drop();
              cut = null;
            }, 1500);
          }
          return overLink(input, init);
        });
        const db = freshDb();
        const audio = randomBytes(600_000);
        const id = await finishedTake(db, audio);
        const result = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: counting.fetch, retry: { baseMs: 50, maxMs: 100 } });
        expect(result.ok).toBe(true);
        expect(cutOffset).toBeGreaterThan(0);
        // The part behind it was on its way when it was cut (one part at a time before).
        expect(alongsideAtCut).toBe(2);
        const sent = counting.log.map((l) => l.offset);
        const behind = counting.log[3]!.offset;
        // The cut part and the one that waited behind it were sent again; every other part once.
        expect(sent.filter((o) => o === cutOffset)).toHaveLength(2);
        expect(sent.filter((o) => o === behind)).toHaveLength(2);
        expect(new Set(sent).size).toBe(sent.length - 2);
        expect((await serverAudio(id)).equals(audio)).toBe(true);
      } finally {
        await link.close();
      }
    });

    it('goes on from the furthest offset the server named when its answers arrive out of order, sending again no part it was told was stored', async () => {
      // Two parts in flight travel on two connections, so an answer the server gave first can arrive last (a loss and
      // a retransmission on one connection, a busy device). Here the fourth part reaches the server before the third:
      // 409 at the third's offset. The third is then stored (200 at the fourth's offset), the fifth leaves behind it
      // and meets 409 at the fourth's offset, and only then does the fourth's 409 arrive. The uploader went on from
      // the answer that arrived last, the third's offset, and sent the third part again.
      const db = freshDb();
      const audio = randomBytes(6 * PART + 1000);
      const id = await finishedTake(db, audio);
      const signal = () => {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        return { promise, resolve };
      };
      const fourthAtServer = signal();
      const thirdBack = signal();
      const fifthBack = signal();
      const firstTries = new Set<number>();
      const crossing: typeof fetch = async (input, init) => {
        const offset = init?.method === 'PATCH' ? Number((init.headers as Record<string, string>)['Upload-Offset']) : NaN;
        const first = init?.method === 'PATCH' && !firstTries.has(offset);
        if (first) firstTries.add(offset);
        if (first && offset === 2 * PART) {
          // The third part is held on the device until the fourth has been answered.
          await fourthAtServer.promise;
          const res = await net(input, init);
          thirdBack.resolve();
          return res;
        }
        if (first && offset === 3 * PART) {
          const res = await net(input, init);
          fourthAtServer.resolve();
          // Its answer arrives after the third's and the fifth's.
          await Promise.all([thirdBack.promise, fifthBack.promise]);
          await new Promise((r) => setTimeout(r, 20));
          return res;
        }
        if (first && offset === 4 * PART) {
          const res = await net(input, init);
          fifthBack.resolve();
          return res;
        }
        return net(input, init);
      };
      const log: { offset: number; bytes: number }[] = [];
      const result = await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: recordingFetch(log, crossing), partBytes: PART });
      expect(result.ok).toBe(true);
      expect((await serverAudio(id)).equals(audio)).toBe(true);
      // Up to the fifth, each part once, in order; then the upload went on from the fourth (refused, so sent again once),
      // never from the third: it was stored and the device had been told so (sent twice before).
      const sent = log.map((l) => l.offset / PART);
      expect(sent.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 3]);
      expect(sent.filter((p) => p <= 3)).toEqual([0, 1, 2, 3, 3]);
    });

    it('rides out a server killed while two parts are in flight, with nothing stored lost', async () => {
      const link = await startSharedLink(s.url, HIGH_LATENCY);
      const { dataDir, port } = s;
      let killed: Promise<void> | null = null;
      let restart: Promise<void> | null = null;
      /** What the uploader knew was stored when the server was killed. */
      let storedAtKill = -1;
      let stored = 0;
      try {
        const counting = countingFetch(async (input, init) => {
          // From the fourth part on, the first that starts while the one before it is on its way: kill the server now
          // (this part meets it dead, the one before is cut off or answered).
          if (!killed && init?.method === 'PATCH' && counting.log.length >= 4 && counting.now() === 2) {
            storedAtKill = stored;
            killed = s.kill();
            restart = killed.then(async () => {
              s = await startServer({ dataDir, port, env, signal: starts.signal });
            });
          }
          if (killed) await killed;
          return realFetch(`${link.url}${String(input)}`, init);
        });
        const db = freshDb();
        const audio = randomBytes(700_000);
        const id = await finishedTake(db, audio);
        const result = await uploadRecording({
          interviewId: IV, recordingId: id, token: guest, db, fetch: counting.fetch,
          retry: { attempts: 400, baseMs: 50, maxMs: 250 },
          onProgress: (p) => void (stored = p.sentBytes),
        });
        await restart;
        expect(result.ok).toBe(true);
        // Killed with two parts in flight (never two before).
        expect(storedAtKill).toBeGreaterThan(0);
        // What was stored before the crash was never sent again.
        expect(counting.log.filter((l) => l.offset < storedAtKill).reduce((n, l) => n + l.bytes, 0)).toBe(storedAtKill);
        expect((await serverAudio(id)).equals(audio)).toBe(true);
      } finally {
        await restart;
        await link.close();
      }
    });
  });

  describe('upload queue', () => {
    it('uploads every finished answer once, skips takes still recording or replaced, and publishes each upload', async () => {
      const db = freshDb();
      const a1 = randomBytes(70_000);
      const a2 = randomBytes(90_000);
      const replaced = await finishedTake(db, randomBytes(5000), 'q-a');
      const first = await finishedTake(db, a1, 'q-a');
      const second = await finishedTake(db, a2, 'q-b');
      await createRecording({ interviewId: IV, questionId: 'q-c', mimeType: 'audio/webm', startedAt: Date.now() }, db);
      const published: UploadRecord[] = [];
      const queue = createUploadQueue({
        interviewId: IV, token: () => guest, db, fetch: net, partBytes: PART, events: new EventTarget(), isOnline: () => true,
        transcribeOn: (take) => (take.questionId === 'q-a' ? 'staff-device' : 'guest-device'),
        onUploaded: (r) => void published.push(r),
      });
      const run = await queue.runOnce();
      expect(run.uploaded).toEqual([first, second]);
      expect(run.failed).toEqual([]);
      expect(published).toEqual([
        expect.objectContaining({ recordingId: first, questionId: 'q-a', bytes: 70_000, sha256: sha(a1), durationSec: 2, transcribeOn: 'staff-device', mimeType: 'audio/webm;codecs=opus' }),
        expect.objectContaining({ recordingId: second, questionId: 'q-b', bytes: 90_000, sha256: sha(a2), durationSec: 2, transcribeOn: 'guest-device' }),
      ]);
      expect((await listUploadStatuses(IV, db)).map((st) => [st.recordingId, st.state])).toEqual([[first, 'uploaded'], [second, 'uploaded']]);
      expect(await readUploadStatus(replaced, db)).toBeNull();
      expect((await queue.runOnce()).uploaded).toEqual([]);
      expect(published).toHaveLength(2);
      queue.stop();
    });

    it('waits while offline, uploads on the online event, and retries after the server was unreachable', async () => {
      const db = freshDb();
      const audio = randomBytes(80_000);
      const id = await finishedTake(db, audio, 'q-off');
      const events = new EventTarget();
      let online = false;
      const published: string[] = [];
      let reachable = false;
      const gated: typeof fetch = (input, init) => (reachable ? net(input, init) : Promise.reject(new TypeError('fetch failed')));
      const queue = createUploadQueue({
        interviewId: IV, token: guest, db, fetch: gated, partBytes: PART, events, isOnline: () => online,
        retry: { attempts: 2, baseMs: 1, maxMs: 2 }, retryAfterMs: 60_000,
        transcribeOn: () => 'staff-device', onUploaded: (r) => void published.push(r.recordingId),
      });
      queue.start();
      await queue.idle();
      expect(published).toEqual([]);
      expect(await readUploadStatus(id, db)).toBeNull();

      online = true; // the browser says online, but the server cannot be reached yet
      events.dispatchEvent(new Event('online'));
      await queue.idle();
      expect(await readUploadStatus(id, db)).toMatchObject({ state: 'failed' });
      expect((await readUploadStatus(id, db))!.detail).toContain('cannot be reached');

      reachable = true;
      events.dispatchEvent(new Event('online'));
      await queue.idle();
      expect(published).toEqual([id]);
      expect(await readUploadStatus(id, db)).toMatchObject({ state: 'uploaded' });
      expect((await serverAudio(id)).equals(audio)).toBe(true);
      queue.stop();
    });

    it('calls onUploaded again after it failed, so a completed upload is never left unpublished', async () => {
      const db = freshDb();
      const id = await finishedTake(db, randomBytes(10_000), 'q-pub');
      let calls = 0;
      const queue = createUploadQueue({
        interviewId: IV, token: guest, db, fetch: net, events: new EventTarget(), isOnline: () => true, retryAfterMs: 60_000,
        transcribeOn: () => 'guest-device',
        onUploaded: () => {
          calls += 1;
          if (calls === 1) throw new Error('stage document not ready');
        },
      });
      const first = await queue.runOnce();
      expect(first.failed).toEqual([{ recordingId: id, retryable: true, detail: expect.stringContaining('stage document not ready') }]);
      expect((await serverState(id)).complete).toBe(true);
      const second = await queue.runOnce();
      expect(second.uploaded).toEqual([id]);
      expect(calls).toBe(2);
      queue.stop();
    });
  });

  describe('staff recordings client', () => {
    it('lists uploads and downloads the audio with its type; refuses guests and unfinished uploads with the server reason', async () => {
      vi.stubGlobal('fetch', net);
      const db = freshDb();
      const audio = randomBytes(120_000);
      const id = await finishedTake(db, audio, 'q-staff');
      expect((await uploadRecording({ interviewId: IV, recordingId: id, token: guest, db, fetch: net })).ok).toBe(true);
      const interviewer = mintToken(secret, { iid: IV, role: 'interviewer', sub: 'Ivy', ttlSec: 600 });

      const list = await listRecordings(IV, interviewer);
      expect(list.find((r) => r.recordingId === id)).toEqual({ recordingId: id, questionId: 'q-staff', mimeType: 'audio/webm;codecs=opus', totalBytes: 120_000, receivedBytes: 120_000, durationMs: 3000, complete: true });
      const blob = await fetchRecordingAudio(IV, id, interviewer, { expectedSha256: sha(audio) });
      expect(blob.type).toBe('audio/webm;codecs=opus');
      expect(Buffer.from(await blob.arrayBuffer()).equals(audio)).toBe(true);

      await expect(fetchRecordingAudio(IV, id, interviewer, { expectedSha256: '0'.repeat(64) })).rejects.toThrow('does not match its checksum');
      const asGuest = fetchRecordingAudio(IV, id, guest);
      await expect(asGuest).rejects.toBeInstanceOf(ApiError);
      await expect(asGuest).rejects.toMatchObject({ status: 403 });
      await expect(listRecordings(IV, guest)).rejects.toMatchObject({ status: 403 });

      const db2 = freshDb();
      const id2 = await finishedTake(db2, randomBytes(200_000), 'q-half');
      const stop = new AbortController();
      await expect(uploadRecording({ interviewId: IV, recordingId: id2, token: guest, db: db2, fetch: net, partBytes: PART, signal: stop.signal, onProgress: (p) => { if (p.sentBytes > 0) stop.abort(new Error('paused')); } })).rejects.toThrow('paused');
      await expect(fetchRecordingAudio(IV, id2, interviewer)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('still uploading') });
    });
  });
});
