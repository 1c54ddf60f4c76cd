/**
 * "Test my mic": a short sample recorded in memory (never stored, never sent)
 * and played back, so the guest hears what the interviewers will hear.
 */
// Not from the media index, which also names the recorder and its Dexie storage: this is part of the first load.
import { pickRecordingMimeType, VOICE_BITS_PER_SECOND, type MediaRecorderConstructor } from '../media/recording-format';

export const MIC_TEST_MS = 3000;

export interface MicSample {
  blob: Blob;
  mimeType: string;
  durationMs: number;
}

export function recordSample(stream: MediaStream, durationMs = MIC_TEST_MS, signal?: AbortSignal): Promise<MicSample> {
  const Recorder = (globalThis as { MediaRecorder?: MediaRecorderConstructor }).MediaRecorder;
  if (!Recorder) return Promise.reject(new Error('This browser cannot record audio (no MediaRecorder).'));
  const mimeType = pickRecordingMimeType((t) => Recorder.isTypeSupported(t));
  return new Promise((resolve, reject) => {
    let recorder: MediaRecorder;
    try {
      recorder = new Recorder(stream, { ...(mimeType ? { mimeType } : {}), audioBitsPerSecond: VOICE_BITS_PER_SECOND });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const parts: Blob[] = [];
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onAbort = () => {
      if (recorder.state !== 'inactive') recorder.stop();
    };
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) parts.push(e.data);
    });
    recorder.addEventListener('error', (e) => {
      if (timer) clearTimeout(timer);
      const err = (e as Event & { error?: unknown }).error;
      reject(err instanceof Error ? err : new Error('The test recording failed.'));
    });
    recorder.addEventListener('stop', () => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) {
        reject(new DOMException('The test recording was cancelled.', 'AbortError'));
        return;
      }
      const type = recorder.mimeType || mimeType || 'audio/webm';
      resolve({ blob: new Blob(parts, { type }), mimeType: type, durationMs: Math.round(performance.now() - started) });
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    recorder.start();
    timer = setTimeout(() => {
      if (recorder.state !== 'inactive') recorder.stop();
    }, durationMs);
  });
}
