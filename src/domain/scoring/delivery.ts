/**
 * Delivery: pace, filler words and long pauses, measured from the transcript and,
 * when the recogniser gives them, per-word timestamps. Pure arithmetic on what
 * was said and when, with the reasons spelled out.
 */
import type { TranscriptSpan } from './concepts';
import type { AnalyzedText, Token } from './text';

export interface TimedWord {
  readonly text: string;
  /** Seconds from the start of the recording. */
  readonly start: number;
  readonly end: number;
}

export type Pace = 'slow' | 'comfortable' | 'fast' | 'unknown';

export interface FillerUse {
  readonly filler: string;
  readonly count: number;
  readonly spans: readonly TranscriptSpan[];
}

export interface Pause {
  /** Seconds into the recording where the silence starts and ends. */
  readonly start: number;
  readonly end: number;
  readonly durationSec: number;
  /** The word said before the pause, or null for silence before the first word. */
  readonly afterWord: string | null;
}

export interface DeliveryResult {
  readonly wordCount: number;
  /** Seconds the analysis treats as speaking time. */
  readonly speakingTimeSec: number;
  /** null when there is no usable duration. */
  readonly wordsPerMinute: number | null;
  readonly pace: Pace;
  readonly fillers: readonly FillerUse[];
  readonly fillerCount: number;
  /** Filler words per 100 words. */
  readonly fillerRate: number;
  readonly longPauses: readonly Pause[];
  /** Whether pauses came from word timestamps (otherwise pauses are unknown). */
  readonly timed: boolean;
  readonly explanation: string;
}

/** A gap between words at least this long counts as a long pause. */
export const LONG_PAUSE_SEC = 2;
/** Conversational English runs at roughly 120–170 words a minute; outside that a listener notices. */
export const SLOW_WPM = 110;
export const FAST_WPM = 175;

const SINGLE_FILLERS = new Set(['um', 'umm', 'uh', 'uhh', 'uhm', 'er', 'erm', 'ah', 'eh', 'hmm', 'mm', 'mhm']);
/** "kind of" and "sort of" are left to the tone analysis, which reads them as hedges. */
const PHRASE_FILLERS: readonly string[][] = [
  ['you', 'know'],
  ['i', 'mean'],
];
/** Discourse words that are fillers only when set off by commas: ", like," / "basically,". */
const COMMA_FILLERS = new Set(['like', 'basically', 'actually', 'literally', 'so', 'well', 'right', 'okay', 'ok']);

function isComma(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'punctuation' && /^[,…]|^\.\.\.$|^-+$/.test(t.text);
}

function span(a: AnalyzedText, from: Token, to: Token): TranscriptSpan {
  return { start: from.start, end: to.end, text: a.text.slice(from.start, to.end) };
}

export function findFillers(analyzed: AnalyzedText): FillerUse[] {
  const toks = analyzed.tokens;
  const found = new Map<string, TranscriptSpan[]>();
  const add = (k: string, s: TranscriptSpan) => (found.get(k) ?? found.set(k, []).get(k)!).push(s);
  for (let i = 0; i < toks.length; i += 1) {
    const t = toks[i]!;
    if (t.kind === 'punctuation') continue;
    if (SINGLE_FILLERS.has(t.lower)) {
      add(t.lower.replace(/(.)\1+$/, '$1'), span(analyzed, t, t));
      continue;
    }
    const phrase = PHRASE_FILLERS.find((p) => p.every((w, j) => toks[i + j]?.lower === w));
    // "you know" is a filler when set off ("it is, you know, fast"), not in "do you know".
    if (phrase && !(phrase[0] === 'you' && ['do', 'did', 'if', 'what', 'as'].includes(toks[i - 1]?.lower ?? ''))) {
      add(phrase.join(' '), span(analyzed, t, toks[i + phrase.length - 1]!));
      i += phrase.length - 1;
      continue;
    }
    const prev = toks[i - 1];
    const next = toks[i + 1];
    const setOff = (isComma(next) && (prev === undefined || isComma(prev) || prev.kind === 'punctuation')) || (isComma(prev) && isComma(next));
    if (COMMA_FILLERS.has(t.lower) && setOff) add(t.lower, span(analyzed, t, t));
  }
  return [...found.entries()]
    .map(([filler, spans]) => ({ filler, count: spans.length, spans }))
    .sort((a, b) => b.count - a.count || a.filler.localeCompare(b.filler));
}

