/**
 * Splitting an answer into Whisper windows (at most 30 s each). With speech segments from the VAD, windows are cut in
 * the pauses and silence is never sent; speech that runs on for more than 30 s without a pause, or audio transcribed
 * without VAD, is cut into fixed windows that overlap so the merge can stitch words cut at a boundary. Pure functions.
 */

export const WINDOW_SECONDS = 30;

export interface TimeSpan {
  /** Sample offsets into the 16 kHz recording. */
  start: number;
  end: number;
}

export interface AudioWindow extends TimeSpan {
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

/** Fixed, overlapping windows over [span.start, span.end): the layout the transformers.js pipeline uses. */
export function planFixedWindows(span: TimeSpan, opts: FixedWindowOptions, group = 0): AudioWindow[] {
  const { windowSamples, strideSamples } = opts;
  if (windowSamples <= 2 * strideSamples) throw new Error('window must be longer than twice the stride');
  const length = span.end - span.start;
  if (length <= 0) return [];
  if (length <= windowSamples) return [{ start: span.start, end: span.end, group, strideLeft: 0, strideRight: 0 }];
  const jump = windowSamples - 2 * strideSamples;
  const windows: AudioWindow[] = [];
  for (let offset = 0; ; offset += jump) {
    const end = Math.min(offset + windowSamples, length);
    const isFirst = offset === 0;
    const isLast = end >= length;
    windows.push({
      start: span.start + offset,
      end: span.start + end,
      group,
      strideLeft: isFirst ? 0 : strideSamples,
      strideRight: isLast ? 0 : strideSamples,
    });
    if (isLast) break;
  }
  return windows;
}

export interface SpeechWindowOptions extends FixedWindowOptions {
  /** Audio kept before and after each speech segment, so onsets and endings are not clipped. */
  padSamples: number;
  /** A pause longer than this always closes a window (nothing is gained by feeding long silence to Whisper). */
  maxGapSamples: number;
}

export function defaultSpeechWindowOptions(sampleRate: number): SpeechWindowOptions {
  return { ...defaultFixedWindowOptions(sampleRate), padSamples: Math.round(0.2 * sampleRate), maxGapSamples: 3 * sampleRate };
}

/**
 * Packs speech segments into windows of at most windowSamples, cutting only in pauses. A window spans from its first
 * segment's start to its last segment's end (short pauses inside stay, so timing stays true); a segment that alone
 * exceeds a window becomes its own group of overlapping fixed windows.
 */
export function planSpeechWindows(speech: readonly TimeSpan[], totalSamples: number, opts: SpeechWindowOptions): AudioWindow[] {
  const padded = speech
    .map((s) => ({ start: Math.max(0, s.start - opts.padSamples), end: Math.min(totalSamples, s.end + opts.padSamples) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  // Padding can make neighbours overlap: merge them.
  const merged: TimeSpan[] = [];
  for (const s of padded) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }

  const windows: AudioWindow[] = [];
  let group = 0;
  let current: TimeSpan | null = null;
  const flush = () => {
    if (current) windows.push({ ...current, group: group++, strideLeft: 0, strideRight: 0 });
    current = null;
  };
  for (const s of merged) {
    if (s.end - s.start > opts.windowSamples) {
      flush();
      windows.push(...planFixedWindows(s, opts, group++));
      continue;
    }
    if (current && s.end - current.start <= opts.windowSamples && s.start - current.end <= opts.maxGapSamples) {
      current.end = s.end;
    } else {
      flush();
      current = { ...s };
    }
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
