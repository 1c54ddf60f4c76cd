import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { fillDiskAfter, quotaError } from '../support/full-disk';
import { afterEach, describe, expect, it } from 'vitest';
import { InterqDatabase } from '../../src/storage/db';
import {
  appendChunk,
  applyStorageResumeActions,
  assembleRecording,
  createRecording,
  currentAnswerRecording,
  discardRecording,
  finalizeRecording,
  findInterruptedRecordings,
  getRecording,
  isQuotaExceeded,
  recordingDurationMs,
  RecordingStorageError,
  storedRecordingSummaries,
} from '../../src/storage/recordings';
import {
  createChunkRecorder,
  pickRecordingMimeType,
  stageEventForOutcome,
  RecorderError,
  type ChunkProgress,
  type MediaRecorderConstructor,
} from '../../src/media/recorder';
import { createStageState, resumeAfterReload, transition, type StageEvent, type StageState } from '../../src/domain/stage';

const IV = 'acme-1';
let dbCount = 0;
const open: InterqDatabase[] = [];

function freshDb(): InterqDatabase {
  dbCount += 1;
  const db = new InterqDatabase(`recordings-test-${dbCount}-${Date.now()}`);
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function take(db: InterqDatabase, questionId: string, chunks: string[], opts: { finalize?: boolean; id?: string } = {}) {
  const record = await createRecording({ interviewId: IV, questionId, mimeType: 'audio/webm;codecs=opus', startedAt: Date.now(), ...(opts.id ? { id: opts.id } : {}) }, db);
  for (const [i, text] of chunks.entries()) {
    await appendChunk({ recordingId: record.id, seq: i, endMs: (i + 1) * 1000, data: new Blob([text]) }, db);
  }
  if (opts.finalize) await finalizeRecording(record.id, {}, db);
  return record.id;
}

describe('recordings storage', () => {
  it('numbers takes per question and starts them unfinalized', async () => {
    const db = freshDb();
    const a = await createRecording({ interviewId: IV, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', startedAt: 1 }, db);
    const b = await createRecording({ interviewId: IV, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', startedAt: 2 }, db);
    const c = await createRecording({ interviewId: IV, questionId: 'q2', mimeType: 'audio/webm;codecs=opus', startedAt: 3, id: 'chosen-id' }, db);
    expect([a.attempt, b.attempt, c.attempt]).toEqual([1, 2, 1]);
    expect(c.id).toBe('chosen-id');
    expect(a).toMatchObject({ status: 'recording', durationMs: 0, bytes: 0 });
    expect(a.id).not.toBe(b.id);
  });

  it('stores chunks with their running duration and size, and assembles them in order', async () => {
    const db = freshDb();
    const rec = await createRecording({ interviewId: IV, questionId: 'q1', mimeType: 'audio/ogg;codecs=opus', startedAt: 1 }, db);
    // Written out of order on purpose: assembly follows seq, not arrival.
    await appendChunk({ recordingId: rec.id, seq: 0, endMs: 1000, data: new Blob(['aaa']) }, db);
    await appendChunk({ recordingId: rec.id, seq: 2, endMs: 3000, data: new Blob(['ccccc']) }, db);
    await appendChunk({ recordingId: rec.id, seq: 1, endMs: 2000, data: new Blob(['bb']) }, db);
    expect(await getRecording(rec.id, db)).toMatchObject({ durationMs: 3000, bytes: 10, status: 'recording' });
    const blob = await assembleRecording(rec.id, db);
    expect(blob.type).toBe('audio/ogg;codecs=opus');
    expect(await blob.text()).toBe('aaabbccccc');
    expect(await recordingDurationMs(rec.id, db)).toBe(3000);
  });

  it('never duplicates a chunk written twice', async () => {
    const db = freshDb();
    const id = await take(db, 'q1', ['x']);
    await appendChunk({ recordingId: id, seq: 0, endMs: 1000, data: new Blob(['x']) }, db);
    expect(await db.audioChunks.where('recordingId').equals(id).count()).toBe(1);
    expect((await getRecording(id, db))!.bytes).toBe(1);
  });

  it('refuses audio for a missing, finished or discarded take with a typed error', async () => {
    const db = freshDb();
    const done = await take(db, 'q1', ['a'], { finalize: true });
    const add = (recordingId: string) => appendChunk({ recordingId, seq: 5, endMs: 6000, data: new Blob(['z']) }, db);
    await expect(add('nope')).rejects.toMatchObject({ name: 'RecordingStorageError', kind: 'missing' });
    await expect(add(done)).rejects.toMatchObject({ kind: 'state' });
    const gone = await take(db, 'q2', ['b']);
    await discardRecording(gone, db);
    await expect(add(gone)).rejects.toMatchObject({ kind: 'state' });
    await expect(assembleRecording(gone, db)).rejects.toBeInstanceOf(RecordingStorageError);
    expect(await db.audioChunks.where('recordingId').equals(gone).count()).toBe(0);
  });

  it('finalizes a take as complete with the duration of its audio', async () => {
    const db = freshDb();
    const id = await take(db, 'q1', ['a', 'b', 'c']);
    const { record, replaced } = await finalizeRecording(id, { durationMs: 3400 }, db);
    expect(record).toMatchObject({ status: 'complete', durationMs: 3400, bytes: 3 });
    expect(replaced).toEqual([]);
    expect((await currentAnswerRecording(IV, 'q1', db))!.id).toBe(id);
  });

  it('keeps the earlier answer until a re-record is complete, then replaces it and frees its audio', async () => {
    const db = freshDb();
    const first = await take(db, 'q1', ['first-1', 'first-2'], { finalize: true });
    const second = await take(db, 'q1', ['second-1']);
    expect((await currentAnswerRecording(IV, 'q1', db))!.id).toBe(first);
    expect(await assembleRecording(first, db).then((b) => b.text())).toBe('first-1first-2');

    const { replaced } = await finalizeRecording(second, {}, db);
    expect(replaced).toEqual([first]);
    expect((await currentAnswerRecording(IV, 'q1', db))!.id).toBe(second);
    expect((await getRecording(first, db))!.status).toBe('discarded');
    expect(await db.audioChunks.where('recordingId').equals(first).count()).toBe(0);
    expect(await assembleRecording(second, db).then((b) => b.text())).toBe('second-1');
  });

  it('leaves other questions alone when replacing an answer', async () => {
    const db = freshDb();
    const other = await take(db, 'q2', ['other'], { finalize: true });
    await take(db, 'q1', ['a'], { finalize: true });
    await take(db, 'q1', ['b'], { finalize: true });
    expect((await getRecording(other, db))!.status).toBe('complete');
  });

  it('detects interrupted takes and lets the stage machine offer them', async () => {
    const db = freshDb();
    const done = await take(db, 'q1', ['a'], { finalize: true });
    const cut = await take(db, 'q2', ['a', 'b', 'c', 'd']);
    const interrupted = await findInterruptedRecordings(IV, db);
    expect(interrupted.map((r) => r.id)).toEqual([cut]);

    // The state saved before the crash says q2 was recording `cut`.
    let state: StageState = createStageState({
      interviewId: IV,
      questions: [
        { id: 'q1', kind: 'spoken', timeLimitSec: 120 },
        { id: 'q2', kind: 'spoken', timeLimitSec: 120 },
      ],
      now: 1000,
    });
    const events: StageEvent[] = [
      { type: 'TECH_CHECK_PASSED', actor: { role: 'guest' }, at: 1001 },
      { type: 'CONSENT_GIVEN', actor: { role: 'guest' }, at: 1002, recording: true, aiScoring: true },
      { type: 'START_INTERVIEW', actor: { role: 'guest' }, at: 1003 },
      { type: 'START_RECORDING', actor: { role: 'guest' }, at: 1004, recordingId: done },
      { type: 'STOP_RECORDING', actor: { role: 'guest' }, at: 2000, recordingId: done },
      { type: 'ANSWER_PROCESSED', actor: { role: 'system' }, at: 2500, questionId: 'q1', outcome: 'ok' },
      { type: 'NEXT_QUESTION', actor: { role: 'guest' }, at: 3000 },
      { type: 'START_RECORDING', actor: { role: 'guest' }, at: 3001, recordingId: cut },
    ];
    for (const e of events) {
      const r = transition(state, e);
      if (!r.ok) throw new Error(r.reason);
      state = r.state;
    }
    const summaries = await storedRecordingSummaries(IV, db);
    const { state: resumed } = resumeAfterReload(state, 9000, summaries);
    expect(resumed.stage).toBe('question');
    expect(resumed.answers[1]).toMatchObject({ status: 'interrupted', interrupted: { recordingId: cut, durationMs: 4000 } });
    expect(resumed.answers[0]).toMatchObject({ status: 'answered', recordingId: done });

    // Keeping it finalizes the partial take as the answer.
    await finalizeRecording(cut, {}, db);
    expect(await findInterruptedRecordings(IV, db)).toEqual([]);
    expect((await currentAnswerRecording(IV, 'q2', db))!.durationMs).toBe(4000);
  });

  it('applies the storage actions of a reload and hands back the rest', async () => {
    const db = freshDb();
    const open = await take(db, 'q1', ['a']);
    const empty = await take(db, 'q2', []);
    const rest = await applyStorageResumeActions(
      [
        { type: 'finalize-recording', recordingId: open },
        { type: 'discard-recording', recordingId: empty },
        { type: 'requeue-processing', questionId: 'q1', recordingId: open },
      ],
      db,
    );
    expect(rest).toEqual([{ type: 'requeue-processing', questionId: 'q1', recordingId: open }]);
    expect((await getRecording(open, db))!.status).toBe('complete');
    expect((await getRecording(empty, db))!.status).toBe('discarded');
  });
});

describe('recordings storage: full disk', () => {
  it('recognises quota errors however they are wrapped', () => {
    expect(isQuotaExceeded(quotaError())).toBe(true);
    expect(isQuotaExceeded(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted', quotaError()))).toBe(true);
    expect(isQuotaExceeded(new Error('outer', { cause: new Dexie.AbortError('aborted', quotaError()) }))).toBe(true);
    expect(isQuotaExceeded({ name: 'BulkError', failures: [new Error('x'), quotaError()] })).toBe(true);
    expect(isQuotaExceeded({ name: 'AbortError', target: { error: quotaError() } })).toBe(true);
    expect(isQuotaExceeded({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaExceeded(new Dexie.AbortError('aborted', new DOMException('x', 'ConstraintError')))).toBe(false);
    expect(isQuotaExceeded(new Error('QuotaExceededError mentioned only in a message'))).toBe(false);
    expect(isQuotaExceeded(null)).toBe(false);
    const cyclic: { name: string; inner?: unknown } = { name: 'AbortError' };
    cyclic.inner = cyclic;
    expect(isQuotaExceeded(cyclic)).toBe(false);
  });

  it('reports a full disk on append as a quota error and keeps every chunk stored before', async () => {
    const db = freshDb();
    const disk = fillDiskAfter(db, 2);
    const rec = await createRecording({ interviewId: IV, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', startedAt: 1 }, db);
    await appendChunk({ recordingId: rec.id, seq: 0, endMs: 1000, data: new Blob(['one']) }, db);
    await appendChunk({ recordingId: rec.id, seq: 1, endMs: 2000, data: new Blob(['two']) }, db);
    const error = await appendChunk({ recordingId: rec.id, seq: 2, endMs: 3000, data: new Blob(['three']) }, db).catch((e: unknown) => e);
    expect(disk.failures()).toBe(1);
    expect(error).toBeInstanceOf(RecordingStorageError);
    expect(error).toMatchObject({ kind: 'quota', message: expect.stringMatching(/Storage is full/) });
    expect(isQuotaExceeded((error as Error).cause)).toBe(true);
    // The failed transaction rolled back as a whole: no half-counted bytes.
    expect(await getRecording(rec.id, db)).toMatchObject({ status: 'recording', durationMs: 2000, bytes: 6 });
    expect(await assembleRecording(rec.id, db).then((b) => b.text())).toBe('onetwo');
    expect((await findInterruptedRecordings(IV, db)).map((r) => r.id)).toEqual([rec.id]);
  });
});

// ---------------------------------------------------------------------------
// The chunk recorder, driven by a stand-in for the browser's MediaRecorder; the storage underneath is real.

class FakeMediaRecorder extends EventTarget {
  static supported = new Set<string>(['audio/webm;codecs=opus', 'audio/ogg;codecs=opus']);
  static instances: FakeMediaRecorder[] = [];
  static isTypeSupported(type: string) {
    return FakeMediaRecorder.supported.has(type);
  }
  state: RecordingState = 'inactive';
  mimeType: string;
  timeslice: number | undefined;
  constructor(
    readonly stream: MediaStream,
    readonly options: MediaRecorderOptions = {},
  ) {
    super();
    this.mimeType = options.mimeType ?? '';
    FakeMediaRecorder.instances.push(this);
  }
  start(timeslice?: number) {
    if (this.state !== 'inactive') throw new DOMException('already started', 'InvalidStateError');
    this.timeslice = timeslice;
    this.state = 'recording';
  }
  pause() {
    this.state = 'paused';
  }
  resume() {
    this.state = 'recording';
  }
  /** What the browser does every timeslice. */
  emit(text: string) {
    const event = Object.assign(new Event('dataavailable'), { data: new Blob([text], { type: this.mimeType }) });
    this.dispatchEvent(event);
  }
  /** Like the browser: the last data, then `stop`, in later tasks. */
  stop() {
    if (this.state === 'inactive') throw new DOMException('not started', 'InvalidStateError');
    this.state = 'inactive';
    setTimeout(() => {
      this.emit('tail');
      this.dispatchEvent(new Event('stop'));
    }, 0);
  }
  /** The track ended (device unplugged): the browser stops the recorder by itself. */
  trackEnded() {
    this.stop();
  }
}

const liveStream = { getAudioTracks: () => [{ readyState: 'live' }] } as unknown as MediaStream;
const deadStream = { getAudioTracks: () => [{ readyState: 'ended' }] } as unknown as MediaStream;
const Recorder = FakeMediaRecorder as unknown as MediaRecorderConstructor;

function clock(start = 10_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function storedCounter() {
  const seen: ChunkProgress[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  return {
    seen,
    onChunkStored: (p: ChunkProgress) => {
      seen.push(p);
      for (const w of waiters.filter((w) => seen.length >= w.n)) w.resolve();
    },
    until: (n: number) => (seen.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
  };
}

describe('chunk recorder', () => {
  it('prefers Opus in WebM, then Ogg, then MP4 for Safari', () => {
    expect(pickRecordingMimeType((t) => t.startsWith('audio/'))).toBe('audio/webm;codecs=opus');
    expect(pickRecordingMimeType((t) => t === 'audio/ogg;codecs=opus')).toBe('audio/ogg;codecs=opus');
    expect(pickRecordingMimeType((t) => t === 'audio/mp4')).toBe('audio/mp4');
    expect(pickRecordingMimeType(() => false)).toBeNull();
    expect(pickRecordingMimeType(() => { throw new Error('bad'); })).toBeNull();
  });

  it('records Opus at 24 kbps in 1-second slices and stores each chunk as it arrives', async () => {
    const db = freshDb();
    const c = clock();
    const stored = storedCounter();
    const rec = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder, now: c.now, onChunkStored: stored.onChunkStored });
    await rec.start();
    const mr = FakeMediaRecorder.instances.at(-1)!;
    expect(mr.options).toEqual({ mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 24_000 });
    expect(mr.timeslice).toBe(1000);
    expect(rec.mimeType).toBe('audio/webm;codecs=opus');
    expect(await getRecording(rec.recordingId, db)).toMatchObject({ status: 'recording', questionId: 'q1', attempt: 1 });

    c.advance(1000);
    mr.emit('A');
    await stored.until(1);
    // On disk before the next chunk even exists.
    expect(await assembleRecording(rec.recordingId, db).then((b) => b.text())).toBe('A');
    c.advance(1000);
    mr.emit('B');
    c.advance(500);
    const outcome = await rec.stop();
    expect(outcome.type).toBe('complete');
    if (outcome.type !== 'complete') return;
    expect(outcome.record).toMatchObject({ status: 'complete', durationMs: 2500, bytes: 6 });
    expect(await assembleRecording(rec.recordingId, db).then((b) => b.text())).toBe('ABtail');
    expect(stored.seen.map((p) => p.endMs)).toEqual([1000, 2000, 2500]);
    expect(stageEventForOutcome(outcome, { at: 1, actor: { role: 'guest' }, questionId: 'q1', stoppedBy: 'guest' })).toMatchObject({
      type: 'STOP_RECORDING', recordingId: rec.recordingId, durationMs: 2500,
    });
  });

  it('excludes paused time from the take', async () => {
    const db = freshDb();
    const c = clock();
    const rec = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder, now: c.now });
    await rec.start();
    c.advance(3000);
    rec.pause();
    expect(rec.state).toBe('paused');
    c.advance(60_000);
    rec.resume();
    c.advance(2000);
    expect(rec.elapsedMs()).toBe(5000);
    const outcome = await rec.stop();
    expect(outcome.type === 'complete' && outcome.record.durationMs).toBe(5000);
  });

  it('replaces the earlier answer only when the re-record completes', async () => {
    const db = freshDb();
    const first = await take(db, 'q1', ['old'], { finalize: true });
    const rec = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder, recordingId: 'take-2' });
    await rec.start();
    FakeMediaRecorder.instances.at(-1)!.emit('new');
    expect((await currentAnswerRecording(IV, 'q1', db))!.id).toBe(first);
    const outcome = await rec.stop();
    expect(outcome).toMatchObject({ type: 'complete', recordingId: 'take-2', replaced: [first] });
    expect((await currentAnswerRecording(IV, 'q1', db))!.id).toBe('take-2');
  });

  it('stops on a full disk, keeps what was stored, and leads to FAIL storage-full with the stored audio', async () => {
    const db = freshDb();
    fillDiskAfter(db, 2);
    const c = clock();
    const stored = storedCounter();
    const rec = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder, now: c.now, onChunkStored: stored.onChunkStored });
    await rec.start();
    const mr = FakeMediaRecorder.instances.at(-1)!;
    for (const text of ['one', 'two', 'three', 'four']) {
      c.advance(1000);
      mr.emit(text);
    }
    const outcome = await rec.done;
    expect(mr.state).toBe('inactive');
    expect(outcome).toMatchObject({ type: 'storage-full', recordingId: rec.recordingId, storedMs: 2000, storedBytes: 6 });
    if (outcome.type !== 'storage-full') return;
    expect(outcome.error.kind).toBe('quota');
    expect(await assembleRecording(rec.recordingId, db).then((b) => b.text())).toBe('onetwo');
    expect((await getRecording(rec.recordingId, db))!.status).toBe('recording');
    expect(await rec.stop()).toBe(outcome);
    const event = stageEventForOutcome(outcome, { at: 5, actor: { role: 'system' }, questionId: 'q1', stoppedBy: 'guest' });
    expect(event).toMatchObject({ type: 'FAIL', code: 'storage-full', recordedMs: 2000 });
    expect((event as { message: string }).message).toMatch(/out of storage space.*saved/);
  });

  it('reports a microphone that disappears mid-take and keeps its audio', async () => {
    const db = freshDb();
    const rec = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder });
    await rec.start();
    const mr = FakeMediaRecorder.instances.at(-1)!;
    mr.emit('x');
    mr.trackEnded();
    const outcome = await rec.done;
    expect(outcome).toMatchObject({ type: 'failed', code: 'microphone' });
    expect(await assembleRecording(rec.recordingId, db).then((b) => b.text())).toBe('xtail');
    expect((await findInterruptedRecordings(IV, db)).map((r) => r.id)).toEqual([rec.recordingId]);
  });

  it('reports a MediaRecorder error as a recorder failure', async () => {
    const db = freshDb();
    const rec = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder });
    await rec.start();
    const mr = FakeMediaRecorder.instances.at(-1)!;
    mr.dispatchEvent(Object.assign(new Event('error'), { error: new DOMException('encoder died', 'UnknownError') }));
    const outcome = await rec.done;
    expect(outcome).toMatchObject({ type: 'failed', code: 'recorder' });
  });

  it('discards a cancelled take', async () => {
    const db = freshDb();
    const rec = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder });
    await rec.start();
    FakeMediaRecorder.instances.at(-1)!.emit('x');
    expect(await rec.cancel()).toEqual({ type: 'cancelled', recordingId: rec.recordingId });
    expect((await getRecording(rec.recordingId, db))!.status).toBe('discarded');
    expect(await db.audioChunks.where('recordingId').equals(rec.recordingId).count()).toBe(0);
  });

  it('refuses to start without a live track, without MediaRecorder, or twice', async () => {
    const db = freshDb();
    const dead = createChunkRecorder({ stream: deadStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder });
    await expect(dead.start()).rejects.toMatchObject({ name: 'RecorderError', code: 'no-audio' });
    const none = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: undefined });
    const hadRecorder = 'MediaRecorder' in globalThis;
    if (!hadRecorder) await expect(none.start()).rejects.toMatchObject({ code: 'unsupported' });
    const twice = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder });
    await twice.start();
    await expect(twice.start()).rejects.toBeInstanceOf(RecorderError);
    expect(await findInterruptedRecordings(IV, db)).toHaveLength(1);
  });

  it('records in the browser default format when no preferred type is supported', async () => {
    const db = freshDb();
    const saved = new Set(FakeMediaRecorder.supported);
    FakeMediaRecorder.supported.clear();
    try {
      const rec = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder });
      await rec.start();
      expect(FakeMediaRecorder.instances.at(-1)!.options).toEqual({ audioBitsPerSecond: 24_000 });
      expect(rec.mimeType).toBe('audio/webm');
    } finally {
      for (const t of saved) FakeMediaRecorder.supported.add(t);
    }
  });

  it('clamps the timeslice to one second', async () => {
    const db = freshDb();
    const rec = createChunkRecorder({ stream: liveStream, interviewId: IV, questionId: 'q1', db, mediaRecorder: Recorder, timesliceMs: 5000 });
    await rec.start();
    expect(FakeMediaRecorder.instances.at(-1)!.timeslice).toBe(1000);
  });
});
