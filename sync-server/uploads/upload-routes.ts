/**
 * HTTP routes for resumable answer-audio uploads. The guest's device creates an
 * upload and PATCHes parts at the offset the server names; staff who may read
 * the answer key (host, interviewer) list and download complete recordings.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtraRoute, RouteContext } from '../http/api-routes';
import { HttpError, readJsonBody, sendJson } from '../http/json';
import { tokenCoversInterview, type TokenClaims } from '../auth/tokens';
import { canRead } from '../../src/domain/access';
import { SESSION_ID_PATTERN } from '../../src/domain/interview';
import { CreateUploadRequest, isAllowedAudioMimeType, MAX_PART_BYTES, MAX_RECORDINGS_PER_INTERVIEW, UPLOAD_ID_PATTERN } from '../../src/upload/protocol';
import type { RecordingStore } from './recording-store';
import { readCappedBody } from './capped-body';
import { awaitsContinue } from '../http/expect-continue';
import { PartsInFlight } from './parts-in-flight';
import { absentRecordingError, audioExpiredError } from './expired-audio';

export interface UploadRouteDeps {
  store: RecordingStore;
  maxRecordingBytes: number;
  /** Largest PATCH body (MAX_PART_BYTES unless a test narrows it). */
  maxPartBytes?: number;
  /**
   * Whether the host deleted the interview (interviews/delete-interview.ts `check`: this node's record, else the
   * shared store, since another node may have deleted it). A link that is still valid, such as one minted before the
   * deletion and never recorded as an invite, must not store audio for it again.
   */
  isInterviewDeleted: (interviewId: string) => Promise<boolean>;
  /** The parts being received now, so a part may arrive while the one before it is still on its way (a test may pass its own). */
  partsInFlight?: PartsInFlight;
  /**
   * This request's part completed the recording (stored and checked against its SHA-256): the wrap-up's status
   * counts complete recordings, and hears of one only here (the app server passes its status projection's).
   */
  onCompleted?: (interviewId: string, recordingId: string) => void;
}

const ID = '([^/]+)';
const LIST = new RegExp(`^/api/interviews/${ID}/recordings$`);
const ONE = new RegExp(`^/api/interviews/${ID}/recordings/${ID}$`);
const AUDIO = new RegExp(`^/api/interviews/${ID}/recordings/${ID}/audio$`);

function decode(raw: string | undefined, pattern: RegExp, what: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw ?? '');
  } catch {
    throw new HttpError(400, `The ${what} in the address is not valid.`);
  }
  if (!pattern.test(value)) throw new HttpError(400, `The ${what} in the address is not valid.`);
  return value;
}

function interviewOf(ctx: RouteContext): { claims: TokenClaims; interviewId: string } {
  const interviewId = decode(ctx.params[0], SESSION_ID_PATTERN, 'interview id');
  const claims = ctx.claims!;
  if (!tokenCoversInterview(claims, interviewId)) throw new HttpError(403, 'This link is for another interview.');
  return { claims, interviewId };
}

const isStaff = (claims: TokenClaims) => canRead(claims.role, 'key');

function requireGuest(claims: TokenClaims): void {
  if (claims.role !== 'guest') throw new HttpError(403, "Only the candidate's device uploads answer recordings.");
}

function requireStaff(claims: TokenClaims): void {
  if (!isStaff(claims)) throw new HttpError(403, 'Only the host and interviewers may list or download answer recordings.');
}

const DELETED = 'This interview was deleted by its host, so the server takes no more recordings for it; nothing was stored.';

function missing(recordingId: string): HttpError {
  return new HttpError(404, `No upload of recording ${recordingId} on this server; create it first.`);
}

/** The part's declared size, or null (chunked, or not a number). */
function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  return raw !== undefined && /^\d{1,15}$/.test(raw.trim()) ? Number(raw) : null;
}

