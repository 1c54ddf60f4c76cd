/**
 * Uploads every finished answer of one interview from the guest's device, one
 * at a time, whenever the device is online: on start, on `online` events, when
 * a new take is finished, and again a while after a network failure. It keeps
 * no state of its own: IndexedDB says which takes exist and which are uploaded,
 * the server says how far each upload got, so a reload simply starts it again.
 */
import { appDb, type InterqDatabase, type RecordingRecord } from '../storage/db';
import { uploadRecording, type RetryOptions, type UploadProgress } from './upload-recording';
import { readUploadStatus } from './upload-status';
import type { UploadRecord, UploadStatus } from './protocol';

type Placement = UploadRecord['transcribeOn'];

export interface UploadQueueOptions {
  interviewId: string;
  /** The guest's token; a function so a newer link is picked up without rebuilding the queue. */
  token: string | (() => string | null | Promise<string | null>);
  /** Where the take's transcript will be made; goes into the UploadRecord staff read. */
  transcribeOn: (take: RecordingRecord) => Placement;
  /** Called once per uploaded take (again after a crash before it finished: make it idempotent). */
  onUploaded: (record: UploadRecord) => Promise<void> | void;
  /** Every status change and progress step, for the UI. */
  onStatus?: (status: UploadStatus, progress: UploadProgress | null) => void;
  db?: InterqDatabase;
  fetch?: typeof fetch;
  partBytes?: number;
  retry?: RetryOptions;
  /** Where `online` events come from (the window in the app). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  isOnline?: () => boolean;
  /** After a network failure while still online, try again after this long (default 30 s). */
  retryAfterMs?: number;
  now?: () => number;
}

export interface QueueRun {
  uploaded: string[];
  failed: { recordingId: string; retryable: boolean; detail: string | null }[];
  /** Why nothing was tried, when nothing was. */
  skipped?: 'offline' | 'no-token' | 'stopped';
}

export interface UploadQueue {
  /** Starts listening and runs once. */
  start(): void;
  /** A take was finished (or the app wants a run now); runs after the current one when busy. */
  notifyNewTake(): void;
  /** One pass over the interview's takes; resolves when it is over (used by `start`, tests and the UI's "retry"). */
  runOnce(): Promise<QueueRun>;
  /** Resolves when no run is in progress or asked for. */
  idle(): Promise<void>;
  /** Pauses the upload in flight (it resumes later from the server's offset) and stops listening. */
  stop(): void;
}

/** The takes to upload: finished answers (replaced takes are already `discarded`), oldest first. */
async function finishedTakes(interviewId: string, db: InterqDatabase): Promise<RecordingRecord[]> {
  const takes = await db.recordings.where('interviewId').equals(interviewId).toArray();
  return takes.filter((t) => t.status === 'complete').sort((a, b) => a.startedAt - b.startedAt);
}

export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const db = options.db ?? appDb();
  const now = options.now ?? Date.now;
  const events = options.events ?? (typeof window !== 'undefined' ? window : undefined);
  const isOnline = options.isOnline ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine ?? true);
  const retryAfterMs = options.retryAfterMs ?? 30_000;

  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let current: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const getToken = async () => (typeof options.token === 'function' ? await options.token() : options.token);

  // Passes never overlap, whoever asks for them: two would upload the same take at once.
  let chain: Promise<unknown> = Promise.resolve();
  function runOnce(): Promise<QueueRun> {
    const next = chain.then(pass);
    chain = next.catch(() => undefined);
    return next;
  }

  async function pass(): Promise<QueueRun> {
    const result: QueueRun = { uploaded: [], failed: [] };
    if (stopped) return { ...result, skipped: 'stopped' };
    if (!isOnline()) return { ...result, skipped: 'offline' };
    const token = await getToken();
    if (!token) return { ...result, skipped: 'no-token' };
    for (const take of await finishedTakes(options.interviewId, db)) {
      if (stopped) break;
      if ((await readUploadStatus(take.id, db))?.state === 'uploaded') continue;
      current = new AbortController();
      let outcome;
      try {
        outcome = await uploadRecording({
          interviewId: options.interviewId,
          recordingId: take.id,
          token,
          db,
          fetch: options.fetch,
          partBytes: options.partBytes,
          retry: options.retry,
          signal: current.signal,
          now,
          onProgress: (p) => options.onStatus?.({ recordingId: take.id, interviewId: options.interviewId, questionId: take.questionId, state: 'uploading', sentBytes: p.sentBytes, totalBytes: p.totalBytes, detail: null, at: now() }, p),
          onComplete: (u) =>
            options.onUploaded({
              recordingId: u.recordingId,
              questionId: u.questionId,
              mimeType: u.mimeType,
              bytes: u.bytes,
              sha256: u.sha256,
              durationSec: u.durationMs / 1000,
              transcribeOn: options.transcribeOn(take),
              at: now(),
            }),
        });
      } catch (error) {
        // Aborted by stop(): the status says "paused" and the next run resumes.
        if (current.signal.aborted) break;
        throw error;
      } finally {
        current = null;
      }
      options.onStatus?.(outcome.status, null);
      if (outcome.ok) result.uploaded.push(take.id);
      else {
        result.failed.push({ recordingId: take.id, retryable: outcome.retryable, detail: outcome.status.detail });
        // The network is gone: the other takes would fail the same way; wait for it to come back.
        if (outcome.retryable) break;
      }
    }
    if (!stopped && result.failed.some((f) => f.retryable)) scheduleRetry();
    return result;
  }

  function scheduleRetry() {
    if (retryTimer || stopped) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      kick();
    }, retryAfterMs);
  }

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await runOnce();
        } catch (error) {
          // IndexedDB trouble: the statuses were written where possible; the next event runs it again.
          console.error('upload queue run failed', error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  }

  const onOnline = () => kick();

  return {
    start() {
      events?.addEventListener('online', onOnline);
      kick();
    },
    notifyNewTake: kick,
    runOnce,
    async idle() {
      while (running) await running;
      await chain;
    },
    stop() {
      stopped = true;
      events?.removeEventListener('online', onOnline);
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      current?.abort(new DOMException('The upload queue was stopped.', 'AbortError'));
    },
  };
}
