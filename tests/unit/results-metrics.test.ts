/** The dashboard's success metrics (src/domain/results) against examples computed by hand (shown in the comments). */
import { describe, expect, it } from 'vitest';
import { accuracyDelta, accuracyDeltaBy, accuracyDeltaOverTime, accuracyDeltaOverTimeBy, interRaterAgreement, type RatedAnswer } from '../../src/domain/results/accuracy-delta';
import { engagementRate, overallEngagement, type EngagementSession } from '../../src/domain/results/engagement';
import { frictionScore, mergeFrictionIncidents, SAME_MICROPHONE_FAILURE_MS, type FrictionIncident } from '../../src/domain/results/friction';
import { rankWithTies } from '../../src/domain/results/ranking';
import { neutraliseCell, toCsv } from '../../src/domain/results/csv';
import { round } from '../../src/domain/results/stats';

const DAY = 86_400_000;
const r = (answerKey: string, reviewer: string, ai: number | null, human: number, extra: Partial<RatedAnswer> = {}): RatedAnswer => ({
  answerKey,
  interviewId: answerKey.split('/')[0]!,
  questionId: answerKey.split('/')[1]!,
  archetype: 'frontend',
  reviewer,
  ai,
  human,
  at: 0,
  ...extra,
});

describe('Accuracy Delta', () => {
  // Pairs (AI, human): (4,3) (2,2) (5,3) (1,2). Differences AI−human: 1, 0, 2, −1.
  // MAD = (1+0+2+1)/4 = 1; signed = (1+0+2−1)/4 = 0.5 (the AI is kinder).
  // Pearson: AI mean 3, human mean 2.5; Σdxdy = 0.5+0.5+1+1 = 3; Σdx² = 10; Σdy² = 1; r = 3/√10 = 0.9487.
  const ratings = [r('i1/q1', 'host:a', 4, 3), r('i1/q2', 'host:a', 2, 2), r('i2/q1', 'reviewer:b', 5, 3), r('i2/q2', 'reviewer:b', 1, 2), r('i3/q1', 'reviewer:b', null, 4)];

  it('computes mean absolute difference, signed difference and Pearson r, leaving out answers the AI did not score', () => {
    const d = accuracyDelta(ratings);
    expect(d.n).toBe(4);
    expect(d.meanAbsDiff).toBe(1);
    expect(d.signedMeanDiff).toBe(0.5);
    expect(round(d.pearsonR!, 4)).toBe(0.9487);
  });

  it('groups by reviewer: host:a (4,3)(2,2) → MAD 0.5, signed 0.5, r 1; reviewer:b (5,3)(1,2) → MAD 1.5, signed 0.5, r 1', () => {
    const by = accuracyDeltaBy(ratings, (x) => x.reviewer);
    expect(by.map((g) => [g.key, g.n, g.meanAbsDiff, g.signedMeanDiff, g.pearsonR])).toEqual([
      ['host:a', 2, 0.5, 0.5, 1],
      ['reviewer:b', 2, 1.5, 0.5, 1],
    ]);
  });

  it('has no r with one pair or no variation, and nothing with no pairs', () => {
    expect(accuracyDelta([r('i/q', 'x', 3, 3)]).pearsonR).toBeNull();
    expect(accuracyDelta([r('i/q', 'x', 3, 1), r('i/q2', 'x', 3, 4)]).pearsonR).toBeNull();
    expect(accuracyDelta([])).toEqual({ n: 0, meanAbsDiff: null, signedMeanDiff: null, pearsonR: null });
  });

  it('over time is cumulative per day: day 1 (4,3) → MAD 1; day 2 adds (2,4) → MAD (1+2)/2 = 1.5, signed (1−2)/2 = −0.5', () => {
    const t = accuracyDeltaOverTime([r('i/q1', 'a', 4, 3, { at: 0 }), r('i/q2', 'a', 2, 4, { at: DAY + 5 })]);
    expect(t.map((p) => [p.day, p.n, p.meanAbsDiff, p.signedMeanDiff])).toEqual([
      ['1970-01-01', 1, 1, 1],
      ['1970-01-02', 2, 1.5, -0.5],
    ]);
  });

  it('over time per archetype: each archetype its own cumulative line', () => {
    // backend: day 1 (4,3) → MAD 1; day 2 (2,4) → MAD 1.5. frontend: day 2 only (5,5) → MAD 0.
    const t = accuracyDeltaOverTimeBy(
      [r('i/q1', 'a', 4, 3, { at: 0, archetype: 'backend' }), r('i/q2', 'a', 2, 4, { at: DAY + 5, archetype: 'backend' }), r('j/q1', 'a', 5, 5, { at: DAY + 9, archetype: 'frontend' })],
      (x) => x.archetype,
    );
    expect(t.map((g) => [g.key, g.points.map((p) => [p.day, p.meanAbsDiff])])).toEqual([
      ['backend', [['1970-01-01', 1], ['1970-01-02', 1.5]]],
      ['frontend', [['1970-01-02', 0]]],
    ]);
  });

  it('inter-rater agreement pairs every two people on one answer', () => {
    // Answer A: a=3, b=4 → (3,4). Answer B: a=2, b=2, c=5 → (2,2) (2,5) (2,5). Answer C: one rater, no pair.
    // Differences −1, 0, −3, −3: MAD 7/4 = 1.75, signed −1.75. x = 3,2,2,2 (mean 2.25), y = 4,2,5,5 (mean 4): Σdxdy = 0 → r 0.
    const ir = interRaterAgreement([r('i/A', 'a', 1, 3), r('i/A', 'b', 1, 4), r('i/B', 'a', null, 2), r('i/B', 'b', null, 2), r('i/B', 'c', null, 5), r('i/C', 'a', 2, 2)]);
    expect(ir).toEqual({ n: 4, meanAbsDiff: 1.75, signedMeanDiff: -1.75, pearsonR: 0 });
  });
});

