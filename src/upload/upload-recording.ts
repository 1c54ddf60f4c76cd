/**
 * Uploads one finished take from IndexedDB to the sync server, resumably: the
 * server says how many bytes it holds and the upload goes on from there, so a
 * reload, a dropped connection or a restarted server costs at most the parts in flight (two, MAX_PARTS_IN_FLIGHT).
 * The audio on the device is never touched; a failure only changes the status.
 */
import { appDb, type InterqDatabase } from '../storage/db';
import { assembleRecording, getRecording } from '../storage/recordings';
import { retryDelayMs, sleep } from './backoff';
import { sha256Hex } from '../domain/sha256';
import { saveUploadStatus, readUploadStatus } from './upload-status';
import { DEFAULT_PART_BYTES, MAX_PART_BYTES, recordingsPath, UploadState, type UploadStatus } from './protocol';
import { createPartPacer, createPartTimer, FIRST_PACED_PART_BYTES } from './upload-pacing';

/** HTTP 421 Misdirected Request: a node that does not own the interview (sync-server/cluster/request-gate.ts). */
const MISDIRECTED = 421;

/**
 * Parts of one upload on their way at once. Two keep a high-latency uplink busy: the next part leaves while the
 * answer to the one before it crosses the round trip. More would only queue more bytes in front of the sync frames
 * that share the uplink (upload-pacing.ts), and the server waits for at most the part just before a part
 * (sync-server/uploads/parts-in-flight.ts).
 */
export const MAX_PARTS_IN_FLIGHT = 2;

/**
 * A bare request the server answers at once and empty (sync-server/http/ping-route.ts), sent beside the create only so
 * that the browser opens a second connection (openSecondConnection).
 */
const PING_PATH = '/api/ping';

/** A request's answer, the tries it took and when it came (monotonic clock). */
interface Sent {
  res: Response;
  tries: number;
  at: number;
}

interface PartInFlight {
  offset: number;
  end: number;
  sentAt: number;
  /** When its body should have left the device by the pacer's rate (null before the rate is known). */
  leftAt: number | null;
  /** Its answer came and is not 200: the parts behind it are out of line, so none is started until it is handled. */
  refused: boolean;
  generation: number;
  controller: AbortController;
  answer: Promise<Sent>;
}

