/**
 * Records one take of an answer with MediaRecorder and writes every chunk to
 * IndexedDB as it arrives (timeslice ≤ 1 s), so a crash loses at most the last
 * second. Opus at about 24 kbps mono is ~3 KB/s: a two-minute answer is ~360 KB.
 *
 * A full disk (a quota error, often wrapped in an AbortError) stops the take at
 * once and keeps every chunk already stored; the take stays unfinalized, so the
 * stage machine offers it as an interrupted recording (keep or record again).
 * No React here: the UI holds a `ChunkRecorder` and awaits `done`.
 */
import {
  appendChunk,
  createRecording,
  discardRecording,
  finalizeRecording,
  RecordingStorageError,
} from '../storage/recordings';
import { appDb, type InterqDatabase, type RecordingRecord } from '../storage/db';
import type { Actor, StageEvent } from '../domain/stage/types';

import { pickRecordingMimeType, VOICE_BITS_PER_SECOND, type MediaRecorderConstructor } from './recording-format';

export { PREFERRED_MIME_TYPES, FALLBACK_MIME_TYPES, VOICE_BITS_PER_SECOND, pickRecordingMimeType, type MediaRecorderConstructor } from './recording-format';
export const MAX_TIMESLICE_MS = 1000;

export type RecorderErrorCode = 'unsupported' | 'no-audio' | 'start-failed' | 'state';

/** Why a take could not start; the stage machine's FAIL codes map from it (`recorder`, or `microphone` for no-audio). */
export class RecorderError extends Error {
  constructor(
    readonly code: RecorderErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecorderError';
  }
}

export type RecordingOutcome =
  | { type: 'complete'; recordingId: string; record: RecordingRecord; replaced: string[] }
  | {
      type: 'storage-full';
      recordingId: string;
      /** Audio safely stored before the disk filled up. */
      storedMs: number;
      storedBytes: number;
      error: RecordingStorageError;
    }
  | {
      type: 'failed';
      recordingId: string;
      storedMs: number;
      storedBytes: number;
      /** `microphone`: the track ended (unplugged, permission revoked); `recorder`: MediaRecorder failed; `storage`: IndexedDB failed. */
      code: 'microphone' | 'recorder' | 'storage';
      error: Error;
    }
  | { type: 'cancelled'; recordingId: string };

export interface ChunkProgress {
  seq: number;
  endMs: number;
  bytes: number;
  storedMs: number;
  storedBytes: number;
}

export interface ChunkRecorderOptions {
  /** The microphone stream (see requestMicrophonePermission, which asks for mono voice constraints). */
  stream: MediaStream;
  interviewId: string;
  questionId: string;
  /** Defaults to a random UUID; known before `start`, so START_RECORDING can be dispatched first. */
  recordingId?: string;
  db?: InterqDatabase;
  /** Clamped to at most 1000 ms. */
  timesliceMs?: number;
  audioBitsPerSecond?: number;
  mediaRecorder?: MediaRecorderConstructor;
  now?: () => number;
  onChunkStored?: (progress: ChunkProgress) => void;
}

export type ChunkRecorderState = 'idle' | 'recording' | 'paused' | 'stopping' | 'ended';

export interface ChunkRecorder {
  readonly recordingId: string;
  /** The container and codec actually recorded (known after `start`). */
  readonly mimeType: string | null;
  readonly state: ChunkRecorderState;
  /** Creates the take's record and starts recording. Rejects with RecorderError or RecordingStorageError. */
  start(): Promise<void>;
  /** Freezes the take (host pause); the elapsed time stops too. */
  pause(): void;
  resume(): void;
  /** Stops, waits for every chunk to be stored, and finalizes the take (replacing an earlier answer). */
  stop(): Promise<RecordingOutcome>;
  /** Stops and discards the take. */
  cancel(): Promise<RecordingOutcome>;
  /** Audio time recorded so far, pauses excluded. */
  elapsedMs(): number;
  /** Settles once the take has ended for any reason: stop, cancel, full disk, lost microphone. */
  readonly done: Promise<RecordingOutcome>;
}

