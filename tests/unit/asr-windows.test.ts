import { describe, expect, it } from 'vitest';
import {
  defaultFixedWindowOptions,
  defaultSpeechWindowOptions,
  groupWindows,
  planFixedWindows,
  planSpeechWindows,
  toRecordingSeconds,
  windowAudio,
  windowLength,
} from '../../worker/asr/windows';

const SR = 16000;
const s = (x: number) => Math.round(x * SR);

describe('planFixedWindows', () => {
  it('keeps short audio in one window without overlap', () => {
    expect(planFixedWindows({ start: 0, end: s(12) }, defaultFixedWindowOptions(SR))).toEqual([
      { start: 0, end: s(12), pieces: [{ start: 0, end: s(12) }], group: 0, strideLeft: 0, strideRight: 0 },
    ]);
  });

  it('cuts 70 s into 30 s windows that overlap by 5 s on each inner side', () => {
    const w = planFixedWindows({ start: 0, end: s(70) }, defaultFixedWindowOptions(SR));
    expect(w.map((x) => [x.start / SR, x.end / SR, x.strideLeft / SR, x.strideRight / SR])).toEqual([
      [0, 30, 0, 5],
      [20, 50, 5, 5],
      [40, 70, 5, 0],
    ]);
  });

  it('offsets windows by the span start and rejects a stride too long for the window', () => {
    const w = planFixedWindows({ start: s(100), end: s(140) }, defaultFixedWindowOptions(SR), 7);
    expect(w[0]).toMatchObject({ start: s(100), group: 7 });
    expect(w.at(-1)!.end).toBe(s(140));
    expect(() => planFixedWindows({ start: 0, end: s(70) }, { windowSamples: s(10), strideSamples: s(5) })).toThrow();
    expect(planFixedWindows({ start: 5, end: 5 }, defaultFixedWindowOptions(SR))).toEqual([]);
  });
});

describe('planSpeechWindows', () => {
  const opts = defaultSpeechWindowOptions(SR);

  it('packs speech into windows of at most 30 s of audio, leaving out silences and cutting only between segments', () => {
    // 12 sentences of 8 s with 1.5 s pauses: 106.5 s of recording, 96 s of speech (+0.4 s padding each)
    const speech = Array.from({ length: 12 }, (_, i) => ({ start: s(1 + i * 9.5), end: s(1 + i * 9.5 + 8) }));
    const w = planSpeechWindows(speech, s(116), opts);
    expect(w.map((x) => windowLength(x) / SR)).toEqual([25.2, 25.2, 25.2, 25.2]);
    expect(w.every((x) => x.strideLeft === 0 && x.strideRight === 0)).toBe(true);
    // The model hears each sentence with 0.2 s either side, and no other silence.
    expect(w[0]!.pieces.map((p) => [p.start / SR, p.end / SR])).toEqual([
      [0.8, 9.2],
      [10.3, 18.7],
      [19.8, 28.2],
    ]);
    // Every sentence is in exactly one window.
    for (const sp of speech) expect(w.filter((x) => x.pieces.some((p) => p.start <= sp.start && p.end >= sp.end))).toHaveLength(1);
    expect(new Set(w.map((x) => x.group)).size).toBe(4);
  });

  it('keeps a pause shorter than the padding inside a piece', () => {
    const w = planSpeechWindows([{ start: s(1), end: s(4) }, { start: s(4.3), end: s(6) }, { start: s(10), end: s(12) }], s(15), opts);
    expect(w).toHaveLength(1);
    expect(w[0]!.pieces.map((p) => [p.start / SR, p.end / SR])).toEqual([
      [0.8, 6.2],
      [9.8, 12.2],
    ]);
  });

  it('assembles window audio from its pieces and maps window time back to the recording', () => {
    const audio = Float32Array.from({ length: s(10) }, (_, i) => i);
    const window = { start: s(1), end: s(9), pieces: [{ start: s(1), end: s(2) }, { start: s(8), end: s(9) }], group: 0, strideLeft: 0, strideRight: 0 };
    const heard = windowAudio(audio, window);
    expect(heard.length).toBe(s(2));
    expect(heard[0]).toBe(s(1));
    expect(heard[s(1)]).toBe(s(8));
    expect(toRecordingSeconds(window, 0.5, SR)).toBe(1.5);
    expect(toRecordingSeconds(window, 1.25, SR)).toBe(8.25);
    expect(toRecordingSeconds(window, 5, SR)).toBe(9);
    // one piece: a view, not a copy
    const single = planFixedWindows({ start: 0, end: s(5) }, defaultFixedWindowOptions(SR))[0]!;
    expect(windowAudio(audio, single).buffer).toBe(audio.buffer);
  });

  it('splits speech longer than a window without a pause into an overlapping group', () => {
    const w = planSpeechWindows([{ start: s(2), end: s(50) }, { start: s(51), end: s(55) }], s(60), opts);
    const groups = groupWindows(w);
    expect(groups).toHaveLength(2);
    expect(groups[0]!.length).toBe(2);
    expect(groups[0]![0]!.strideRight).toBe(s(5));
    expect(groups[1]!.map((x) => x.pieces.map((p) => [p.start / SR, p.end / SR]))).toEqual([[[50.8, 55.2]]]);
  });

  it('returns nothing for no speech', () => {
    expect(planSpeechWindows([], s(20), opts)).toEqual([]);
  });
});