/** 'answered' if `answer` settles within `ms`, else 'time'; a rejection is thrown. */
async function answeredWithin(answer: Promise<unknown>, ms: number): Promise<'answered' | 'time'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([answer.then(() => 'answered' as const), new Promise<'time'>((resolve) => (timer = setTimeout(() => resolve('time'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

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
  const partTimer = createPartTimer(pacer);
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
   * One request, retried on network errors, 5xx and 421 with capped backoff; any other answer is returned with the
   * tries it took. A 421 comes from a node that does not own the interview while another node's lease runs (behind
   * the proxy it is followed to the owner; a device talking to a node directly sees it): the owner may die and this
   * node take over once the lease expires, so it is worth asking again, not a reason to give the answer up. Each
   * request counts its own failures in a row: two parts in flight meeting one outage give up no sooner than one.
   */
  async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit; signal?: AbortSignal }): Promise<Sent> {
    const requestSignal = init.signal ?? signal;
    let failuresInARow = 0;
    for (let tries = 1; ; tries++) {
      requestSignal?.throwIfAborted();
      let res: Response | null = null;
      try {
        res = await doFetch(path, { method, signal: requestSignal, headers: { Authorization: `Bearer ${token}`, ...init.headers }, body: init.body });
      } catch (error) {
        if (requestSignal?.aborted) throw requestSignal.reason;
        void error;
      }
      if (res && res.status < 500 && res.status !== MISDIRECTED) return { res, tries, at: clock() };
      await res?.body?.cancel().catch(() => undefined);
      failuresInARow += 1;
      if (failuresInARow >= attempts) {
        throw new UploadFailure(res ? `The server had trouble (${res.status}); the answer is kept on this device and will be sent again.` : UNREACHABLE, true);
      }
      await setStatus({ state: 'waiting', detail: res ? `The server had trouble (${res.status}); trying again.` : 'The connection dropped; trying again.' });
      await sleep(retryDelayMs(failuresInARow, backoff, options.random), requestSignal);
    }
  }

  async function readState(res: Response): Promise<UploadState> {
    const parsed = UploadState.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new UploadFailure('The server sent an answer this app does not understand; the answer is kept on this device.', true);
    return parsed.data;
  }

  async function createUpload(): Promise<{ state: UploadState; sent: Sent }> {
    const sent = await send('POST', recordingsPath(interviewId), {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ recordingId, questionId: record!.questionId, mimeType, totalBytes, sha256, durationMs }),
    });
    if (sent.res.status === 200 || sent.res.status === 201) return { state: await readState(sent.res), sent };
    // 401/403 (link revoked, expired, wrong role), 409 (different audio), 413 (too large), 400: a person must act.
    throw new UploadFailure(await errorMessage(sent.res), false);
  }

  /**
   * Opens a second connection to the server beside the create, with a bare GET /api/ping: the third part is the first
   * sent while another is in flight (the second waits for the first's answer, which gives the rate), and HTTP/1.1
   * carries one request at a time, so that part needed a connection of its own. Opened then, the connection's TCP (and
   * TLS) handshake came inside the part's time: the pacer read it as a slow uplink (on Slow 3G 1.65 times the
   * estimate), the parts fell to 16-24 KiB and took about eight parts to grow back (about 5 s more per 1 MiB; the
   * upload model: 37.5 s for 1 MiB against 33.1 s with no handshake). Beside the create the ping's handshake and round
   * trip are over about when the first part is sent, and its connection waits, kept alive, for the third part (the
   * model: 33.1 s). Not beside the first part: the ping then still held its connection (a handshake and a round trip,
   * two round trips) when the third part was sent, about a round trip and two parts later, and the browser opened a
   * third (bench:slow-network). Its answer and any failure do not matter; over HTTP/2 it is one more request on the
   * one connection.
   */
  function openSecondConnection(): void {
    doFetch(PING_PATH, { cache: 'no-store', signal }).then(
      (res) => res.body?.cancel().catch(() => undefined),
      () => undefined,
    );
  }

  /** Parts sent and not yet handled, oldest first: at most MAX_PARTS_IN_FLIGHT. */
  const inFlight: PartInFlight[] = [];
  /** Bumped when the server starts the upload again (422, 404): answers to parts sent before say nothing now. */
  let generation = 0;

  /** Sends the part from `offset`, sized by the pacer (or fixed); its answer is handled later, in order. */
  function startPart(offset: number): PartInFlight {
    const end = Math.min(offset + (fixedPartBytes ?? pacer.nextPartBytes()), totalBytes);
    const sentAt = clock();
    const rate = pacer.uplinkBytesPerSec();
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal!.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const answer = send('PATCH', recordingsPath(interviewId, recordingId), {
      headers: { 'Content-Type': 'application/octet-stream', 'Upload-Offset': String(offset) },
      body: bytes.subarray(offset, end),
      signal: controller.signal,
    }).finally(() => signal?.removeEventListener('abort', onAbort));
    const part: PartInFlight = {
      offset,
      end,
      sentAt,
      // Its body is behind the part before it on the uplink, if that one has not left yet.
      leftAt: rate ? Math.max(sentAt, inFlight.at(-1)?.leftAt ?? sentAt) + ((end - offset) / rate) * 1000 : null,
      refused: false,
      generation,
      controller,
      answer,
    };
    // Handled in order when its turn comes; a failure while an earlier part is handled must not go unheard.
    answer.then(
      (sent) => void (part.refused = sent.res.status !== 200),
      () => undefined,
    );
    inFlight.push(part);
    return part;
  }

  try {
    await setStatus({ state: 'uploading', totalBytes, detail: null, questionId: record.questionId });
    // The create is a bare request: its time seeds the pacer's round trip, which every part then corrects
    // (a create that met a busy server must not make the parts look free).
    const createdAt = clock();
    const creating = createUpload();
    // Only where a third part is likely: a take of one or two parts never has two in flight.
    if (totalBytes > 2 * (fixedPartBytes ?? FIRST_PACED_PART_BYTES)) openSecondConnection();
    const created = await creating;
    let state = created.state;
    if (created.sent.tries === 1) pacer.observeRoundTrip(created.sent.at - createdAt);
    let restarted = false;
    let recreated = false;
    options.onProgress?.(sentFromServer(state));
    await setStatus({ ...sentFromServer(state) });
    /** Where the next part starts: past the parts in flight while they line up with the server's offset. */
    let nextOffset = state.receivedBytes;
    /**
     * A part came back out of line (409, a reset, an offset other than its end): nothing more is sent until the
     * parts in flight are answered; then the upload goes on from the furthest offset the server named since.
     */
    let resync = false;
    /**
     * The answer that named the furthest offset since the upload last went on from the server's offset (null: none).
     * Within one generation the server's offset only grows, so the furthest is the freshest, whatever order the
     * answers arrived in: two parts in flight travel on two connections, and an answer the server gave first may
     * arrive last (a 409 for the second part, given before the first part was stored, behind the first part's 200).
     * Going on from the answer that arrived last went back to that 409's offset and sent again a part the device had
     * just been told was stored. Forgotten at each resync: a server that lost bytes (a restored backup) answers the
     * next part 409 with its own offset, and the upload goes on from there.
     */
    let furthest: UploadState | null = null;
    const heard = (s: UploadState) => {
      if (furthest === null || s.receivedBytes > furthest.receivedBytes) furthest = s;
    };
    while (!state.complete) {
      signal?.throwIfAborted();
      if (resync && inFlight.length === 0) {
        resync = false;
        state = furthest ?? state;
        furthest = null;
        nextOffset = state.receivedBytes;
        options.onProgress?.(sentFromServer(state));
        await setStatus({ state: 'uploading', detail: null, ...sentFromServer(state) });
        continue;
      }
      // The next part goes once the one before it should have left the device (the pacer's rate; fetch tells no
      // upload progress), not a round trip later when its answer comes: on a high-latency link the uplink would
      // otherwise idle for the whole round trip of every part.
      if (!resync && inFlight.length < MAX_PARTS_IN_FLIGHT && nextOffset < totalBytes && !inFlight.some((p) => p.refused)) {
        const before = inFlight.at(-1);
        if (!before) {
          nextOffset = startPart(nextOffset).end;
          continue;
        }
        if (before.leftAt !== null) {
          const waitMs = before.leftAt - clock();
          if (waitMs <= 0 || (await answeredWithin(inFlight[0]!.answer, waitMs)) === 'time') {
            nextOffset = startPart(nextOffset).end;
            continue;
          }
        }
      }
      const part = inFlight.shift();
      if (!part) {
        // Every part answered and the server is not complete: go on from its offset.
        resync = true;
        continue;
      }
      const { res, tries, at } = await part.answer;
      // Only a part answered in line at its first try says when the uplink was free for the part behind it.
      if (part.generation === generation && res.status === 200 && tries === 1) partTimer.answered(part.end - part.offset, { sentAt: part.sentAt, answeredAt: at });
      else partTimer.skipped();
      if (part.generation !== generation) {
        // Sent before the server started the upload again: its answer describes what is gone.
        await res.body?.cancel().catch(() => undefined);
        continue;
      }
      if (res.status === 200) {
        state = await readState(res);
        heard(state);
        if (state.receivedBytes !== part.end && !state.complete) resync = true;
      } else if (res.status === 409) {
        // 409: the server holds a different amount than we thought (a retried part did arrive, or the part before this
        // one did not); go on from its offset once the parts in flight are answered.
        heard(await readState(res));
        resync = true;
        continue;
      } else if (res.status === 422) {
        await res.body?.cancel().catch(() => undefined);
        if (restarted) throw new UploadFailure('The upload arrived damaged twice; the answer is kept on this device. Check the connection and try again.', true);
        restarted = true;
        generation += 1;
        state = { ...state, receivedBytes: 0 };
        furthest = state;
        resync = true;
      } else if (res.status === 404 && !recreated) {
        // The server lost the upload (a restored backup): start it again.
        await res.body?.cancel().catch(() => undefined);
        recreated = true;
        generation += 1;
        const again = await createUpload();
        state = again.state;
        furthest = state;
        resync = true;
      } else {
        throw new UploadFailure(await errorMessage(res), false);
      }
      options.onProgress?.(sentFromServer(state));
      await setStatus({ state: 'uploading', detail: null, ...sentFromServer(state) });
    }
    // Complete on the server: a part still on its way (an answer that ran ahead of a resync) is not needed.
    for (const part of inFlight.splice(0)) part.controller.abort(new DOMException('The upload is complete.', 'AbortError'));
    const upload: CompletedUpload = { recordingId, questionId: record.questionId, mimeType, bytes: totalBytes, sha256, durationMs };
    await options.onComplete?.(upload);
    await setStatus({ state: 'uploaded', sentBytes: totalBytes, totalBytes, detail: null });
    return { ok: true, upload, status };
  } catch (error) {
    // A part still in flight is of no use once the upload stopped (or finished): the server's offset says where to resume.
    for (const part of inFlight.splice(0)) part.controller.abort(error);
    if (signal?.aborted) {
      await setStatus({ state: 'waiting', detail: 'Upload paused; it goes on from where it stopped.' });
      throw signal.reason;
    }
    if (error instanceof UploadFailure) return fail(error.message, error.retryable);
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`The upload stopped: ${detail}. The answer is kept on this device.`, true);
  }
}
