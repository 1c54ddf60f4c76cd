/**
 * The recording store contract (sync-server/uploads/recording-store.ts) on SQLite and on a real PostgreSQL on
 * loopback: creating and resuming uploads, parts only at the stored offset, the SHA-256 checked before a recording
 * counts as complete (a mismatch drops the parts), the take and byte limits per interview, streaming the exact
 * bytes back, deletion by interview and by age. "Another node" is a second store on the same database: on
 * PostgreSQL with its own connection pool, as a second process on the same DATABASE_URL. On PostgreSQL every write of
 * an interview is fenced by its lease epoch (storage/postgres/lease-fence.ts): an owner that lost the lease stores,
 * completes and deletes nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { storageBackends } from '../support/storage-backends';
import type { RecordingStore } from '../../sync-server/uploads/recording-store';
import { LeaseStore } from '../../sync-server/cluster/lease-store';
import type { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { MAX_RECORDINGS_PER_INTERVIEW, type CreateUploadRequest } from '../../src/upload/protocol';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const request = (recordingId: string, audio: Buffer, extra: Partial<CreateUploadRequest> = {}): CreateUploadRequest => ({
  recordingId,
  questionId: 'q1',
  mimeType: 'audio/webm;codecs=opus',
  totalBytes: audio.length,
  sha256: sha(audio),
  durationMs: 4200,
  ...extra,
});

/** Every stored byte of a recording, read back part by part as the download route streams it. */
async function storedBytes(store: RecordingStore, iid: string, rid: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const part = await store.partFrom(iid, rid, offset);
    if (!part) break;
    expect(part.offset).toBe(offset);
    parts.push(part.data);
    offset += part.data.length;
  }
  return Buffer.concat(parts);
}

async function appendAll(store: RecordingStore, iid: string, rid: string, audio: Buffer, from: number, partBytes: number) {
  let last = null;
  for (let off = from; off < audio.length; off += partBytes) {
    last = await store.append(iid, rid, off, audio.subarray(off, off + partBytes));
    expect(last.kind).toBe('stored');
  }
  return last;
}

