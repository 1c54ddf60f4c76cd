import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENTATION, speechSegments, speechStats } from '../../worker/asr/vad-segments';

const opts = { ...DEFAULT_SEGMENTATION, frameSamples: 512, sampleRate: 16000 }; // 32 ms frames
/** Probabilities from a frame pattern: each entry [probability, number of frames]. */
const probs = (...runs: [number, number][]) => Float32Array.from(runs.flatMap(([p, n]) => Array<number>(n).fill(p)));
const sec = (frames: number) => (frames * 512) / 16000;

describe('speech segmentation (Silero hysteresis)', () => {
  it('finds speech between silences', () => {
    const p = probs([0.01, 20], [0.9, 50], [0.02, 30], [0.8, 40], [0.01, 10]);
    const segs = speechSegments(p, p.length * 512, opts);
    expect(segs.map((s) => [s.start / 512, s.end / 512])).toEqual([
      [20, 70],
      [100, 140],
    ]);
  });

  it('does not split on a dip shorter than the minimum silence, nor on values between the thresholds', () => {
    // 5 frames (160 ms) below the negative threshold: a breath, not a pause
    const breath = probs([0.9, 30], [0.1, 5], [0.9, 30], [0.0, 20]);
    expect(speechSegments(breath, breath.length * 512, opts)).toHaveLength(1);
    // 0.4 is below the start threshold but above the end one: speech continues
    const hesitant = probs([0.9, 30], [0.4, 40], [0.9, 30], [0.0, 20]);
    expect(speechSegments(hesitant, hesitant.length * 512, opts)).toEqual([{ start: 0, end: 100 * 512 }]);
  });

  it('drops blips shorter than the minimum speech length and closes speech running to the end', () => {
    const p = probs([0.0, 10], [0.95, 3], [0.0, 30], [0.9, 20]);
    expect(speechSegments(p, p.length * 512 - 100, opts)).toEqual([{ start: 43 * 512, end: 63 * 512 - 100 }]);
  });

  it('gives pause figures: pauses between speech, speech time, leading and trailing silence', () => {
    const segs = [
      { start: 16000, end: 48000 },
      { start: 56000, end: 80000 }, // 0.5 s pause
      { start: 84000, end: 96000 }, // 0.25 s: too short to count
      { start: 128000, end: 160000 }, // 2 s pause
    ];
    const stats = speechStats(segs, 176000, 16000);
    expect(stats.pauses).toEqual([
      { start: 3, end: 3.5 },
      { start: 6, end: 8 },
    ]);
    expect(stats).toMatchObject({ speechSeconds: 6.25, durationSeconds: 11, longestPauseSeconds: 2, meanPauseSeconds: 1.25, leadingSilenceSeconds: 1, trailingSilenceSeconds: 1, minPauseSeconds: 0.3 });
    expect(speechStats([], 32000, 16000)).toMatchObject({ speech: [], pauses: [], speechSeconds: 0, leadingSilenceSeconds: 2 });
    expect(sec(1)).toBe(0.032);
  });
});