export function createChunkRecorder(options: ChunkRecorderOptions): ChunkRecorder {
  const Recorder = options.mediaRecorder ?? (globalThis as { MediaRecorder?: MediaRecorderConstructor }).MediaRecorder;
  const db = options.db ?? appDb();
  const now = options.now ?? (() => Date.now());
  const timeslice = Math.max(100, Math.min(options.timesliceMs ?? MAX_TIMESLICE_MS, MAX_TIMESLICE_MS));
  const recordingId = options.recordingId ?? globalThis.crypto.randomUUID();

  let state: ChunkRecorderState = 'idle';
  let recorder: MediaRecorder | null = null;
  let mimeType: string | null = null;
  let startedAt = 0;
  let pausedTotal = 0;
  let pausedSince: number | null = null;
  let finalElapsed: number | null = null;
  let seq = 0;
  let storedMs = 0;
  let storedBytes = 0;
  let writes: Promise<void> = Promise.resolve();
  let failure: { code: 'storage-full' | 'storage' | 'recorder'; error: Error } | null = null;
  let stopRequested = false;
  let cancelRequested = false;

  let settle!: (outcome: RecordingOutcome) => void;
  const done = new Promise<RecordingOutcome>((resolve) => {
    settle = resolve;
  });

  const elapsedMs = (): number => {
    if (finalElapsed !== null) return finalElapsed;
    if (state === 'idle') return 0;
    const t = now();
    return Math.max(0, t - startedAt - pausedTotal - (pausedSince !== null ? t - pausedSince : 0));
  };

  const halt = () => {
    if (recorder && recorder.state !== 'inactive') {
      try {
        recorder.stop();
      } catch {
        // Already stopping.
      }
    }
  };

  const finish = (outcome: RecordingOutcome) => {
    if (state === 'ended') return;
    state = 'ended';
    if (recorder) {
      recorder.removeEventListener('dataavailable', onData);
      recorder.removeEventListener('stop', onStop);
      recorder.removeEventListener('error', onError);
    }
    settle(outcome);
  };

  const failureOutcome = (): RecordingOutcome => {
    const f = failure!;
    if (f.code === 'storage-full') {
      return { type: 'storage-full', recordingId, storedMs, storedBytes, error: f.error as RecordingStorageError };
    }
    return { type: 'failed', recordingId, storedMs, storedBytes, code: f.code, error: f.error };
  };

  function onData(event: Event) {
    const blob = (event as BlobEvent).data;
    if (!blob || blob.size === 0 || failure || cancelRequested) return;
    const chunk = { recordingId, seq: seq++, endMs: Math.round(elapsedMs()), data: blob };
    // Writes run one after another, so chunks land in order and a failure stops the ones behind it.
    writes = writes.then(async () => {
      if (failure || cancelRequested) return;
      try {
        await appendChunk(chunk, db);
        storedMs = chunk.endMs;
        storedBytes += blob.size;
        options.onChunkStored?.({ seq: chunk.seq, endMs: chunk.endMs, bytes: blob.size, storedMs, storedBytes });
      } catch (error) {
        const storageError =
          error instanceof RecordingStorageError ? error : new RecordingStorageError('io', String(error), { cause: error });
        failure = { code: storageError.kind === 'quota' ? 'storage-full' : 'storage', error: storageError };
        halt();
      }
    });
  }

  function onError(event: Event) {
    const error = (event as Event & { error?: unknown }).error;
    failure ??= {
      code: 'recorder',
      error: error instanceof Error ? error : new Error(`MediaRecorder failed${error ? `: ${String(error)}` : ''}`),
    };
    halt();
  }

  function onStop() {
    finalElapsed ??= elapsedMs();
    void writes.then(async () => {
      if (cancelRequested) {
        await discardRecording(recordingId, db).catch(() => undefined);
        finish({ type: 'cancelled', recordingId });
        return;
      }
      if (failure) {
        finish(failureOutcome());
        return;
      }
      if (!stopRequested) {
        // MediaRecorder stops by itself when its track ends: the device was unplugged or access revoked.
        const error = new Error('The microphone stopped delivering audio (disconnected, or access was revoked).');
        finish({ type: 'failed', recordingId, storedMs, storedBytes, code: 'microphone', error });
        return;
      }
      try {
        const { record, replaced } = await finalizeRecording(recordingId, { durationMs: Math.max(storedMs, finalElapsed ?? 0) }, db);
        finish({ type: 'complete', recordingId, record, replaced });
      } catch (error) {
        const storageError =
          error instanceof RecordingStorageError ? error : new RecordingStorageError('io', String(error), { cause: error });
        failure = { code: storageError.kind === 'quota' ? 'storage-full' : 'storage', error: storageError };
        finish(failureOutcome());
      }
    });
  }

  return {
    recordingId,
    get mimeType() {
      return mimeType;
    },
    get state() {
      return state;
    },
    done,
    elapsedMs,

    async start() {
      if (state !== 'idle') throw new RecorderError('state', `This recorder was already started (${state}).`);
      if (!Recorder) throw new RecorderError('unsupported', 'This browser cannot record audio (no MediaRecorder).');
      if (!options.stream.getAudioTracks().some((t) => t.readyState === 'live')) {
        throw new RecorderError('no-audio', 'The microphone is not delivering audio; check it and try again.');
      }
      const preferred = pickRecordingMimeType((t) => Recorder.isTypeSupported(t));
      let created: MediaRecorder;
      try {
        created = new Recorder(options.stream, {
          ...(preferred ? { mimeType: preferred } : {}),
          audioBitsPerSecond: options.audioBitsPerSecond ?? VOICE_BITS_PER_SECOND,
        });
      } catch (error) {
        throw new RecorderError('unsupported', 'This browser cannot record audio in a supported format.', { cause: error });
      }
      mimeType = created.mimeType || preferred || 'audio/webm';
      await createRecording(
        { interviewId: options.interviewId, questionId: options.questionId, mimeType, startedAt: now(), id: recordingId },
        db,
      );
      recorder = created;
      created.addEventListener('dataavailable', onData);
      created.addEventListener('stop', onStop);
      created.addEventListener('error', onError);
      try {
        startedAt = now();
        created.start(timeslice);
        state = 'recording';
      } catch (error) {
        recorder = null;
        await discardRecording(recordingId, db).catch(() => undefined);
        throw new RecorderError('start-failed', 'Recording could not start.', { cause: error });
      }
    },

    pause() {
      if (state !== 'recording' || !recorder) return;
      recorder.pause();
      pausedSince = now();
      state = 'paused';
    },

    resume() {
      if (state !== 'paused' || !recorder) return;
      recorder.resume();
      if (pausedSince !== null) pausedTotal += now() - pausedSince;
      pausedSince = null;
      state = 'recording';
    },

    async stop() {
      if (state === 'idle') throw new RecorderError('state', 'Nothing is being recorded.');
      if (state === 'recording' || state === 'paused') {
        stopRequested = true;
        finalElapsed = elapsedMs();
        state = 'stopping';
        halt();
      }
      return done;
    },

    async cancel() {
      cancelRequested = true;
      stopRequested = true;
      if (state === 'idle') {
        finish({ type: 'cancelled', recordingId });
        return done;
      }
      if (state === 'recording' || state === 'paused') {
        state = 'stopping';
        halt();
      }
      return done;
    },
  };
}

