/**
 * Where a host or interviewer listens to an uploaded answer from: this device's own copy when it has one (the
 * recording itself when this browser recorded it, or audio cached from an earlier listen), otherwise the server,
 * fetched with the person's token in the Authorization header (never in a URL) and checked against the SHA-256 the
 * guest's device published, then cached for the next listen. The player gets a blob: URL, so no token or
 * server path reaches the audio element.
 */
import { fetchRecordingAudio } from '../api/recordings-client';
import { cacheAnswerAudio, cachedAnswerAudio } from '../storage/answer-audio-cache';
import { assembleRecording, getRecording } from '../storage/recordings';

export type AnswerAudioSource = 'this-device' | 'server';

export interface AnswerAudio {
  audio: Blob;
  source: AnswerAudioSource;
}

export interface AnswerAudioRequest {
  interviewId: string;
  recordingId: string;
  token: string;
  /** From the stage document's upload record: a download that does not match is refused. */
  expectedSha256?: string;
  signal?: AbortSignal;
}

export async function loadAnswerAudio(req: AnswerAudioRequest): Promise<AnswerAudio> {
  const own = await getRecording(req.recordingId);
  if (own && own.interviewId === req.interviewId && own.status === 'complete') {
    const audio = await assembleRecording(req.recordingId);
    if (audio.size > 0) return { audio, source: 'this-device' };
  }
  const cached = await cachedAnswerAudio(req.interviewId, req.recordingId).catch(() => null);
  if (cached && cached.size > 0) return { audio: cached, source: 'this-device' };
  const audio = await fetchRecordingAudio(req.interviewId, req.recordingId, req.token, { expectedSha256: req.expectedSha256, signal: req.signal });
  // A full disk must not stop the listening: the copy is a convenience.
  await cacheAnswerAudio(req.interviewId, req.recordingId, audio).catch(() => undefined);
  return { audio, source: 'server' };
}
