/**
 * Downloads the complete audio of an uploaded take for staff transcription (GET …/recordings/:rid/audio with this
 * device's token). Errors carry the HTTP status (ApiError) so a missing take reads differently from a network
 * hiccup.
 */
import { ApiError } from '../../../api/http-client';
import { recordingsPath } from '../../../upload/protocol';

export async function downloadRecordingAudio(interviewId: string, recordingId: string, token: string, signal?: AbortSignal): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(recordingsPath(interviewId, recordingId, '/audio'), { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store', ...(signal ? { signal } : {}) });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'The server cannot be reached. Check the connection; nothing was lost.');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(res.status, data.error ?? `Request failed (${res.status}).`);
  }
  return res.blob();
}
