import { describe, expect, it } from 'vitest';
import { answerLimitSec, validateModelItem } from '../../sync-server/llm/item-validation';
import { responseJsonSchema, SERVER_OWNED_FIELDS } from '../../sync-server/llm/prompt';
import { Question } from '../../src/domain/questions';

const ctx = { archetype: 'frontend', depth: 'advanced', idPrefix: 'llm-abcd', position: 4 } as const;

const spoken = {
  kind: 'spoken',
  topic: 'Rendering',
  difficulty: 3,
  prompt: 'Explain how the browser turns HTML and CSS into pixels.',
  referenceAnswer: 'Parsing builds the DOM and CSSOM, style and layout compute geometry, then paint and composite.',
  keyConcepts: ['dom', 'layout', 'paint'],
};

const coding = {
  kind: 'coding',
  topic: 'Arrays',
  difficulty: 3,
  title: 'Sum of squares',
  statement: 'Return the sum of the squares of the numbers in the array.',
  language: 'typescript',
  functionName: 'sumOfSquares',
  signature: 'function sumOfSquares(values: number[]): number',
  starterCode: 'function sumOfSquares(values: number[]): number {\n}',
  referenceSolution: 'function sumOfSquares(v) { return v.reduce((s, x) => s + x * x, 0); }',
  exampleTests: [{ args: [[1, 2]], expected: 5 }],
  hiddenTests: [
    { args: [[]], expected: 0 },
    { args: [[3]], expected: 9 },
  ],
};

describe('validateModelItem', () => {
  it('accepts a well-formed item and fills in what the server owns, whatever the model claimed', () => {
    const verdict = validateModelItem({ ...spoken, id: 'bank-item-7', source: 'bank', archetypes: ['mobile'], timeLimitSec: 900 }, ctx);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.question).toMatchObject({
      id: 'llm-abcd-5',
      source: 'llm',
      archetypes: ['frontend'],
      depths: ['advanced'],
      timeLimitSec: answerLimitSec('spoken', 'advanced'),
    });
    expect(Question.parse(verdict.question)).toEqual(verdict.question);
  });

  it('drops fields the schema does not know', () => {
    const verdict = validateModelItem({ ...spoken, confidence: 0.9 }, ctx);
    expect(verdict.ok && 'confidence' in verdict.question).toBe(false);
  });

  it.each([
    ['not an object', 'a string', /not a JSON object/],
    ['an array', [spoken], /not a JSON object/],
    ['no kind', { ...spoken, kind: undefined }, /unknown kind null/],
    ['an unknown kind', { ...spoken, kind: 'essay' }, /unknown kind "essay"/],
    ['too few key concepts', { ...spoken, keyConcepts: ['dom'] }, /keyConcepts/],
    ['a difficulty out of range', { ...spoken, difficulty: 9 }, /difficulty/],
    ['three options', { kind: 'mcq', topic: 't', difficulty: 2, prompt: 'Which one is right here?', options: ['a', 'b', 'c'], correctIndex: 0, explanation: 'Because it is.' }, /options/],
    ['repeated options', { kind: 'mcq', topic: 't', difficulty: 2, prompt: 'Which one is right here?', options: ['a', 'A ', 'b', 'c'], correctIndex: 0, explanation: 'Because it is.' }, /distinct/],
    ['a solution for another function', { ...coding, referenceSolution: 'function other() { return 1; }' }, /does not define sumOfSquares/],
    ['starter code for another function', { ...coding, starterCode: 'function other() {}' }, /starterCode/],
    ['a bad function name', { ...coding, functionName: 'sum of squares' }, /functionName/],
    ['one hidden test', { ...coding, hiddenTests: [{ args: [[]], expected: 0 }] }, /hiddenTests/],
  ])('rejects %s with a reason', (_label, raw, reason) => {
    const verdict = validateModelItem(raw, ctx);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reason).toMatch(reason);
  });

  it('does not take a function name that only appears inside a longer identifier', () => {
    const verdict = validateModelItem({ ...coding, referenceSolution: 'function sumOfSquaresFast(v) { return 0; }' }, ctx);
    expect(verdict).toMatchObject({ ok: false, reason: 'referenceSolution does not define sumOfSquares' });
  });

  it('gives answer limits that match the planned minutes', () => {
    expect(answerLimitSec('spoken', 'standard')).toBe(120);
    expect(answerLimitSec('mcq', 'standard')).toBe(60);
    expect(answerLimitSec('coding', 'expert')).toBe(20 * 60);
  });
});

describe('responseJsonSchema', () => {
  it('asks the model for every kind, without the fields the server fills in', () => {
    const schema = responseJsonSchema() as { properties: { questions: { items: { anyOf: Array<{ properties: Record<string, unknown>; required: string[] }> } } } };
    const variants = schema.properties.questions.items.anyOf;
    expect(variants.map((v) => (v.properties.kind as { const: string }).const)).toEqual(['spoken', 'mcq', 'coding']);
    for (const v of variants) {
      for (const f of SERVER_OWNED_FIELDS) {
        expect(v.properties).not.toHaveProperty(f);
        expect(v.required).not.toContain(f);
      }
      expect(v.required).toContain('topic');
    }
  });
});