export function uploadRoutes(deps: UploadRouteDeps): ExtraRoute[] {
  const { store, maxRecordingBytes } = deps;
  const maxPartBytes = deps.maxPartBytes ?? MAX_PART_BYTES;
  const inFlight = deps.partsInFlight ?? new PartsInFlight();

  async function create(req: IncomingMessage, res: ServerResponse, ctx: RouteContext) {
    const { claims, interviewId } = interviewOf(ctx);
    requireGuest(claims);
    if (await deps.isInterviewDeleted(interviewId)) throw new HttpError(410, DELETED);
    const parsed = CreateUploadRequest.safeParse(await readJsonBody(req, 16 * 1024));
    if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (parsed.data.totalBytes > maxRecordingBytes) {
      throw new HttpError(413, `The recording is ${parsed.data.totalBytes} bytes; this server accepts at most ${maxRecordingBytes} bytes per recording.`);
    }
    // Under the lease epoch the request was admitted with (cluster mode): refused once another node took over.
    const result = await store.create(interviewId, parsed.data, claims.sub, undefined, ctx.epoch);
    switch (result.kind) {
      case 'created':
        return sendJson(res, 201, result.state);
      case 'existing':
        return sendJson(res, 200, result.state);
      case 'conflict':
        throw new HttpError(409, `Recording ${parsed.data.recordingId} was already uploaded with different audio (size or checksum); record the answer again under a new id.`);
      case 'too-many':
        throw new HttpError(429, `This interview already holds ${MAX_RECORDINGS_PER_INTERVIEW} recordings, the most this server keeps for one interview.`);
      case 'deleted':
        // Deleted after the check above, while the request was read: refused in the write's own transaction.
        throw new HttpError(410, DELETED);
      case 'expired':
        throw audioExpiredError(result.expired);
      case 'over-budget':
        throw new HttpError(
          413,
          `This interview's recordings already take ${result.usedBytes} bytes on the server; with this one they would pass the server's limit for one interview. The recording stays on this device: ask the host.`,
        );
    }
  }

  async function appendPart(req: IncomingMessage, res: ServerResponse, ctx: RouteContext) {
    const { claims, interviewId } = interviewOf(ctx);
    requireGuest(claims);
    const recordingId = decode(ctx.params[1], UPLOAD_ID_PATTERN, 'recording id');
    const offsetHeader = req.headers['upload-offset'];
    const offset = typeof offsetHeader === 'string' && /^\d{1,15}$/.test(offsetHeader.trim()) ? Number(offsetHeader) : NaN;
    if (!Number.isSafeInteger(offset)) throw new HttpError(400, 'Send the part\'s position as header Upload-Offset: <whole number of bytes>.');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/octet-stream') throw new HttpError(415, 'Send the part as Content-Type: application/octet-stream.');
    // From here until it is answered, a part that starts where this one ends waits for it (parts-in-flight.ts). Counted
    // before the route's first wait: the deleted check is a query on PostgreSQL, and the part behind this one, on
    // another connection, could get its answer first, find no part ahead and be refused 409 (then sent again).
    const receipt = inFlight.begin(interviewId, recordingId, offset, declaredLength(req));
    try {
      if (await deps.isInterviewDeleted(interviewId)) throw new HttpError(410, DELETED);
      return await receiveAndStore(req, res, ctx, interviewId, recordingId, offset);
    } finally {
      receipt.done();
    }
  }

  async function receiveAndStore(req: IncomingMessage, res: ServerResponse, ctx: RouteContext, interviewId: string, recordingId: string, offset: number) {
    const found = await store.get(interviewId, recordingId);
    if (!found) throw await absentRecordingError(store, interviewId, recordingId, missing(recordingId));
    // A client waiting for 100 Continue (Expect: 100-continue) before it sends a part the server does not expect next
    // is answered 409 with the offset to resume at, as the store would, before it sends the part for nothing; a part
    // right behind one still arriving is expected next.
    if (awaitsContinue(req) && offset !== found.state.receivedBytes && !inFlight.hasPredecessor(interviewId, recordingId, offset)) {
      return sendJson(res, 409, found.state);
    }
    // The part is read (capped) even when it will be refused, so the client gets the answer rather than a broken pipe.
    const data = await readCappedBody(req, res, maxPartBytes);
    // The part before it may still be arriving on another request: it is stored (or refused) first, within a bound.
    await inFlight.waitForPredecessor(interviewId, recordingId, offset);
    const result = await store.append(interviewId, recordingId, offset, data, undefined, ctx.epoch);
    switch (result.kind) {
      case 'stored':
        if (result.state.complete) deps.onCompleted?.(interviewId, recordingId);
        return sendJson(res, 200, result.state);
      case 'missing':
        throw missing(recordingId);
      case 'wrong-offset':
        return sendJson(res, 409, result.state);
      case 'past-end':
        throw new HttpError(
          400,
          `The part ends at byte ${offset + data.length}, past the end of the recording (${result.state.totalBytes} bytes); nothing was stored.`,
        );
      case 'corrupt':
        throw new HttpError(
          422,
          `corrupt upload: the checksum does not match the audio received (expected ${result.expected}, got ${result.actual}); the parts were discarded, send the recording again from byte 0.`,
        );
    }
  }

  async function status(_req: IncomingMessage, res: ServerResponse, ctx: RouteContext) {
    const { claims, interviewId } = interviewOf(ctx);
    if (claims.role !== 'guest' && !isStaff(claims)) {
      throw new HttpError(403, 'Only the candidate, the host and interviewers may see answer uploads.');
    }
    const recordingId = decode(ctx.params[1], UPLOAD_ID_PATTERN, 'recording id');
    const found = await store.get(interviewId, recordingId);
    if (!found) throw await absentRecordingError(store, interviewId, recordingId, missing(recordingId));
    sendJson(res, 200, found.state);
  }

  async function list(_req: IncomingMessage, res: ServerResponse, ctx: RouteContext) {
    const { claims, interviewId } = interviewOf(ctx);
    requireStaff(claims);
    sendJson(res, 200, { recordings: await store.list(interviewId) });
  }

  async function audio(req: IncomingMessage, res: ServerResponse, ctx: RouteContext) {
    const { claims, interviewId } = interviewOf(ctx);
    requireStaff(claims);
    const recordingId = decode(ctx.params[1], UPLOAD_ID_PATTERN, 'recording id');
    const found = await store.get(interviewId, recordingId);
    if (!found) throw await absentRecordingError(store, interviewId, recordingId, missing(recordingId));
    const { state } = found;
    if (!state.complete) {
      throw new HttpError(409, `Recording ${recordingId} is still uploading (${state.receivedBytes} of ${state.totalBytes} bytes); try again when it is complete.`);
    }
    res.writeHead(200, {
      // Rows stored before creation checked the type may hold anything: never echo one into a header unchecked.
      'Content-Type': isAllowedAudioMimeType(state.mimeType) ? state.mimeType : 'application/octet-stream',
      'Content-Length': state.totalBytes,
      'Cache-Control': 'private, no-store',
    });
    // One part at a time with backpressure: a 32 MiB answer never sits in memory whole. Complete recordings never change.
    let offset = 0;
    while (offset < state.totalBytes && !res.destroyed) {
      const part = await store.partFrom(interviewId, recordingId, offset);
      if (!part || part.offset !== offset) throw new Error(`recording ${interviewId}/${recordingId} has a gap at byte ${offset}`);
      offset += part.data.length;
      if (!res.write(part.data)) await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
    res.end();
  }

  return [
    { method: 'POST', path: LIST, auth: 'any-token', handle: create },
    { method: 'GET', path: LIST, auth: 'any-token', handle: list },
    { method: 'PATCH', path: ONE, auth: 'any-token', handle: appendPart },
    { method: 'GET', path: ONE, auth: 'any-token', handle: status },
    { method: 'GET', path: AUDIO, auth: 'any-token', handle: audio },
  ];
}
