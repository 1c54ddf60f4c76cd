/**
 * Staff side of answer-audio uploads: list an interview's uploads and download
 * a complete recording with a host or interviewer token.
 */
import { sha256Hex } from '../domain/sha256';
import { apiRequest, ApiError } from './http-client';
import { RecordingList, recordingsPath, type UploadState } from '../upload/protocol';

export async function listRecordings(interviewId: string, token: string): Promise<UploadState[]> {
  const body = await apiRequest<unknown>('GET', recordingsPath(interviewId), token);
  const parsed = RecordingList.safeParse(body);
  if (!parsed.success) throw new ApiError(502, 'The server sent a recordings list this app does not understand.');
  return parsed.data.recordings;
}

export interface FetchAudioOptions {
  signal?: AbortSignal;
  /** The SHA-256 the guest published (UploadRecord.sha256): a download that does not match is refused. */
  expectedSha256?: string;
}

/** The complete recording as a Blob typed with its MIME type. 409 (ApiError) while the guest is still uploading it. */
export async function fetchRecordingAudio(interviewId: string, recordingId: string, token: string, options: FetchAudioOptions = {}): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(recordingsPath(interviewId, recordingId, '/audio'), {
      headers: { Authorization: `Bearer ${token}` },
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'The server cannot be reached to fetch the answer audio. Check the connection.');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(res.status, data.error ?? `Downloading the answer audio failed (${res.status}).`);
  }
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'The download of the answer audio was cut off; try again.');
  }
  if (options.expectedSha256 && (await sha256Hex(blob)) !== options.expectedSha256) {
    throw new ApiError(502, 'The downloaded answer audio does not match its checksum; try again.');
  }
  const type = res.headers.get('content-type') ?? '';
  return blob.type === type ? blob : new Blob([blob], { type });
}