describe.each(storageBackends())('recording store on $name', (backend) => {
  const it2 = backend.skip ? it.skip : it;
  const itPostgres = backend.name === 'postgres' && !backend.skip ? it : it.skip;

  it2('creates an upload once, answers it again with its progress, and refuses the same id with other audio', async () => {
    const store = await (await backend.open()).recordings();
    const audio = randomBytes(1000);
    const created = await store.create('iv-a', request('r1', audio), 'guest-1', 1_000);
    expect(created).toEqual({
      kind: 'created',
      state: { recordingId: 'r1', questionId: 'q1', mimeType: 'audio/webm;codecs=opus', totalBytes: 1000, receivedBytes: 0, durationMs: 4200, complete: false },
    });
    expect((await store.append('iv-a', 'r1', 0, audio.subarray(0, 400))).kind).toBe('stored');
    const again = await store.create('iv-a', request('r1', audio), 'guest-1');
    expect(again.kind).toBe('existing');
    expect(again.kind === 'existing' && again.state.receivedBytes).toBe(400);
    const other = await store.create('iv-a', request('r1', randomBytes(1000)), 'guest-1');
    expect(other.kind).toBe('conflict');
    expect(await store.get('iv-a', 'r1')).toEqual({ state: expect.objectContaining({ receivedBytes: 400, complete: false }), sha256: sha(audio) });
    expect(await store.get('iv-a', 'nope')).toBeNull();
    expect(await store.get('iv-other', 'r1')).toBeNull();
  });

  it2('stores parts only at the stored offset and within the size, completes on the right checksum, and streams the exact bytes', async () => {
    const store = await (await backend.open()).recordings();
    const audio = randomBytes(250_000);
    await store.create('iv-b', request('r1', audio), 'guest-1', 1_000);
    expect(await store.append('iv-b', 'nope', 0, audio)).toEqual({ kind: 'missing' });
    expect((await store.append('iv-b', 'r1', 0, audio.subarray(0, 100_000))).kind).toBe('stored');
    const replay = await store.append('iv-b', 'r1', 0, audio.subarray(0, 100_000));
    expect(replay.kind).toBe('wrong-offset');
    expect(replay.kind === 'wrong-offset' && replay.state.receivedBytes).toBe(100_000);
    expect((await store.append('iv-b', 'r1', 200_000, audio.subarray(200_000))).kind).toBe('wrong-offset');
    expect((await store.append('iv-b', 'r1', 100_000, randomBytes(150_001))).kind).toBe('past-end');
    const empty = await store.append('iv-b', 'r1', 100_000, Buffer.alloc(0));
    expect(empty.kind === 'stored' && empty.state.receivedBytes).toBe(100_000);
    expect(await store.inProgress()).toEqual({ uploads: 1, bytesWaiting: 150_000 });
    expect(await store.completedIds('iv-b')).toEqual([]);

    expect((await store.append('iv-b', 'r1', 100_000, audio.subarray(100_000, 200_000))).kind).toBe('stored');
    const last = await store.append('iv-b', 'r1', 200_000, audio.subarray(200_000), 5_000);
    expect(last).toEqual({ kind: 'stored', state: expect.objectContaining({ receivedBytes: 250_000, complete: true }) });
    expect(await store.completedIds('iv-b')).toEqual(['r1']);
    expect(await store.inProgress()).toEqual({ uploads: 0, bytesWaiting: 0 });
    const bytes = await storedBytes(store, 'iv-b', 'r1');
    expect(bytes.equals(audio)).toBe(true);
    // A complete recording never changes again.
    expect((await store.append('iv-b', 'r1', 250_000, Buffer.from('x'))).kind).toBe('past-end');
    expect((await store.append('iv-b', 'r1', 0, audio.subarray(0, 10))).kind).toBe('wrong-offset');
    expect((await storedBytes(store, 'iv-b', 'r1')).equals(audio)).toBe(true);
    expect(await store.list('iv-b')).toEqual([expect.objectContaining({ recordingId: 'r1', totalBytes: 250_000, complete: true })]);
  });

  it2('on a checksum mismatch drops every part and starts again at 0; the right audio then completes', async () => {
    const store = await (await backend.open()).recordings();
    const audio = randomBytes(30_000);
    await store.create('iv-c', request('r1', audio), 'guest-1');
    const corrupted = Buffer.from(audio);
    corrupted[12_345] = corrupted[12_345]! ^ 0xff;
    expect((await store.append('iv-c', 'r1', 0, corrupted.subarray(0, 20_000))).kind).toBe('stored');
    const r = await store.append('iv-c', 'r1', 20_000, corrupted.subarray(20_000));
    expect(r).toEqual({ kind: 'corrupt', state: expect.objectContaining({ receivedBytes: 0, complete: false }), expected: sha(audio), actual: sha(corrupted) });
    expect(await store.partFrom('iv-c', 'r1', 0)).toBeNull();
    expect(await store.completedIds('iv-c')).toEqual([]);
    await appendAll(store, 'iv-c', 'r1', audio, 0, 20_000);
    expect((await storedBytes(store, 'iv-c', 'r1')).equals(audio)).toBe(true);
  });

  it2('keeps at most the allowed number of takes and bytes per interview, and resumes one it has at the limit', async () => {
    const opened = await backend.open();
    const store = await opened.recordings(5_000);
    const first = randomBytes(3_000);
    expect((await store.create('iv-d', request('b1', first), 'guest-1')).kind).toBe('created');
    expect(await store.create('iv-d', request('b2', randomBytes(2_500)), 'guest-1')).toEqual({ kind: 'over-budget', usedBytes: 3_000 });
    expect((await store.create('iv-d', request('b3', randomBytes(2_000)), 'guest-1')).kind).toBe('created');
    expect((await store.create('iv-d', request('b1', first), 'guest-1')).kind).toBe('existing');
    // Another interview has its own budget.
    expect((await store.create('iv-d2', request('b1', randomBytes(4_000)), 'guest-1')).kind).toBe('created');

    const many = await opened.recordings();
    const one = Buffer.from('a');
    for (let i = 0; i < MAX_RECORDINGS_PER_INTERVIEW; i++) expect((await many.create('iv-e', request(`r${i}`, one), 'guest-1')).kind).toBe('created');
    expect(await many.create('iv-e', request('one-more', one), 'guest-1')).toEqual({ kind: 'too-many' });
    expect((await many.create('iv-e', request('r7', one), 'guest-1')).kind).toBe('existing');
  });

  it2('holds the budget when two nodes create takes of one interview at the same moment', async () => {
    const opened = await backend.open();
    const [a, b] = [await opened.recordings(5_000), await opened.recordings(5_000)];
    for (let round = 0; round < 5; round++) {
      const iid = `iv-race-${round}`;
      const results = await Promise.all([a.create(iid, request('x', randomBytes(3_000)), 'guest-1'), b.create(iid, request('y', randomBytes(3_000)), 'guest-1')]);
      expect(results.map((r) => r.kind).sort()).toEqual(['created', 'over-budget']);
      expect((await a.totals(iid)).recordings).toBe(1);
    }
  });

  it2('gives a deleted interview no new take: a create after its deletion is recorded is refused, one before goes with the removal, and racing ones leave nothing', async () => {
    const opened = await backend.open();
    // Two nodes (on SQLite: two stores on one file).
    const [a, b] = [await opened.recordings(), await opened.recordings()];
    const audio = randomBytes(500);
    const recordDeletion = (id: string) => opened.interviews.recordDeletion({ id, deletedAt: 1, deletedBy: 'host', summary: '{}' });
    // Created before the deletion: the deletion records itself, then removes the recordings, this one included.
    expect((await a.create('iv-del', request('before', audio), 'guest-1')).kind).toBe('created');
    await recordDeletion('iv-del');
    // A create that passed a route's early check and writes now, between the record and the removal: refused.
    expect(await b.create('iv-del', request('between', audio), 'guest-1')).toEqual({ kind: 'deleted' });
    expect(await b.removeFor('iv-del')).toEqual({ recordings: 1, bytes: 0 });
    // And after the removal.
    expect(await a.create('iv-del', request('after', audio), 'guest-1')).toEqual({ kind: 'deleted' });
    expect(await a.list('iv-del')).toEqual([]);
    // Creates on two nodes at the moment of a deletion: each lands before the removal (and goes) or is refused.
    for (let round = 0; round < 5; round++) {
      const iid = `iv-del-race-${round}`;
      expect((await a.create(iid, request('first', audio), 'guest-1')).kind).toBe('created');
      const [x, , y] = await Promise.all([
        a.create(iid, request('x', audio), 'guest-1'),
        recordDeletion(iid).then(() => b.removeFor(iid)),
        b.create(iid, request('y', audio), 'guest-1'),
      ]);
      expect(['created', 'deleted']).toContain(x.kind);
      expect(['created', 'deleted']).toContain(y.kind);
      expect(await a.list(iid)).toEqual([]);
    }
  });

  it2('lets another node resume an upload: its parts are there, the checksum is rebuilt from them, and the bytes come back identical', async () => {
    const opened = await backend.open();
    const nodeA = await opened.recordings();
    const audio = randomBytes(300_000);
    await nodeA.create('iv-f', request('r1', audio), 'guest-1');
    await appendAll(nodeA, 'iv-f', 'r1', audio.subarray(0, 120_000), 0, 40_000);
    // Node B (on SQLite: the server restarted on the same file) never saw these parts arrive.
    const nodeB = await opened.recordings();
    expect((await nodeB.get('iv-f', 'r1'))?.state.receivedBytes).toBe(120_000);
    expect((await nodeB.create('iv-f', request('r1', audio), 'guest-1')).kind).toBe('existing');
    await appendAll(nodeB, 'iv-f', 'r1', audio, 120_000, 90_000);
    expect((await nodeA.get('iv-f', 'r1'))?.state.complete).toBe(true);
    const fromA = await storedBytes(nodeA, 'iv-f', 'r1');
    expect(sha(fromA)).toBe(sha(audio));
    expect(fromA.equals(await storedBytes(nodeB, 'iv-f', 'r1'))).toBe(true);
  });

  it2('answers two nodes sending the same part at once with one stored part and one wrong offset', async () => {
    const opened = await backend.open();
    const [a, b] = [await opened.recordings(), await opened.recordings()];
    const audio = randomBytes(60_000);
    await a.create('iv-g', request('r1', audio), 'guest-1');
    await a.append('iv-g', 'r1', 0, audio.subarray(0, 20_000));
    const both = await Promise.all([a.append('iv-g', 'r1', 20_000, audio.subarray(20_000, 40_000)), b.append('iv-g', 'r1', 20_000, audio.subarray(20_000, 40_000))]);
    expect(both.map((r) => r.kind).sort()).toEqual(['stored', 'wrong-offset']);
    for (const r of both) expect('state' in r && r.state.receivedBytes).toBe(40_000);
    // Whichever node gets the last part completes it with the right checksum.
    expect(await b.append('iv-g', 'r1', 40_000, audio.subarray(40_000))).toEqual({ kind: 'stored', state: expect.objectContaining({ complete: true }) });
    expect((await storedBytes(a, 'iv-g', 'r1')).equals(audio)).toBe(true);
  });

  itPostgres('never completes a recording whose stored bytes differ from its checksum, even when a node holds a running hash of other bytes', async () => {
    const opened = await backend.open();
    const [a, b] = [await opened.recordings(), await opened.recordings()];
    const audio = randomBytes(30_000);
    await a.create('iv-h', request('r1', audio), 'guest-1');
    // Node A stores the right first 20,000 bytes and keeps their running hash.
    expect((await a.append('iv-h', 'r1', 0, audio.subarray(0, 20_000))).kind).toBe('stored');
    // Node B is sent a corrupt last part: the upload resets to 0, and B then stores wrong bytes up to 20,000.
    const damagedTail = Buffer.from(audio.subarray(20_000));
    damagedTail[0] = damagedTail[0]! ^ 0xff;
    expect((await b.append('iv-h', 'r1', 20_000, damagedTail)).kind).toBe('corrupt');
    const wrongHead = randomBytes(20_000);
    expect((await b.append('iv-h', 'r1', 0, wrongHead)).kind).toBe('stored');
    // A's hash covers the right head at the same offset; used blindly it would pass and mark wrong bytes complete.
    const last = await a.append('iv-h', 'r1', 20_000, audio.subarray(20_000));
    expect(last.kind).toBe('corrupt');
    expect((await a.get('iv-h', 'r1'))?.state).toMatchObject({ receivedBytes: 0, complete: false });
    // The right audio from the start then completes on either node.
    await appendAll(a, 'iv-h', 'r1', audio, 0, 15_000);
    expect((await storedBytes(b, 'iv-h', 'r1')).equals(audio)).toBe(true);
  });

  itPostgres('refuses every write of an interview under a stale lease epoch (a part at the right offset, the completion, a new take, the deletion) and keeps the new owner\'s bytes', async () => {
    const opened = await backend.open();
    const [a, b] = [await opened.recordings(), await opened.recordings()];
    const leases = new LeaseStore((opened.storage as PostgresDocumentStorage).pool);
    const iid = 'iv-fence';
    const audio = randomBytes(60_000);
    // Node A owns the interview (epoch 1) and stores the first part under that epoch.
    expect(await leases.acquire(iid, 'node-a', '127.0.0.1:1', 1)).toEqual({ acquired: true, epoch: 1 });
    expect((await a.create(iid, request('r1', audio), 'guest-1', undefined, 1)).kind).toBe('created');
    expect((await a.append(iid, 'r1', 0, audio.subarray(0, 20_000), undefined, 1)).kind).toBe('stored');
    // A's lease (1 ms) runs out while it is paused; node B takes the interview over (epoch 2) and stores the next part.
    await new Promise((r) => setTimeout(r, 20));
    expect(await leases.acquire(iid, 'node-b', '127.0.0.1:2', 60_000)).toEqual({ acquired: true, epoch: 2 });
    expect((await b.append(iid, 'r1', 20_000, audio.subarray(20_000, 40_000), undefined, 2)).kind).toBe('stored');
    // A, still writing under epoch 1: its last part sits exactly at the stored offset (the offset check alone would
    // store it and complete the recording with wrong bytes), yet the database refuses it; so are a new take and the
    // deletion of the audio or of the documents.
    const stale = { name: 'StaleEpochError', interviewId: iid, epoch: 1, currentEpoch: 2 };
    await expect(a.append(iid, 'r1', 40_000, randomBytes(20_000), undefined, 1)).rejects.toMatchObject(stale);
    await expect(a.create(iid, request('r2', randomBytes(1_000)), 'guest-1', undefined, 1)).rejects.toMatchObject(stale);
    await expect(a.removeFor(iid, 1)).rejects.toMatchObject(stale);
    await expect(opened.storage.deleteInterviewDocs(iid, 1)).rejects.toMatchObject(stale);
    // An interview whose lease nobody holds refuses any epoch.
    await expect(a.create('iv-fence-free', request('r1', audio), 'guest-1', undefined, 1)).rejects.toMatchObject({ name: 'StaleEpochError', currentEpoch: null });
    expect(await a.list(iid)).toEqual([expect.objectContaining({ recordingId: 'r1', receivedBytes: 40_000, complete: false })]);
    // The new owner's upload goes on as if A had never written: it completes with exactly the recorded bytes.
    expect(await b.append(iid, 'r1', 40_000, audio.subarray(40_000), undefined, 2)).toEqual({ kind: 'stored', state: expect.objectContaining({ complete: true }) });
    expect((await storedBytes(a, iid, 'r1')).equals(audio)).toBe(true);
    expect(await b.removeFor(iid, 2)).toEqual({ recordings: 1, bytes: 60_000 });
  });

  it2('deletes one interview\'s recordings with their audio, and recordings older than a cutoff, saying how much went', async () => {
    const store = await (await backend.open()).recordings();
    const [x, y, z] = [randomBytes(5_000), randomBytes(7_000), randomBytes(3_000)];
    await store.create('iv-del', request('x', x), 'guest-1', 1_000);
    await store.append('iv-del', 'x', 0, x);
    await store.create('iv-del', request('y', y), 'guest-1', 1_000);
    await store.append('iv-del', 'y', 0, y.subarray(0, 2_000));
    await store.create('iv-keep', request('old', z), 'guest-1', 1_000);
    await store.append('iv-keep', 'old', 0, z);
    await store.create('iv-keep', request('new', z), 'guest-1', 9_000);
    await store.append('iv-keep', 'new', 0, z);
    expect(await store.totals('iv-del')).toEqual({ recordings: 2, bytes: 7_000 });
    expect(await store.removeFor('iv-del')).toEqual({ recordings: 2, bytes: 7_000 });
    expect(await store.totals('iv-del')).toEqual({ recordings: 0, bytes: 0 });
    expect(await store.partFrom('iv-del', 'x', 0)).toBeNull();
    expect(await store.list('iv-del')).toEqual([]);
    expect(await store.deleteCreatedBefore(5_000)).toEqual({ recordings: 1, bytes: 3_000 });
    expect(await store.partFrom('iv-keep', 'old', 0)).toBeNull();
    expect((await store.list('iv-keep')).map((r) => r.recordingId)).toEqual(['new']);
    expect((await storedBytes(store, 'iv-keep', 'new')).equals(z)).toBe(true);
    // The same id made again after its deletion starts from nothing.
    expect((await store.create('iv-del', request('x', x), 'guest-1')).kind).toBe('created');
    await appendAll(store, 'iv-del', 'x', x, 0, 2_000);
    expect((await storedBytes(store, 'iv-del', 'x')).equals(x)).toBe(true);
  });
});
