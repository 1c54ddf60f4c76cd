/**
 * Uploads one finished take from IndexedDB to the sync server, resumably: the
 * server says how many bytes it holds and the upload goes on from there, so a
 * reload, a dropped connection or a restarted server costs at most one part.
 * The audio on the device is never touched; a failure only changes the status.
 */
import { appDb, type InterqDatabase } from '../storage/db';
import { assembleRecording, getRecording } from '../storage/recordings';
import { retryDelayMs, sleep } from './backoff';
import { sha256Hex } from '../domain/sha256';
import { saveUploadStatus, readUploadStatus } from './upload-status';
import { DEFAULT_PART_BYTES, MAX_PART_BYTES, recordingsPath, UploadState, type UploadStatus } from './protocol';
import { createPartPacer } from './upload-pacing';

/** HTTP 421 Misdirected Request: a node that does not own the interview (sync-server/cluster/request-gate.ts). */
const MISDIRECTED = 421;

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

/** What the server holds once the upload is complete; the queue turns it into the stage document's UploadRecord. */
export interface CompletedUpload {
  recordingId: string;
  questionId: string;
  mimeType: string;
  bytes: number;
  sha256: string;
  durationMs: number;
}

export interface RetryOptions {
  /** Consecutive network errors or 5xx answers before the upload is reported failed (default 6). */
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
}

export interface UploadRecordingOptions {
  interviewId: string;
  recordingId: string;
  token: string;
  db?: InterqDatabase;
  fetch?: typeof fetch;
  /**
   * A fixed size for every part. Without it the parts are paced (upload-pacing.ts): about one second of the
   * measured uplink each, from 16 KiB up to DEFAULT_PART_BYTES, so sync frames never wait behind a long part.
   */
  partBytes?: number;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  retry?: RetryOptions;
  /**
   * Runs once the server holds the complete, verified recording and before the
   * status becomes `uploaded`: if the app stops in between, the next run finds
   * the upload complete and calls it again, so nothing waiting on it is skipped.
   */
  onComplete?: (upload: CompletedUpload) => Promise<void> | void;
  now?: () => number;
  random?: () => number;
}

export type UploadResult =
  | { ok: true; upload: CompletedUpload; status: UploadStatus }
  /** `retryable`: worth trying again later by itself (network, server trouble); otherwise someone must act. */
  | { ok: false; retryable: boolean; status: UploadStatus };

class UploadFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'UploadFailure';
  }
}

const UNREACHABLE = 'The server cannot be reached; the answer is kept on this device and uploads when the connection is back.';

async function errorMessage(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  return typeof body?.error === 'string' ? body.error : `The server answered ${res.status}.`;
}

