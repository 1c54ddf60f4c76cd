import { describe, expect, it } from 'vitest';
import { scoreDelivery, type TimedWord } from '../../src/domain/scoring/delivery';
import { analyze } from '../../src/domain/scoring/text';
import { scoreTone } from '../../src/domain/scoring/tone';

/** Word timestamps for a sentence: each word 0.3 s long, 0.1 s apart, with extra gaps where asked. */
function timed(sentence: string, gaps: Record<number, number> = {}, start = 0): TimedWord[] {
  let t = start;
  return sentence.split(' ').map((text, i) => {
    t += gaps[i] ?? 0;
    const w = { text, start: t, end: t + 0.3 };
    t += 0.4;
    return w;
  });
}

describe('tone of the wording', () => {
  it('reads hedging phrases as hedging and names them', () => {
    const t = "I think it's maybe a hash map, but I'm not sure.";
    const r = scoreTone(analyze(t));
    expect(r.assertiveness).toBe('hedging');
    expect(r.hedges.map((h) => h.span.text)).toEqual(['I think', 'maybe', "I'm not sure"]);
    for (const h of r.hedges) expect(t.slice(h.span.start, h.span.end)).toBe(h.span.text);
    expect(r.explanation).toContain('"I think"');
  });

  it('reads emphatic wording as confident', () => {
    const r = scoreTone(analyze('It is definitely a queue. Clearly the first element in is the first out.'));
    expect(r.assertiveness).toBe('confident');
    expect(r.confidentCues.map((c) => c.phrase)).toEqual(['definitely', 'clearly']);
  });

  it('reports polarity of the words, flips it under negation, and never speaks about the person', () => {
    const pos = scoreTone(analyze('I really enjoyed that project, the design was elegant and the team was great.'));
    expect(pos.polarity).toBe('positive');
    expect(pos.positiveWords.map((w) => w.phrase)).toEqual(['enjoyed', 'elegant', 'great']);
    const neg = scoreTone(analyze('That migration was not good, it was painful and frustrating.'));
    expect(neg.polarity).toBe('negative');
    expect(neg.negativeWords.map((w) => w.phrase)).toEqual(['good', 'painful', 'frustrating']);
    for (const r of [pos, neg]) {
      expect(r.explanation).toMatch(/wording of the answer, not the speaker/);
      expect(r.explanation).not.toMatch(/\b(feels?|angry|sad|anxious|nervous|emotion)/i);
    }
  });

  it('does not read technical words such as "error" or "bug" as negative tone', () => {
    const r = scoreTone(analyze('The function throws an error when the bug in the parser causes a crash.'));
    expect(r.polarity).toBe('neutral');
    expect(r.negativeWords).toHaveLength(0);
  });

  it('is not assessed for an empty transcript', () => {
    const r = scoreTone(analyze(''));
    expect(r.assessed).toBe(false);
    expect(r.explanation).toMatch(/no words/);
  });
});

describe('delivery from word timestamps', () => {
  it('computes words per minute over the speaking time, not the silence around it', () => {
    const sentence = 'a queue stores elements first in first out and supports enqueue and dequeue operations';
    const words = timed(sentence, {}, 3); // 14 words, first at 3.0 s, last ends at 3 + 13*0.4 + 0.3 = 8.5 s
    const r = scoreDelivery(analyze(sentence), 20, words);
    expect(r.wordCount).toBe(14);
    expect(r.speakingTimeSec).toBeCloseTo(5.5, 6);
    expect(r.wordsPerMinute).toBeCloseTo((14 / 5.5) * 60, 6);
    expect(r.pace).toBe('comfortable');
    expect(r.longPauses).toEqual([{ start: 0, end: 3, durationSec: 3, afterWord: null }]);
  });

  it('calls a pace above the conversational range fast', () => {
    const sentence = 'so the stack pops the last element pushed which makes it last in first out';
    const words = sentence.split(' ').map((text, i) => ({ text, start: i * 0.25, end: i * 0.25 + 0.2 }));
    const r = scoreDelivery(analyze(sentence), 10, words);
    expect(r.wordCount).toBe(15);
    expect(r.wordsPerMinute).toBeCloseTo((15 / (14 * 0.25 + 0.2)) * 60, 6);
    expect(r.pace).toBe('fast');
    expect(r.explanation).toMatch(/above the 110–175 conversational range/);
  });

  it('finds long pauses between words and says where they were', () => {
    const sentence = 'well the answer is recursion because the function calls itself';
    const words = timed(sentence, { 4: 2.5, 8: 4 });
    const r = scoreDelivery(analyze(sentence), 30, words);
    expect(r.longPauses.map((p) => [p.afterWord, Number(p.durationSec.toFixed(2))])).toEqual([
      ['is', 2.6],
      ['function', 4.1],
    ]);
    expect(r.explanation).toMatch(/2 long pauses: 2\.6 s after "is"; 4\.1 s after "function"/);
  });

  it('counts filler words, with their places in the transcript', () => {
    const t = 'Um, so, uh, a stack is, like, last in first out, you know, and um push and pop.';
    const r = scoreDelivery(analyze(t), 10);
    const byFiller = Object.fromEntries(r.fillers.map((f) => [f.filler, f.count]));
    expect(byFiller).toEqual({ um: 2, uh: 1, like: 1, 'you know': 1, so: 1 });
    for (const f of r.fillers) for (const s of f.spans) expect(t.slice(s.start, s.end)).toBe(s.text);
    expect(r.fillerCount).toBe(6);
    expect(r.timed).toBe(false);
    expect(r.explanation).toMatch(/Pauses not measured/);
    // "like" as a verb or comparison is content, not a filler.
    expect(scoreDelivery(analyze('I like queues, they work like pipes.'), 5).fillerCount).toBe(0);
  });

  it('falls back to the recording length without timestamps and ignores broken timestamps', () => {
    const t = 'enqueue adds at the back and dequeue removes at the front';
    const r = scoreDelivery(analyze(t), 6, [{ text: 'x', start: Number.NaN, end: 1 }]);
    expect(r.timed).toBe(false);
    expect(r.wordsPerMinute).toBeCloseTo((11 / 6) * 60, 6);
    expect(r.pace).toBe('comfortable');
  });
});
