import { describe, expect, it } from 'vitest';
import { assembleTranscript, mergeOverlapping, windowSegments, windowWords, type AssemblyContext, type WindowTokens } from '../../worker/asr/transcript-assembly';
import { planFixedWindows, defaultFixedWindowOptions, groupWindows } from '../../worker/asr/windows';

// Tokens 0..25 are the letters a..z, 26 is " " prefixed words via decode below; eot 50, timestamps from 60.
const SR = 16000;
const words: Record<number, string> = { 0: ' hello', 1: ' world', 2: ' again', 3: ',', 4: ' this', 5: ' is', 6: ' fine', 7: 'ish' };
const ctx: AssemblyContext = {
  sampleRate: SR,
  timestampBegin: 60,
  eot: 50,
  timePrecision: 0.02,
  decode: (ids) => ids.map((i) => words[i] ?? '').join(''),
};
const ts = (seconds: number) => 60 + Math.round(seconds / 0.02);
const win = (start: number, end: number, group = 0, strideLeft = 0, strideRight = 0) => ({
  start: start * SR,
  end: end * SR,
  pieces: [{ start: start * SR, end: end * SR }],
  group,
  strideLeft: strideLeft * SR,
  strideRight: strideRight * SR,
});

describe('transcript assembly', () => {
  it('turns timestamp pairs into segments in recording time', () => {
    const w: WindowTokens = { window: win(10, 25), tokens: [ts(0), 0, 1, ts(2), ts(2.5), 4, 5, 6, ts(4)], tokenTimes: null };
    expect(windowSegments(w, ctx)).toEqual([
      { start: 0, end: 2, text: 'hello world' },
      { start: 2.5, end: 4, text: 'this is fine' },
    ]);
    const t = assembleTranscript([[w]], ctx, 'segment');
    expect(t.segments).toEqual([
      { start: 10, end: 12, text: 'hello world' },
      { start: 12.5, end: 14, text: 'this is fine' },
    ]);
    expect(t.text).toBe('hello world this is fine');
    expect(t.words).toBeNull();
  });

  it('maps times back through the pieces of a window whose silences were left out', () => {
    // The model heard 0-4 s and 10-14 s of the recording back to back (8 s); a segment at 3-5 s of window audio
    // starts in the first piece and ends 1 s into the second.
    const window = { start: 0, end: 14 * SR, pieces: [{ start: 0, end: 4 * SR }, { start: 10 * SR, end: 14 * SR }], group: 0, strideLeft: 0, strideRight: 0 };
    const t = assembleTranscript([[{ window, tokens: [ts(0.5), 0, ts(3), ts(5), 1, ts(7.5)], tokenTimes: null }]], ctx, 'segment');
    expect(t.segments).toEqual([
      { start: 0.5, end: 3, text: 'hello' },
      { start: 11, end: 13.5, text: 'world' },
    ]);
  });

  it('closes a segment left open at the window end', () => {
    const w: WindowTokens = { window: win(0, 6), tokens: [ts(1), 0, 1], tokenTimes: null };
    expect(windowSegments(w, ctx)).toEqual([{ start: 1, end: 6, text: 'hello world' }]);
  });

  it('groups tokens into words with times, attaching punctuation and word pieces', () => {
    const w: WindowTokens = { window: win(2, 10), tokens: [0, 3, 6, 7, 1], tokenTimes: [0.5, 0.9, 1.0, 1.3, 1.6] };
    expect(windowWords(w, ctx)).toEqual([
      { text: 'hello,', start: 0.5, end: 1.0 },
      { text: 'fineish', start: 1.0, end: 1.6 },
      { text: 'world', start: 1.6, end: 1.6 },
    ]);
    const t = assembleTranscript([[w]], ctx, 'word');
    expect(t.words!.map((x) => [x.text, x.start])).toEqual([
      ['hello,', 2.5],
      ['fineish', 3],
      ['world', 3.6],
    ]);
  });

  it('keeps each overlapping window\'s segments only where it owns the audio', () => {
    const windows = planFixedWindows({ start: 0, end: 50 * SR }, defaultFixedWindowOptions(SR));
    expect(windows).toHaveLength(2); // [0,30] and [20,50], overlap 20..30
    const first: WindowTokens = { window: windows[0]!, tokens: [ts(20), 0, ts(23), ts(26), 1, ts(29)], tokenTimes: null }; // 20-23, 26-29
    const second: WindowTokens = { window: windows[1]!, tokens: [ts(6), 1, ts(9), ts(12), 2, ts(15)], tokenTimes: null }; // 26-29, 32-35
    const t = assembleTranscript(groupWindows(windows).map((g) => g.map((w) => (w === windows[0] ? first : second))), ctx, 'segment');
    // Ownership boundary at 25 s: "hello" (20-23) from the first window, "world" (26-29) only once, from the second.
    expect(t.segments).toEqual([
      { start: 20, end: 23, text: 'hello' },
      { start: 26, end: 29, text: 'world' },
      { start: 32, end: 35, text: 'again' },
    ]);
  });

  it('merges untimed overlapping token lists on their agreement', () => {
    expect(mergeOverlapping([[1, 2, 3, 4, 5], [3, 4, 5, 6, 7]])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(mergeOverlapping([[1, 2, 3, 4, 9], [3, 4, 5, 6]])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mergeOverlapping([[1, 2], [8, 9]])).toEqual([1, 2, 8, 9]);
    expect(mergeOverlapping([[1, 2, 3]])).toEqual([1, 2, 3]);
  });

  it('in text-only mode gives one segment per stretch of speech', () => {
    const t = assembleTranscript([[{ window: win(3, 9), tokens: [0, 1], tokenTimes: null }], [{ window: win(20, 26, 1), tokens: [2], tokenTimes: null }]], ctx, 'none');
    expect(t.segments).toEqual([
      { start: 3, end: 9, text: 'hello world' },
      { start: 20, end: 26, text: 'again' },
    ]);
    expect(t.text).toBe('hello world again');
  });
});