function validWords(words: readonly TimedWord[] | undefined): TimedWord[] {
  if (!words) return [];
  return words
    .filter((w) => Number.isFinite(w.start) && Number.isFinite(w.end) && w.end >= w.start && w.start >= 0 && String(w.text ?? '').trim() !== '')
    .slice()
    .sort((a, b) => a.start - b.start);
}

export function scoreDelivery(analyzed: AnalyzedText, durationSec: number, words?: readonly TimedWord[]): DeliveryResult {
  const spoken = analyzed.tokens.filter((t) => t.kind === 'word' || t.kind === 'number');
  // wink splits "don't" in two; a listener hears one word.
  const wordCount = spoken.filter((t) => !/^'|^n't$/i.test(t.text)).length;
  const timedWords = validWords(words);
  const timed = timedWords.length > 0;
  const duration = Number.isFinite(durationSec) && durationSec > 0 ? durationSec : 0;

  let speakingTimeSec = duration;
  const longPauses: Pause[] = [];
  if (timed) {
    const first = timedWords[0]!;
    const last = timedWords[timedWords.length - 1]!;
    // Pace counts from the first word to the last: silence before or after speaking is not slowness.
    speakingTimeSec = Math.max(0, last.end - first.start);
    if (first.start >= LONG_PAUSE_SEC) longPauses.push({ start: 0, end: first.start, durationSec: first.start, afterWord: null });
    let prevEnd = first.end;
    let prevText = first.text;
    for (const w of timedWords.slice(1)) {
      const gap = w.start - prevEnd;
      if (gap >= LONG_PAUSE_SEC) longPauses.push({ start: prevEnd, end: w.start, durationSec: gap, afterWord: prevText.trim() });
      if (w.end > prevEnd) {
        prevEnd = w.end;
        prevText = w.text;
      }
    }
  }
  const wordsPerMinute = speakingTimeSec > 0 && wordCount > 0 ? (wordCount / speakingTimeSec) * 60 : null;
  const pace: Pace = wordsPerMinute === null ? 'unknown' : wordsPerMinute < SLOW_WPM ? 'slow' : wordsPerMinute > FAST_WPM ? 'fast' : 'comfortable';
  const fillers = findFillers(analyzed);
  const fillerCount = fillers.reduce((s, f) => s + f.count, 0);
  const fillerRate = wordCount > 0 ? (fillerCount / wordCount) * 100 : 0;

  const parts: string[] = [];
  if (wordCount === 0) parts.push(duration > 0 ? `No words were transcribed in ${duration.toFixed(0)} s of recording.` : 'No words were transcribed.');
  else if (wordsPerMinute === null) parts.push(`${wordCount} words; pace unknown because the recording length is missing.`);
  else {
    const band = pace === 'slow' ? `below the ${SLOW_WPM}–${FAST_WPM} conversational range` : pace === 'fast' ? `above the ${SLOW_WPM}–${FAST_WPM} conversational range` : `within the ${SLOW_WPM}–${FAST_WPM} conversational range`;
    parts.push(`${wordCount} words in ${speakingTimeSec.toFixed(1)} s of speech: ${Math.round(wordsPerMinute)} words per minute, ${band}.`);
  }
  if (wordCount > 0) {
    if (fillerCount === 0) parts.push('No filler words.');
    else parts.push(`${fillerCount} filler word${fillerCount === 1 ? '' : 's'} (${fillers.map((f) => `"${f.filler}" ×${f.count}`).join(', ')}), ${fillerRate.toFixed(1)} per 100 words.`);
  }
  if (timed) {
    if (longPauses.length === 0) parts.push(`No pause of ${LONG_PAUSE_SEC} s or longer.`);
    else
      parts.push(
        `${longPauses.length} long pause${longPauses.length === 1 ? '' : 's'}: ${longPauses
          .slice(0, 4)
          .map((p) => `${p.durationSec.toFixed(1)} s ${p.afterWord === null ? 'before the first word' : `after "${p.afterWord}"`}`)
          .join('; ')}${longPauses.length > 4 ? '; …' : ''}.`,
      );
  } else if (wordCount > 0) parts.push('Pauses not measured: no word timestamps.');

  return {
    wordCount,
    speakingTimeSec,
    wordsPerMinute,
    pace,
    fillers,
    fillerCount,
    fillerRate,
    longPauses,
    timed,
    explanation: parts.join(' '),
  };
}
