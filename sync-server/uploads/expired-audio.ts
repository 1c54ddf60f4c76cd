/**
 * How the server speaks of an answer whose audio retention deleted (uploads/retention.ts): as expired, never as
 * missing or failed. The answer was uploaded whole; its transcript, scores and the interview's status stay. The audio
 * routes answer 410 Gone with this sentence (the admin page shows it in place of the player), the candidate export
 * lists it beside the recordings it still holds, and a guest's device that asks to upload it again is refused, so a
 * device cannot bring the audio back past the retention period.
 */
import { HttpError } from '../http/json';
import type { ExpiredRecording, RecordingStore } from './recording-store';

export function audioExpiredSentence(e: ExpiredRecording): string {
  return `The audio of recording ${e.recordingId} expired on ${new Date(e.expiredAt).toISOString().slice(0, 10)} under the server's retention period and was deleted; its transcript and scores are kept.`;
}

export function audioExpiredError(e: ExpiredRecording): HttpError {
  return new HttpError(410, audioExpiredSentence(e));
}

/** For a recording the store does not hold: 410 when its audio expired, else `otherwise` (404, in the caller's words). */
export async function absentRecordingError(store: Pick<RecordingStore, 'expired'>, interviewId: string, recordingId: string, otherwise: HttpError): Promise<HttpError> {
  const expired = (await store.expired(interviewId)).find((e) => e.recordingId === recordingId);
  return expired ? audioExpiredError(expired) : otherwise;
}
