import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/domain/scoring/text';

const words = (text: string) => analyze(text).tokens.filter((t) => t.kind !== 'punctuation');

describe('text analysis: words run together', () => {
  it('splits two real words run together, keeping offsets on the original characters', () => {
    const text = 'they are dynamicno size constraints; the coding stagephase';
    const tokens = words(text);
    expect(tokens.map((t) => t.lower)).toEqual(['they', 'are', 'dynamic', 'no', 'size', 'constraints', 'the', 'coding', 'stage', 'phase']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    const phase = tokens.find((t) => t.lower === 'phase')!;
    expect([phase.start, phase.end]).toEqual([text.length - 5, text.length]);
  });

  it('leaves jargon and misspellings whole', () => {
    expect(words('dequeue recurssion subtree').map((t) => t.lower)).toEqual(['dequeue', 'recurssion', 'subtree']);
  });
});