/**
 * The stage event a finished take leads to: STOP_RECORDING (or TIME_LIMIT_REACHED
 * when the clock stopped it) for a complete take, FAIL with the audio stored so
 * far for anything else; nothing for a cancelled take.
 */
export function stageEventForOutcome(
  outcome: RecordingOutcome,
  context: { at: number; actor: Actor; questionId: string; stoppedBy: 'guest' | 'time-limit' },
): StageEvent | null {
  const { at, actor } = context;
  switch (outcome.type) {
    case 'complete':
      return context.stoppedBy === 'time-limit'
        ? { type: 'TIME_LIMIT_REACHED', actor, at, questionId: context.questionId, durationMs: outcome.record.durationMs }
        : { type: 'STOP_RECORDING', actor, at, recordingId: outcome.recordingId, durationMs: outcome.record.durationMs };
    case 'storage-full':
      return {
        type: 'FAIL',
        actor,
        at,
        code: 'storage-full',
        message: 'This device is out of storage space. The recording stopped; everything recorded so far is saved.',
        recordedMs: outcome.storedMs,
      };
    case 'failed':
      return {
        type: 'FAIL',
        actor,
        at,
        code: outcome.code,
        message: outcome.error.message,
        recordedMs: outcome.storedMs,
      };
    case 'cancelled':
      return null;
  }
}
