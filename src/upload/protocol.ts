/**
 * The app<->server protocol for resumable answer-audio uploads
 * (/api/interviews/:iid/recordings…). Shared by the server routes, the guest
 * uploader and the staff download client so both sides agree on every shape.
 * Pure: zod only, no DOM, no Node.
 */
import { z } from '../domain/zod-mini';

/** Recording and question ids as they appear in URLs and the database. */
export const UPLOAD_ID_PATTERN = /^[\w.:-]{1,200}$/;
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

/** Default cap on one recording (INTERQ_MAX_RECORDING_BYTES overrides it on the server). */
export const DEFAULT_MAX_RECORDING_BYTES = 32 * 1024 * 1024;
/** The largest body one PATCH may carry. */
export const MAX_PART_BYTES = 1024 * 1024;
/** Recordings one interview may hold on the server. */
export const MAX_RECORDINGS_PER_INTERVIEW = 1000;
/** What the guest's uploader sends per PATCH unless told otherwise. */
export const DEFAULT_PART_BYTES = 256 * 1024;

/**
 * Audio types the server stores and later names in the staff's download (`Content-Type`): what MediaRecorder
 * produces in Chromium, Firefox and Safari, and the common file types. An allow-list, because the value is
 * written into a response header: CR, LF or U+2028 there made the download answer 500 for every staff member.
 */
export const AUDIO_MIME_TYPES = ['audio/webm', 'audio/ogg', 'audio/mp4', 'audio/mpeg', 'audio/aac', 'audio/wav', 'audio/x-wav', 'audio/wave', 'audio/flac', 'audio/x-m4a'] as const;
const TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
/** `type/subtype` then `; name=value` parameters (token or quoted string), printable ASCII only (RFC 9110 media type). */
const MEDIA_TYPE = new RegExp(`^(${TOKEN}/${TOKEN})((?:[ \t]*;[ \t]*${TOKEN}=(?:${TOKEN}|"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*"))*)$`);

/** True when `value` is a plain ASCII media type from AUDIO_MIME_TYPES, with optional parameters (`;codecs=opus`). */
export function isAllowedAudioMimeType(value: string): boolean {
  const m = MEDIA_TYPE.exec(value);
  return m !== null && (AUDIO_MIME_TYPES as readonly string[]).includes(m[1]!.toLowerCase());
}

const uploadId = (what: string) =>
  z.string().check(z.regex(UPLOAD_ID_PATTERN, `${what} must be 1 to 200 letters, digits or . _ : -`));

/** Body of POST /api/interviews/:iid/recordings. The server checks totalBytes against its own maximum. */
export const CreateUploadRequest = z.object({
  recordingId: uploadId('recordingId'),
  questionId: uploadId('questionId'),
  mimeType: z.string().check(
    z.maxLength(200),
    z.refine(isAllowedAudioMimeType, `mimeType must be an audio type (${AUDIO_MIME_TYPES.join(', ')}) in plain ASCII, optionally with parameters such as ;codecs=opus`),
  ),
  totalBytes: z.number().check(z.int(), z.gte(1, 'totalBytes must be at least 1')),
  sha256: z.string().check(z.regex(SHA256_HEX_PATTERN, 'sha256 must be 64 lowercase hex digits')),
  durationMs: z.number().check(z.int(), z.gte(0), z.lte(24 * 3600 * 1000)),
});
export type CreateUploadRequest = z.infer<typeof CreateUploadRequest>;

/** The server's view of one upload; every recordings route answers with it (or a list of it). */
export const UploadState = z.object({
  recordingId: z.string(),
  questionId: z.string(),
  mimeType: z.string(),
  totalBytes: z.number().check(z.int()),
  receivedBytes: z.number().check(z.int()),
  durationMs: z.number().check(z.int()),
  complete: z.boolean(),
});
export type UploadState = z.infer<typeof UploadState>;

export const RecordingList = z.object({ recordings: z.array(UploadState) });
export type RecordingList = z.infer<typeof RecordingList>;

/** Error body of every /api route. */
export interface ApiErrorBody {
  error: string;
}

/** What the guest's device remembers about one upload (IndexedDB `kv` row `upload:<recordingId>`), for the UI after a reload. */
export interface UploadStatus {
  recordingId: string;
  interviewId: string;
  questionId: string;
  state: 'waiting' | 'uploading' | 'uploaded' | 'failed';
  sentBytes: number;
  totalBytes: number;
  /** One sentence for the user: why it waits or failed, or null when there is nothing to say. */
  detail: string | null;
  at: number;
}

export const UPLOAD_STATUS_KEY_PREFIX = 'upload:';
export const uploadStatusKey = (recordingId: string) => `${UPLOAD_STATUS_KEY_PREFIX}${recordingId}`;

/**
 * What the guest publishes on the stage document once an upload is complete
 * (section 3 of the upload contract; src/sync/answer-results.ts owns the zod
 * schema, this is the same shape so the queue does not depend on the Yjs layer).
 */
export interface UploadRecord {
  recordingId: string;
  questionId: string;
  mimeType: string;
  bytes: number;
  sha256: string;
  durationSec: number;
  transcribeOn: 'guest-device' | 'staff-device';
  at: number;
}

export function recordingsPath(interviewId: string, recordingId?: string, suffix = ''): string {
  const base = `/api/interviews/${encodeURIComponent(interviewId)}/recordings`;
  return recordingId === undefined ? base : `${base}/${encodeURIComponent(recordingId)}${suffix}`;
}
