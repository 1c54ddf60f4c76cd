/**
 * Turns the tokens generated for each window into one transcript: segments from Whisper's timestamp tokens, words from
 * per-token times, all in seconds from the start of the recording (mapped back through the window's pieces, since
 * silences between them were not sent to the model). Windows that overlap (speech longer than a window
 * with no pause) are stitched: segments and words are kept by the window that owns their midpoint, and untimed text is
 * merged on the longest run of tokens both windows agree on. Pure: decoding token ids to text is passed in.
 */
import type { TranscriptSegment, TranscriptWord } from './protocol';
import { toRecordingSeconds, windowLength, type AudioWindow } from './windows';

export interface WindowTokens {
  window: AudioWindow;
  /** Generated tokens (prompt and end-of-text excluded). */
  tokens: readonly number[];
  /** Start time of each token in seconds from the window start (word timestamps only). */
  tokenTimes: readonly number[] | null;
}

export interface AssemblyContext {
  sampleRate: number;
  timestampBegin: number;
  eot: number;
  /** Seconds per timestamp token step (chunk_length / max_source_positions = 0.02). */
  timePrecision: number;
  decode: (ids: number[]) => string;
}

export interface AssembledTranscript {
  text: string;
  segments: TranscriptSegment[];
  words: TranscriptWord[] | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function assembleTranscript(groups: readonly (readonly WindowTokens[])[], ctx: AssemblyContext, mode: 'none' | 'segment' | 'word'): AssembledTranscript {
  const segments: TranscriptSegment[] = [];
  const words: TranscriptWord[] = [];
  const texts: string[] = [];
  for (const group of groups) {
    if (group.length === 0) continue;
    if (mode === 'none') {
      const merged = group.length === 1 ? textTokens(group[0]!.tokens, ctx) : mergeOverlapping(group.map((w) => textTokens(w.tokens, ctx)));
      const text = clean(ctx.decode(merged));
      if (text) {
        const first = group[0]!.window;
        const last = group.at(-1)!.window;
        segments.push({ start: round2(first.start / ctx.sampleRate), end: round2(last.end / ctx.sampleRate), text });
        texts.push(text);
      }
      continue;
    }
    for (const w of group) {
      const owned = ownedRange(w.window, ctx.sampleRate);
      const toRecording = (t: number) => round2(toRecordingSeconds(w.window, t, ctx.sampleRate));
      for (const seg of windowSegments(w, ctx)) {
        const mid = (seg.start + seg.end) / 2;
        if (mid < owned.start || mid >= owned.end) continue;
        segments.push({ start: toRecording(seg.start), end: toRecording(seg.end), text: seg.text });
        texts.push(seg.text);
      }
      if (mode === 'word' && w.tokenTimes) {
        for (const word of windowWords(w, ctx)) {
          const mid = (word.start + word.end) / 2;
          if (mid < owned.start || mid >= owned.end) continue;
          words.push({ start: toRecording(word.start), end: toRecording(word.end), text: word.text });
        }
      }
    }
  }
  return { text: texts.join(' ').replace(/\s+/g, ' ').trim(), segments, words: mode === 'word' ? words : null };
}

/** Seconds, relative to the window start, this window is responsible for (half of each overlap goes to each side). */
function ownedRange(w: AudioWindow, sampleRate: number): { start: number; end: number } {
  const seconds = windowLength(w) / sampleRate;
  return { start: w.strideLeft / 2 / sampleRate, end: seconds - w.strideRight / 2 / sampleRate };
}

function textTokens(tokens: readonly number[], ctx: AssemblyContext): number[] {
  return tokens.filter((t) => t < ctx.eot);
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Segments of one window in seconds from the window start, from timestamp token pairs. */
export function windowSegments(w: WindowTokens, ctx: AssemblyContext): TranscriptSegment[] {
  const windowSeconds = windowLength(w.window) / ctx.sampleRate;
  const out: TranscriptSegment[] = [];
  let start: number | null = null;
  let pending: number[] = [];
  const close = (end: number) => {
    const text = clean(ctx.decode(pending));
    if (text) out.push({ start: start ?? 0, end: Math.max(end, start ?? 0), text });
    pending = [];
    start = null;
  };
  for (const t of w.tokens) {
    if (t >= ctx.timestampBegin) {
      const time = Math.min((t - ctx.timestampBegin) * ctx.timePrecision, windowSeconds);
      if (start === null) start = time;
      else close(time);
    } else if (t < ctx.eot) {
      pending.push(t);
    }
  }
  if (pending.length) close(windowSeconds);
  return out;
}

/** Words of one window from per-token times: a word starts at a token beginning with a space. */
export function windowWords(w: WindowTokens, ctx: AssemblyContext): TranscriptWord[] {
  const times = w.tokenTimes;
  if (!times) return [];
  const windowSeconds = windowLength(w.window) / ctx.sampleRate;
  const words: { text: string; start: number; end: number }[] = [];
  const textIdx: number[] = [];
  w.tokens.forEach((t, i) => {
    if (t < ctx.eot) textIdx.push(i);
  });
  for (let k = 0; k < textIdx.length; k++) {
    const i = textIdx[k]!;
    const piece = ctx.decode([w.tokens[i]!]);
    const start = times[i] ?? 0;
    const nextTime = k + 1 < textIdx.length ? times[textIdx[k + 1]!] : times[i + 1];
    const end = Math.min(Math.max(nextTime ?? start, start), windowSeconds);
    const last = words.at(-1);
    const startsWord = /^\s/.test(piece) || !last;
    const punctuationOnly = /^[\p{P}\p{S}]+$/u.test(piece.trim());
    if (startsWord && !(punctuationOnly && last)) words.push({ text: piece.trim(), start, end });
    else if (last) {
      last.text += piece.trim();
      last.end = end;
    }
  }
  return words.filter((x) => x.text.length > 0);
}

/**
 * Stitches token lists of overlapping windows: for each neighbour pair, find the alignment of the end of the left list
 * with the start of the right one that agrees on the most tokens, and cut both in the middle of that agreement.
 */
export function mergeOverlapping(lists: readonly (readonly number[])[]): number[] {
  let merged: number[] = [...(lists[0] ?? [])];
  for (let k = 1; k < lists.length; k++) {
    const right = lists[k]!;
    const left = merged;
    let best = { score: 0, leftCut: left.length, rightCut: 0 };
    // Align left[left.length - i + j] with right[j] for every overlap length i.
    for (let i = 1; i <= left.length + right.length; i++) {
      const leftStart = Math.max(0, left.length - i);
      const leftStop = Math.min(left.length, left.length + right.length - i);
      const rightStart = Math.max(0, i - left.length);
      const rightStop = Math.min(right.length, i);
      const span = leftStop - leftStart;
      if (span <= 0 || rightStop - rightStart !== span) continue;
      let matches = 0;
      for (let j = 0; j < span; j++) if (left[leftStart + j] === right[rightStart + j]) matches++;
      // Prefer more agreement; a tiny length bonus breaks ties toward longer overlaps, as transformers.js does.
      const score = matches / i + i / 10000;
      if (matches > 1 && score > best.score) {
        const half = Math.floor(span / 2);
        best = { score, leftCut: leftStart + half, rightCut: rightStart + half };
      }
    }
    merged = [...left.slice(0, best.leftCut), ...right.slice(best.rightCut)];
  }
  return merged;
}
