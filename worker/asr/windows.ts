/**
 * Splitting an answer into Whisper windows (at most 30 s of audio each). With speech segments from the VAD, a window
 * is a run of speech pieces cut from the recording: silences longer than the padding around speech are left out, so
 * Whisper never hears long silence and each 30-second encoder pass carries as much speech as fits; windows end only
 * in pauses. Speech that runs on for more than 30 s without a pause, or audio transcribed without VAD, is cut into
 * fixed windows that overlap, so the merge can stitch words cut at a boundary. Pure functions.
 */

export const WINDOW_SECONDS = 30;

export interface TimeSpan {
  /** Sample offsets into the 16 kHz recording. */
  start: number;
  end: number;
}

export interface AudioWindow extends TimeSpan {
  /**
   * The stretches of the recording the window is made of, in order; the model hears them back to back. One piece
   * for fixed windows; start/end above are the first piece's start and the last piece's end.
   */
  pieces: TimeSpan[];
  /** Windows of one group overlap and are merged together; groups are independent stretches of speech. */
  group: number;
  /** Overlap shared with the previous / next window of the same group, in samples. */
  strideLeft: number;
  strideRight: number;
}

export interface FixedWindowOptions {
  windowSamples: number;
  /** Overlap on each side. transformers.js's default is window / 6 (5 s for 30 s windows). */
  strideSamples: number;
}

export function defaultFixedWindowOptions(sampleRate: number): FixedWindowOptions {
  return { windowSamples: WINDOW_SECONDS * sampleRate, strideSamples: 5 * sampleRate };
}

/** Samples the model hears for a window. */
export function windowLength(w: AudioWindow): number {
  return w.pieces.reduce((n, p) => n + (p.end - p.start), 0);
}

/** The window's audio: its pieces back to back (a view, not a copy, when there is one piece). */
export function windowAudio(audio: Float32Array, w: AudioWindow): Float32Array {
  if (w.pieces.length === 1) return audio.subarray(w.pieces[0]!.start, w.pieces[0]!.end);
  const out = new Float32Array(windowLength(w));
  let at = 0;
  for (const p of w.pieces) {
    out.set(audio.subarray(p.start, p.end), at);
    at += p.end - p.start;
  }
  return out;
}

/** Maps a time in seconds within the window's audio back to seconds in the recording. */
export function toRecordingSeconds(w: AudioWindow, seconds: number, sampleRate: number): number {
  let remaining = Math.max(0, seconds * sampleRate);
  for (const p of w.pieces) {
    const len = p.end - p.start;
    if (remaining <= len) return (p.start + remaining) / sampleRate;
    remaining -= len;
  }
  return w.end / sampleRate;
}

/** Fixed, overlapping windows over [span.start, span.end): the layout the transformers.js pipeline uses. */
export function planFixedWindows(span: TimeSpan, opts: FixedWindowOptions, group = 0): AudioWindow[] {
  const { windowSamples, strideSamples } = opts;
  if (windowSamples <= 2 * strideSamples) throw new Error('window must be longer than twice the stride');
  const length = span.end - span.start;
  if (length <= 0) return [];
  const single = (start: number, end: number, strideLeft: number, strideRight: number): AudioWindow => ({ start, end, pieces: [{ start, end }], group, strideLeft, strideRight });
  if (length <= windowSamples) return [single(span.start, span.end, 0, 0)];
  const jump = windowSamples - 2 * strideSamples;
  const windows: AudioWindow[] = [];
  for (let offset = 0; ; offset += jump) {
    const end = Math.min(offset + windowSamples, length);
    const isLast = end >= length;
    windows.push(single(span.start + offset, span.start + end, offset === 0 ? 0 : strideSamples, isLast ? 0 : strideSamples));
    if (isLast) break;
  }
  return windows;
}

export interface SpeechWindowOptions extends FixedWindowOptions {
  /** Audio kept before and after each speech segment, so onsets and endings are not clipped. */
  padSamples: number;
}

export function defaultSpeechWindowOptions(sampleRate: number): SpeechWindowOptions {
  return { ...defaultFixedWindowOptions(sampleRate), padSamples: Math.round(0.2 * sampleRate) };
}

/**
 * Packs speech segments (padded) into windows of at most windowSamples of audio, cutting only between segments. A
 * segment longer than a window becomes its own group of overlapping fixed windows.
 */
export function planSpeechWindows(speech: readonly TimeSpan[], totalSamples: number, opts: SpeechWindowOptions): AudioWindow[] {
  const padded = speech
    .map((s) => ({ start: Math.max(0, s.start - opts.padSamples), end: Math.min(totalSamples, s.end + opts.padSamples) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  // Padding can make neighbours touch: merge them (the short pause between stays in).
  const merged: TimeSpan[] = [];
  for (const s of padded) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }

  const windows: AudioWindow[] = [];
  let group = 0;
  let pieces: TimeSpan[] = [];
  let length = 0;
  const flush = () => {
    if (pieces.length) windows.push({ start: pieces[0]!.start, end: pieces.at(-1)!.end, pieces, group: group++, strideLeft: 0, strideRight: 0 });
    pieces = [];
    length = 0;
  };
  for (const s of merged) {
    const len = s.end - s.start;
    if (len > opts.windowSamples) {
      flush();
      windows.push(...planFixedWindows(s, opts, group++));
      continue;
    }
    if (length + len > opts.windowSamples) flush();
    pieces.push(s);
    length += len;
  }
  flush();
  return windows;
}

/** Groups windows by group id, in order. */
export function groupWindows(windows: readonly AudioWindow[]): AudioWindow[][] {
  const groups: AudioWindow[][] = [];
  for (const w of windows) {
    const last = groups.at(-1);
    if (last && last[0]!.group === w.group) last.push(w);
    else groups.push([w]);
  }
  return groups;
}
