import { describe, expect, it } from 'vitest';
import { McqQuestion } from '../../src/domain/questions';
import { scoreMcq } from '../../src/domain/scoring';

const q = McqQuestion.parse({
  id: 'mcq-http',
  kind: 'mcq',
  topic: 'http',
  difficulty: 1,
  archetypes: ['backend'],
  depths: ['standard'],
  prompt: 'Which HTTP method is idempotent but not safe?',
  options: ['GET', 'POST', 'PUT', 'PATCH'],
  correctIndex: 2,
  explanation: 'PUT replaces the resource, so repeating it has the same effect; it still changes state.',
});

describe('multiple-choice scoring', () => {
  it('marks the right option correct, with the reason', () => {
    const r = scoreMcq(q, 2);
    expect(r).toMatchObject({ correct: true, answered: true, score: 5, chosenOption: 'PUT', correctOption: 'PUT', questionId: 'mcq-http' });
    expect(r.explanation).toMatch(/^Correct: C \("PUT"\)\. PUT replaces/);
  });

  it('marks a wrong option wrong and names the right one', () => {
    const r = scoreMcq(q, 0);
    expect(r).toMatchObject({ correct: false, answered: true, score: 0, chosenIndex: 0, chosenOption: 'GET' });
    expect(r.explanation).toMatch(/Wrong: chose A \("GET"\); the correct answer is C \("PUT"\)/);
  });

  it('treats no choice or an out-of-range choice as unanswered, not as a crash', () => {
    for (const choice of [null, undefined, 4, -1, 1.5, Number.NaN]) {
      const r = scoreMcq(q, choice as number | null);
      expect(r.answered).toBe(false);
      expect(r.correct).toBe(false);
      expect(r.chosenIndex).toBeNull();
      expect(r.explanation).toMatch(/correct answer is C/);
    }
    expect(scoreMcq(q, null).explanation).toMatch(/^No option was chosen/);
    expect(scoreMcq(q, 7).explanation).toMatch(/^Choice 7 is not one of the 4 options/);
  });
});
