/**
 * From per-frame speech probabilities to speech segments and pause figures. Same hysteresis as Silero's
 * get_speech_timestamps: speech starts when a frame reaches `threshold`, and ends only after the probability stayed
 * below `negThreshold` for `minSilenceMs` (so a breath is not a pause); segments shorter than `minSpeechMs` are noise.
 * Pure functions.
 */
import type { SpeechStats } from './protocol';
import type { TimeSpan } from './windows';

export interface SegmentationOptions {
  frameSamples: number;
  sampleRate: number;
  threshold: number;
  negThreshold: number;
  minSpeechMs: number;
  minSilenceMs: number;
}

export const DEFAULT_SEGMENTATION: Omit<SegmentationOptions, 'frameSamples' | 'sampleRate'> = {
  threshold: 0.5,
  negThreshold: 0.35,
  minSpeechMs: 250,
  minSilenceMs: 300,
};

/** Speech segments as sample offsets, in order, not overlapping. */
export function speechSegments(probs: Float32Array, totalSamples: number, opts: SegmentationOptions): TimeSpan[] {
  const frameMs = (opts.frameSamples / opts.sampleRate) * 1000;
  const segments: TimeSpan[] = [];
  let triggered = false;
  let start = 0;
  let tempEnd = -1;
  const push = (startFrame: number, endFrame: number) => {
    if ((endFrame - startFrame) * frameMs >= opts.minSpeechMs) {
      segments.push({ start: startFrame * opts.frameSamples, end: Math.min(endFrame * opts.frameSamples, totalSamples) });
    }
  };
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (p >= opts.threshold) {
      tempEnd = -1;
      if (!triggered) {
        triggered = true;
        start = i;
      }
      continue;
    }
    if (triggered && p < opts.negThreshold) {
      if (tempEnd < 0) tempEnd = i;
      if ((i + 1 - tempEnd) * frameMs >= opts.minSilenceMs) {
        push(start, tempEnd);
        triggered = false;
        tempEnd = -1;
      }
    }
  }
  if (triggered) push(start, tempEnd >= 0 ? tempEnd : probs.length);
  return segments;
}

/** Pause figures for delivery scoring: the silences between speech, and how much of the answer was speech. */
export function speechStats(segments: readonly TimeSpan[], totalSamples: number, sampleRate: number, minPauseSeconds = 0.3): SpeechStats {
  const toS = (x: number) => Math.round((x / sampleRate) * 1000) / 1000;
  const speech = segments.map((s) => ({ start: toS(s.start), end: toS(s.end) }));
  const pauses: { start: number; end: number }[] = [];
  for (let i = 1; i < segments.length; i++) {
    const gap = segments[i]!.start - segments[i - 1]!.end;
    if (gap / sampleRate >= minPauseSeconds) pauses.push({ start: toS(segments[i - 1]!.end), end: toS(segments[i]!.start) });
  }
  const lengths = pauses.map((p) => p.end - p.start);
  const speechSamples = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
  return {
    speech,
    speechSeconds: toS(speechSamples),
    durationSeconds: toS(totalSamples),
    pauses,
    minPauseSeconds,
    longestPauseSeconds: lengths.length ? Math.max(...lengths) : 0,
    meanPauseSeconds: lengths.length ? Math.round((lengths.reduce((a, b) => a + b, 0) / lengths.length) * 1000) / 1000 : 0,
    leadingSilenceSeconds: segments.length ? toS(segments[0]!.start) : toS(totalSamples),
    trailingSilenceSeconds: segments.length ? toS(totalSamples - segments.at(-1)!.end) : toS(totalSamples),
  };
}
