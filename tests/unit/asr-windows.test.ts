import { describe, expect, it } from 'vitest';
import { defaultFixedWindowOptions, defaultSpeechWindowOptions, groupWindows, planFixedWindows, planSpeechWindows } from '../../worker/asr/windows';

const SR = 16000;
const s = (x: number) => Math.round(x * SR);

describe('planFixedWindows', () => {
  it('keeps short audio in one window without overlap', () => {
    expect(planFixedWindows({ start: 0, end: s(12) }, defaultFixedWindowOptions(SR))).toEqual([{ start: 0, end: s(12), group: 0, strideLeft: 0, strideRight: 0 }]);
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

  it('packs sentences separated by short pauses into windows of at most 30 s, cutting only in pauses', () => {
    // 12 sentences of 8 s with 0.5 s pauses: 101.5 s of audio
    const speech = Array.from({ length: 12 }, (_, i) => ({ start: s(i * 8.5), end: s(i * 8.5 + 8) }));
    const w = planSpeechWindows(speech, s(102), opts);
    expect(w.every((x) => x.end - x.start <= s(30))).toBe(true);
    expect(w.every((x) => x.strideLeft === 0 && x.strideRight === 0)).toBe(true);
    // every cut lies in a pause (between one sentence's end and the next one's start, padding included)
    for (let i = 1; i < w.length; i++) {
      const cut = w[i]!.start;
      const inPause = speech.some((sp, k) => k > 0 && cut >= speech[k - 1]!.end && cut <= sp.start);
      expect(inPause).toBe(true);
    }
    // no speech is left out
    for (const sp of speech) expect(w.some((x) => x.start <= sp.start && x.end >= sp.end)).toBe(true);
    expect(w).toHaveLength(4);
    expect(new Set(w.map((x) => x.group)).size).toBe(4);
  });

  it('never sends long silences: a pause over 3 s closes the window', () => {
    const w = planSpeechWindows([{ start: s(1), end: s(4) }, { start: s(10), end: s(12) }], s(15), opts);
    expect(w.map((x) => [x.start / SR, x.end / SR])).toEqual([
      [0.8, 4.2],
      [9.8, 12.2],
    ]);
  });

  it('splits speech longer than a window without a pause into an overlapping group', () => {
    const w = planSpeechWindows([{ start: s(2), end: s(50) }, { start: s(51), end: s(55) }], s(60), opts);
    const groups = groupWindows(w);
    expect(groups).toHaveLength(2);
    expect(groups[0]!.length).toBe(2);
    expect(groups[0]![0]!.strideRight).toBe(s(5));
    expect(groups[1]!.map((x) => [x.start / SR, x.end / SR])).toEqual([[50.8, 55.2]]);
  });

  it('returns nothing for no speech', () => {
    expect(planSpeechWindows([], s(20), opts)).toEqual([]);
  });
});
