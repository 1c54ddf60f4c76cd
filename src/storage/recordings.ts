/**
 * Recorded answers in IndexedDB: one `RecordingRecord` per take, one `AudioChunk`
 * row per MediaRecorder chunk. Every write is its own read-write transaction on a
 * database opened with strict durability (see db.ts), so once `appendChunk`
 * resolves the chunk is on disk and a crash loses at most the chunk in flight.
 *
 * Answer semantics: the answer to a question is its latest `complete` take. A
 * re-record stays `recording` (and the earlier answer stands) until it is
 * finalized; finalizing it discards the earlier take in the same transaction.
 * A take left in `recording` after a crash or a failure is "interrupted": the
 * guest keeps it (finalize) or records again (discard).
 */
import { appDb, type AudioChunk, type InterqDatabase, type RecordingRecord } from './db';
import { isQuotaExceeded } from './quota';

export { isQuotaExceeded };
import type { StoredRecordingSummary } from '../domain/stage/types';

export type RecordingStorageErrorKind = 'quota' | 'missing' | 'state' | 'io';

/** A storage failure with a kind the UI can act on; `quota` means the disk (or the origin's share of it) is full. */
export class RecordingStorageError extends Error {
  constructor(
    readonly kind: RecordingStorageErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordingStorageError';
  }
}

