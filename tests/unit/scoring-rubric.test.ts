/**
 * Rubric rules on the project's own graded interview answers (development split of bench/scoring; the test split is
 * for the benchmark only): answers written to fool a lexical scorer are held to the rubric's ceilings, and the
 * explanation says why.
 */
import { describe, expect, it } from 'vitest';
import { createSpokenScorer, type SpokenScore } from '../../src/domain/scoring';
import { deriveConcepts } from '../../src/domain/scoring/concepts';
import { loadInterviewSet, type AnswerKind } from '../../scripts/scoring/interview-set';

const set = loadInterviewSet();
const scorer = createSpokenScorer();
const scored = set.development.map((a) => ({ a, s: scorer.score({ question: set.questions.get(a.questionId)!, transcript: a.answer, durationSec: 0 }) }));
const ofKind = (k: AnswerKind): { a: (typeof set.development)[number]; s: SpokenScore }[] => scored.filter((x) => x.a.kind === k);

describe('rubric rules on the own interview answers', () => {
  it('holds at least 300 answers to at least 30 bank questions, with whole questions held out for the test split', () => {
    const all = [...set.development, ...set.test];
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(set.questions.size).toBeGreaterThanOrEqual(30);
    const testQuestions = new Set(set.test.map((a) => a.questionId));
    expect(set.development.some((a) => testQuestions.has(a.questionId))).toBe(false);
    expect(testQuestions.size).toBeGreaterThanOrEqual(8);
  });

  it('keeps keyword salad at 1 or less and bare concept lists at 2 or less, and says so', () => {
    for (const { s } of ofKind('salad')) {
      expect(s.accuracy.score).toBeLessThanOrEqual(1);
      expect(s.accuracy.explanation).toMatch(/Keyword salad/);
    }
    for (const { s } of ofKind('concepts')) {
      expect(s.accuracy.score).toBeLessThanOrEqual(2);
      expect(s.accuracy.explanation).toMatch(/without explaining them|Keyword salad/);
    }
  });

  it('recognises long answers about something else as off topic, at most 1', () => {
    for (const k of ['off-topic', 'other-question'] as const) {
      for (const { s } of ofKind(k)) {
        expect(s.accuracy.score).toBeLessThanOrEqual(1);
        expect(s.accuracy.explanation).toMatch(/Off topic|No correct content/);
      }
    }
    expect(ofKind('off-topic').every(({ s }) => /Off topic/.test(s.accuracy.explanation))).toBe(true);
  });

  it('does not credit concepts said in the negative, and explains which', () => {
    const negated = ofKind('negation');
    const flagged = negated.filter(({ s }) => s.accuracy.conceptsMissed.some((c) => c.negated));
    expect(flagged.length).toBeGreaterThanOrEqual(Math.ceil(negated.length * 0.8));
    for (const { s } of flagged) {
      for (const c of s.accuracy.conceptsMissed.filter((m) => m.negated)) expect(s.accuracy.explanation).toContain(`"${c.concept}"`);
      expect(s.accuracy.explanation).toMatch(/said only inside a negation/);
    }
    const strong = ofKind('strong');
    const mean = (xs: { s: SpokenScore }[]) => xs.reduce((t, x) => t + x.s.accuracy.score, 0) / xs.length;
    expect(mean(negated)).toBeLessThan(mean(strong) - 1.5);
  });

  it('gives answers with no correct content at most 1', () => {
    for (const { a, s } of scored) if (a.grade === 0 && s.accuracy.ceilings.some((c) => c.rule === 'no-content' || c.rule === 'off-topic')) expect(s.accuracy.score).toBeLessThanOrEqual(1);
    for (const { s } of ofKind('padding')) expect(s.accuracy.score).toBeLessThanOrEqual(1);
  });

  it('does not take an answer that says a terse reference for a bare list, while a list of concepts against a long one is still capped', () => {
    const terse = scorer.score({ question: { prompt: 'Name the main operations of a stack.', referenceAnswer: 'Push, pop, peek and isEmpty.' }, transcript: 'push, pop, peek, isEmpty', durationSec: 0 });
    expect(terse.accuracy.ceilings).toEqual([]);
    expect(terse.accuracy.score).toBeGreaterThanOrEqual(4);
    const long = scorer.score({
      question: {
        prompt: 'What is a database index and what does it cost?',
        referenceAnswer:
          'An index is a separate data structure, usually a B-tree, that keeps the values of one or more columns sorted with pointers back to the rows. The cost is extra storage and slower writes, because every insert, update or delete must also maintain each index.',
        keyConcepts: ['B-tree', 'sorted', 'storage', 'slower writes'],
      },
      transcript: 'B-tree, sorted, storage, slower writes',
      durationSec: 0,
    });
    expect(long.accuracy.ceilings.map((c) => c.rule)).toEqual(['keyword-salad']);
    expect(long.accuracy.score).toBeLessThanOrEqual(1);
  });

  it('keeps the negation of a reference that says what something does not have, so saying it the same way is credited', () => {
    const question = {
      prompt: 'How does a constructor differ from a function?',
      referenceAnswer: 'A constructor is called whenever an object is created, whereas a function needs to be called explicitly. Constructors do not have a return type.',
    };
    expect(deriveConcepts(question.referenceAnswer)).toContain('no return type');
    const same = scorer.score({ question, transcript: 'Constructors do not have a return type.', durationSec: 0 });
    expect(same.accuracy.conceptsFound.map((c) => c.concept)).toContain('no return type');
    expect(same.accuracy.ceilings.some((c) => c.rule === 'negated')).toBe(false);
    expect(same.accuracy.explanation).not.toMatch(/said only inside a negation/);
    // Before, the phrase lost its "not" and this answer was capped for denying it.
    expect(same.accuracy.score).toBeGreaterThan(1.5);
  });
});
