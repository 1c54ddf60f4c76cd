/**
 * Which container and codec a take is recorded in, and at what bit rate. Apart from the recorder (recorder.ts),
 * which stores chunks through Dexie, because the technical check's microphone test needs only this: the first
 * screen then carries no storage code (issue #18).
 */

/** Opus first: small, and decodable by the transcription worker in every browser that records it. */
export const PREFERRED_MIME_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus'] as const;
/** Safari before 18.4 records only MP4/AAC; a recorded answer in AAC beats no answer. */
export const FALLBACK_MIME_TYPES = ['audio/mp4;codecs=mp4a.40.2', 'audio/mp4'] as const;
export const VOICE_BITS_PER_SECOND = 24_000;

export function pickRecordingMimeType(isTypeSupported: (type: string) => boolean): string | null {
  for (const type of [...PREFERRED_MIME_TYPES, ...FALLBACK_MIME_TYPES]) {
    try {
      if (isTypeSupported(type)) return type;
    } catch {
      // Some engines throw on unknown parameters instead of answering false.
    }
  }
  return null;
}

export interface MediaRecorderConstructor {
  new (stream: MediaStream, options?: MediaRecorderOptions): MediaRecorder;
  isTypeSupported(type: string): boolean;
}