export async function uploadRecording(options: UploadRecordingOptions): Promise<UploadResult> {
  const { interviewId, recordingId, token, signal } = options;
  const db = options.db ?? appDb();
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const fixedPartBytes = options.partBytes === undefined ? null : Math.max(1, Math.min(options.partBytes, MAX_PART_BYTES));
  const pacer = createPartPacer({ maxPartBytes: DEFAULT_PART_BYTES });
  const now = options.now ?? Date.now;
  /** Elapsed times for pacing come from a monotonic clock (a test's `now` may stand still). */
  const clock = () => globalThis.performance?.now() ?? Date.now();
  const attempts = options.retry?.attempts ?? 6;
  const backoff = { baseMs: options.retry?.baseMs ?? 1000, maxMs: options.retry?.maxMs ?? 30_000 };

  const record = await getRecording(recordingId, db);
  const previous = await readUploadStatus(recordingId, db);
  let status: UploadStatus = previous ?? {
    recordingId,
    interviewId,
    questionId: record?.questionId ?? '',
    state: 'waiting',
    sentBytes: 0,
    totalBytes: record?.bytes ?? 0,
    detail: null,
    at: now(),
  };
  const setStatus = async (patch: Partial<UploadStatus>) => {
    status = { ...status, ...patch, at: now() };
    await saveUploadStatus(status, db);
  };
  const fail = async (message: string, retryable: boolean): Promise<UploadResult> => {
    await setStatus({ state: 'failed', detail: message });
    return { ok: false, retryable, status };
  };

  if (!record || record.status === 'discarded') return fail(`Recording ${recordingId} is no longer on this device; there is nothing to upload.`, false);
  if (record.status !== 'complete') return fail('This answer is still being recorded; it uploads once it is finished.', false);
  if (record.interviewId !== interviewId) return fail(`Recording ${recordingId} belongs to another interview.`, false);

  const blob = await assembleRecording(recordingId, db);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (bytes.length === 0) return fail('This answer has no audio, so there is nothing to upload.', false);
  const sha256 = await sha256Hex(bytes);
  const mimeType = record.mimeType || 'audio/webm';
  const durationMs = Math.round(record.durationMs);
  const totalBytes = bytes.length;
  const sentFromServer = (s: UploadState) => ({ sentBytes: s.receivedBytes, totalBytes: s.totalBytes });

  /**
   * One request, retried on network errors, 5xx and 421 with capped backoff; any other answer is returned. A 421
   * comes from a node that does not own the interview while another node's lease runs (behind the proxy it is
   * followed to the owner; a device talking to a node directly sees it): the owner may die and this node take
   * over once the lease expires, so it is worth asking again, not a reason to give the answer up.
   */
  let failuresInARow = 0;
  /** Tries the last `send` took: a part that needed a retry says nothing about the uplink's speed. */
  let lastSendTries = 0;
  async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit }): Promise<Response> {
    lastSendTries = 0;
    for (;;) {
      lastSendTries += 1;
      signal?.throwIfAborted();
      let res: Response | null = null;
      try {
        res = await doFetch(path, { method, signal, headers: { Authorization: `Bearer ${token}`, ...init.headers }, body: init.body });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        void error;
      }
      if (res && res.status < 500 && res.status !== MISDIRECTED) {
        failuresInARow = 0;
        return res;
      }
      await res?.body?.cancel().catch(() => undefined);
      failuresInARow += 1;
      if (failuresInARow >= attempts) {
        throw new UploadFailure(res ? `The server had trouble (${res.status}); the answer is kept on this device and will be sent again.` : UNREACHABLE, true);
      }
      await setStatus({ state: 'waiting', detail: res ? `The server had trouble (${res.status}); trying again.` : 'The connection dropped; trying again.' });
      await sleep(retryDelayMs(failuresInARow, backoff, options.random), signal);
    }
  }

  async function readState(res: Response): Promise<UploadState> {
    const parsed = UploadState.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new UploadFailure('The server sent an answer this app does not understand; the answer is kept on this device.', true);
    return parsed.data;
  }

  async function createUpload(): Promise<UploadState> {
    const res = await send('POST', recordingsPath(interviewId), {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ recordingId, questionId: record!.questionId, mimeType, totalBytes, sha256, durationMs }),
    });
    if (res.status === 200 || res.status === 201) return readState(res);
    // 401/403 (link revoked, expired, wrong role), 409 (different audio), 413 (too large), 400: a person must act.
    throw new UploadFailure(await errorMessage(res), false);
  }

  try {
    await setStatus({ state: 'uploading', totalBytes, detail: null, questionId: record.questionId });
    // The create is a bare request: its time seeds the pacer's round trip, which every part then corrects
    // (a create that met a busy server must not make the parts look free).
    const createdAt = clock();
    let state = await createUpload();
    if (lastSendTries === 1) pacer.observeRoundTrip(clock() - createdAt);
    let restarted = false;
    let recreated = false;
    options.onProgress?.(sentFromServer(state));
    await setStatus({ ...sentFromServer(state) });
    while (!state.complete) {
      const offset = state.receivedBytes;
      const end = Math.min(offset + (fixedPartBytes ?? pacer.nextPartBytes()), totalBytes);
      const sentAt = clock();
      const res = await send('PATCH', recordingsPath(interviewId, recordingId), {
        headers: { 'Content-Type': 'application/octet-stream', 'Upload-Offset': String(offset) },
        body: bytes.subarray(offset, end),
      });
      if (res.status === 200) {
        state = await readState(res);
        if (lastSendTries === 1) pacer.observePart(end - offset, clock() - sentAt);
      } else if (res.status === 409) {
        // 409: the server holds a different amount than we thought (a retried part did arrive); go on from its offset.
        state = await readState(res);
      } else if (res.status === 422) {
        await res.body?.cancel().catch(() => undefined);
        if (restarted) throw new UploadFailure('The upload arrived damaged twice; the answer is kept on this device. Check the connection and try again.', true);
        restarted = true;
        state = { ...state, receivedBytes: 0 };
      } else if (res.status === 404 && !recreated) {
        // The server lost the upload (a restored backup): start it again.
        await res.body?.cancel().catch(() => undefined);
        recreated = true;
        state = await createUpload();
      } else {
        throw new UploadFailure(await errorMessage(res), false);
      }
      options.onProgress?.(sentFromServer(state));
      await setStatus({ state: 'uploading', detail: null, ...sentFromServer(state) });
    }
    const upload: CompletedUpload = { recordingId, questionId: record.questionId, mimeType, bytes: totalBytes, sha256, durationMs };
    await options.onComplete?.(upload);
    await setStatus({ state: 'uploaded', sentBytes: totalBytes, totalBytes, detail: null });
    return { ok: true, upload, status };
  } catch (error) {
    if (signal?.aborted) {
      await setStatus({ state: 'waiting', detail: 'Upload paused; it goes on from where it stopped.' });
      throw signal.reason;
    }
    if (error instanceof UploadFailure) return fail(error.message, error.retryable);
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`The upload stopped: ${detail}. The answer is kept on this device.`, true);
  }
}