function wrap(error: unknown, what: string): RecordingStorageError {
  if (error instanceof RecordingStorageError) return error;
  if (isQuotaExceeded(error)) {
    return new RecordingStorageError('quota', `Storage is full: ${what} could not be saved.`, { cause: error });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new RecordingStorageError('io', `${what} could not be saved (${detail}).`, { cause: error });
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}

export interface CreateRecordingInput {
  interviewId: string;
  questionId: string;
  mimeType: string;
  startedAt: number;
  /** Chosen by the caller when the id must be known before the record exists (e.g. for START_RECORDING). */
  id?: string;
}

/** Creates the record of a new take, numbered after every earlier take of the question. */
export async function createRecording(input: CreateRecordingInput, db: InterqDatabase = appDb()): Promise<RecordingRecord> {
  try {
    return await db.transaction('rw', db.recordings, async () => {
      const earlier = await db.recordings.where('[interviewId+questionId]').equals([input.interviewId, input.questionId]).toArray();
      const record: RecordingRecord = {
        id: input.id ?? newId(),
        interviewId: input.interviewId,
        questionId: input.questionId,
        attempt: earlier.reduce((max, r) => Math.max(max, r.attempt), 0) + 1,
        mimeType: input.mimeType,
        startedAt: input.startedAt,
        status: 'recording',
        durationMs: 0,
        bytes: 0,
      };
      await db.recordings.add(record);
      return record;
    });
  } catch (error) {
    throw wrap(error, 'The new recording');
  }
}

export interface ChunkInput {
  recordingId: string;
  seq: number;
  /** Milliseconds of audio from the start of the take to the end of this chunk. */
  endMs: number;
  data: Blob;
}

/**
 * Stores one chunk and advances the take's duration and size, in one
 * transaction. Idempotent per (recordingId, seq), so a retried write never
 * duplicates audio.
 */
export async function appendChunk(chunk: ChunkInput, db: InterqDatabase = appDb()): Promise<void> {
  try {
    await db.transaction('rw', db.recordings, db.audioChunks, async () => {
      const record = await db.recordings.get(chunk.recordingId);
      if (!record) throw new RecordingStorageError('missing', `Recording ${chunk.recordingId} does not exist.`);
      if (record.status !== 'recording') {
        throw new RecordingStorageError('state', `Recording ${chunk.recordingId} is ${record.status}; no more audio can be added.`);
      }
      const existing = await db.audioChunks.where('[recordingId+seq]').equals([chunk.recordingId, chunk.seq]).count();
      if (existing > 0) return;
      const row: AudioChunk = { recordingId: chunk.recordingId, seq: chunk.seq, endMs: chunk.endMs, data: chunk.data };
      await db.audioChunks.add(row);
      await db.recordings.update(chunk.recordingId, {
        durationMs: Math.max(record.durationMs, chunk.endMs),
        bytes: record.bytes + chunk.data.size,
      });
    });
  } catch (error) {
    throw wrap(error, `Audio chunk ${chunk.seq}`);
  }
}

export interface FinalizeResult {
  record: RecordingRecord;
  /** Earlier complete takes of the same question this one replaced (now discarded, audio deleted). */
  replaced: string[];
}

/**
 * Marks a take complete, making it the question's answer, and discards the
 * answer it replaces in the same transaction: there is never a moment with two
 * answers or none. Also used to keep an interrupted take.
 */
export async function finalizeRecording(
  recordingId: string,
  options: { durationMs?: number } = {},
  db: InterqDatabase = appDb(),
): Promise<FinalizeResult> {
  try {
    return await db.transaction('rw', db.recordings, db.audioChunks, async () => {
      const record = await db.recordings.get(recordingId);
      if (!record) throw new RecordingStorageError('missing', `Recording ${recordingId} does not exist.`);
      if (record.status === 'discarded') throw new RecordingStorageError('state', `Recording ${recordingId} was discarded.`);
      const chunks = await db.audioChunks.where('recordingId').equals(recordingId).toArray();
      const chunkMs = chunks.reduce((max, c) => Math.max(max, c.endMs), 0);
      const bytes = chunks.reduce((sum, c) => sum + c.data.size, 0);
      const complete: RecordingRecord = {
        ...record,
        status: 'complete',
        durationMs: Math.max(chunkMs, options.durationMs ?? 0, record.durationMs),
        bytes,
      };
      await db.recordings.put(complete);
      const others = await db.recordings.where('[interviewId+questionId]').equals([record.interviewId, record.questionId]).toArray();
      const replaced = others.filter((r) => r.id !== recordingId && r.status === 'complete').map((r) => r.id);
      for (const id of replaced) {
        await db.recordings.update(id, { status: 'discarded' });
        await db.audioChunks.where('recordingId').equals(id).delete();
      }
      return { record: complete, replaced };
    });
  } catch (error) {
    throw wrap(error, 'The finished recording');
  }
}

/** Drops a take (re-recorded after an interruption, cancelled, or empty) and frees its audio. */
export async function discardRecording(recordingId: string, db: InterqDatabase = appDb()): Promise<void> {
  try {
    await db.transaction('rw', db.recordings, db.audioChunks, async () => {
      const record = await db.recordings.get(recordingId);
      if (!record) return;
      await db.recordings.update(recordingId, { status: 'discarded', bytes: 0 });
      await db.audioChunks.where('recordingId').equals(recordingId).delete();
    });
  } catch (error) {
    throw wrap(error, 'Discarding the recording');
  }
}

export async function getRecording(recordingId: string, db: InterqDatabase = appDb()): Promise<RecordingRecord | null> {
  return (await db.recordings.get(recordingId)) ?? null;
}

async function orderedChunks(recordingId: string, db: InterqDatabase): Promise<AudioChunk[]> {
  return db.audioChunks
    .where('[recordingId+seq]')
    .between([recordingId, -Infinity], [recordingId, Infinity])
    .toArray();
}

/** The take's audio as one playable/uploadable Blob, chunks in order. */
export async function assembleRecording(recordingId: string, db: InterqDatabase = appDb()): Promise<Blob> {
  const record = await db.recordings.get(recordingId);
  if (!record) throw new RecordingStorageError('missing', `Recording ${recordingId} does not exist.`);
  if (record.status === 'discarded') throw new RecordingStorageError('state', `Recording ${recordingId} was discarded.`);
  const chunks = await orderedChunks(recordingId, db);
  return new Blob(
    chunks.map((c) => c.data),
    { type: record.mimeType },
  );
}

/** Audio stored for a take, from its chunks (authoritative even for a take cut off mid-way). */
export async function recordingDurationMs(recordingId: string, db: InterqDatabase = appDb()): Promise<number> {
  const record = await db.recordings.get(recordingId);
  if (!record) throw new RecordingStorageError('missing', `Recording ${recordingId} does not exist.`);
  const chunks = await orderedChunks(recordingId, db);
  const last = chunks.at(-1);
  return Math.max(last?.endMs ?? 0, record.status === 'complete' ? record.durationMs : 0);
}

/** The question's current recorded answer: its latest complete take. */
export async function currentAnswerRecording(
  interviewId: string,
  questionId: string,
  db: InterqDatabase = appDb(),
): Promise<RecordingRecord | null> {
  const takes = await db.recordings.where('[interviewId+questionId]').equals([interviewId, questionId]).toArray();
  const complete = takes.filter((r) => r.status === 'complete').sort((a, b) => b.attempt - a.attempt);
  return complete[0] ?? null;
}

/** Takes never finalized: cut off by a crash, a reload or a failure. Call on load, before any new take starts. */
export async function findInterruptedRecordings(interviewId: string, db: InterqDatabase = appDb()): Promise<RecordingRecord[]> {
  const takes = await db.recordings.where('interviewId').equals(interviewId).toArray();
  return takes.filter((r) => r.status === 'recording').sort((a, b) => a.startedAt - b.startedAt);
}

/** What `resumeAfterReload` needs to know about every take of an interview. */
export async function storedRecordingSummaries(
  interviewId: string,
  db: InterqDatabase = appDb(),
): Promise<StoredRecordingSummary[]> {
  const takes = await db.recordings.where('interviewId').equals(interviewId).toArray();
  return Promise.all(
    takes.map(async (r) => ({
      id: r.id,
      questionId: r.questionId,
      attempt: r.attempt,
      status: r.status,
      durationMs: r.status === 'discarded' ? 0 : await recordingDurationMs(r.id, db),
      bytes: r.bytes,
      startedAt: r.startedAt,
    })),
  );
}

/** The storage side of `resumeAfterReload`'s actions; the others (re-queueing processing) are returned for the caller. */
export async function applyStorageResumeActions<A extends { type: string; recordingId: string }>(
  actions: readonly A[],
  db: InterqDatabase = appDb(),
): Promise<A[]> {
  const rest: A[] = [];
  for (const action of actions) {
    if (action.type === 'finalize-recording') await finalizeRecording(action.recordingId, {}, db);
    else if (action.type === 'discard-recording') await discardRecording(action.recordingId, db);
    else rest.push(action);
  }
  return rest;
}