describe('Friction Score', () => {
  const inc = (id: string, kind: FrictionIncident['kind']): FrictionIncident => ({ id, kind, at: 0, questionId: null, detail: null });
  it('divides distinct incidents by completions: (2 + 0 + 1) / 2 = 1.5', () => {
    const f = frictionScore([
      { interviewId: 's1', completed: true, incidents: [inc('a', 'microphone'), inc('b', 'reconnect'), inc('a', 'microphone')] },
      { interviewId: 's2', completed: true, incidents: [] },
      { interviewId: 's3', completed: false, incidents: [inc('c', 'failed-upload')] },
    ]);
    expect(f.incidents).toBe(3);
    expect(f.completions).toBe(2);
    expect(f.score).toBe(1.5);
    expect(f.byKind).toMatchObject({ microphone: 1, reconnect: 1, 'failed-upload': 1, recovery: 0 });
  });
  it('is undefined without a completion, and 0 for a completion without incidents', () => {
    expect(frictionScore([{ interviewId: 's', completed: false, incidents: [inc('x', 'recovery')] }]).score).toBeNull();
    expect(frictionScore([{ interviewId: 's', completed: true, incidents: [] }]).score).toBe(0);
  });
  it('merges the stage log with the support document, a microphone failure seen by both counted once', () => {
    const at = (id: string, kind: FrictionIncident['kind'], t: number, questionId: string | null): FrictionIncident => ({ id, kind, at: t, questionId, detail: null });
    const stage = [at('s-mic', 'microphone', 1_000, 'q1'), at('s-retry', 'recovery', 2_000, 'q1'), at('s-mic2', 'microphone', 500_000, 'q3'), at('s-block', 'technical-block', 600_000, 'q4')];
    const support = [
      at('u-mic', 'microphone', 1_000 + SAME_MICROPHONE_FAILURE_MS, 'q1'), // same question, within the window: the stage's is dropped
      at('u-mic-other', 'microphone', 400_000, 'q2'), // another question: the stage's q3 failure stays
      at('u-net', 'reconnect', 3_000, null),
      at('u-up', 'failed-upload', 700_000, null),
    ];
    // Kept: s-retry, s-mic2, s-block, and all four support incidents = 7, by time.
    expect(mergeFrictionIncidents(stage, support).map((i) => i.id)).toEqual(['s-retry', 'u-net', 'u-mic', 'u-mic-other', 's-mic2', 's-block', 'u-up']);
    // One millisecond outside the window: two occurrences.
    const later = [at('u-mic', 'microphone', 1_001 + SAME_MICROPHONE_FAILURE_MS, 'q1')];
    expect(mergeFrictionIncidents([stage[0]!], later).map((i) => i.id)).toEqual(['s-mic', 'u-mic']);
  });
});

describe('Engagement Rate', () => {
  const s = (interviewId: string, c: [number, number, number, number], minutes: number | null): EngagementSession => ({
    interviewId,
    reactions: c[0],
    chat: c[1],
    audienceSubmitted: c[2],
    audienceApproved: c[3],
    minutes,
  });
  it('per session: (3 + 4 + 2 + 1) / 20 min = 0.5; overall (10 + 6) / (20 + 30) = 0.32, sessions without a length left out', () => {
    const sessions = [s('a', [3, 4, 2, 1], 20), s('b', [1, 1, 2, 2], 30), s('c', [9, 9, 9, 9], null)];
    expect(engagementRate(sessions[0]!)).toBe(0.5);
    expect(engagementRate(sessions[1]!)).toBe(0.2);
    expect(engagementRate(sessions[2]!)).toBeNull();
    expect(overallEngagement(sessions)).toEqual({ interactions: 16, minutes: 50, rate: 0.32 });
  });
});

describe('ranking with ties and CSV', () => {
  it('gives equal scores one rank and skips the next (1, 1, 3, 4), unscored last', () => {
    const ranked = rankWithTies(['A:4', 'B:3.5', 'C:4', 'D:-', 'E:2'], (x) => (x.endsWith('-') ? null : Number(x.split(':')[1])));
    expect(ranked.map((x) => [x.item[0], x.rank, x.tied])).toEqual([
      ['A', 1, true],
      ['C', 1, true],
      ['B', 3, false],
      ['E', 4, false],
      ['D', null, false],
    ]);
  });
  it('neutralises cells that a spreadsheet would run as a formula, quotes separators, keeps numbers', () => {
    expect(neutraliseCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    for (const bad of ['+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(bad).startsWith("'")).toBe(true);
    expect(neutraliseCell('plain, text')).toBe('plain, text');
    expect(toCsv(['name', 'score', 'note'], [['=cmd|calc', -2, 'said "hi", then left'], [null, 4.5, '-x']])).toBe(
      `name,score,note\r\n'=cmd|calc,-2,"said ""hi"", then left"\r\n,4.5,'-x\r\n`,
    );
  });
});
