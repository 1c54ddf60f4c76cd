/**
 * Token fingerprints of coding answers (src/domain/coding/fingerprint.ts): copies disguised by renaming and
 * reformatting score high, independent solutions of the same task low (fixtures in fixtures/code-similarity/).
 */
import { describe, expect, it } from 'vitest';
import { fingerprintCode, fingerprintSimilarity, FINGERPRINT_SCHEME, MAX_HASHES, normalisedTokens, similarSubmissions, SIMILAR_THRESHOLD } from '../../src/domain/coding/fingerprint';
import * as balancedBrackets from './fixtures/code-similarity/balanced-brackets';
import * as mergeIntervals from './fixtures/code-similarity/merge-intervals';
import * as wordFrequency from './fixtures/code-similarity/word-frequency';

const TASKS = { mergeIntervals, wordFrequency, balancedBrackets };
const COPIES = ['renamed', 'reformatted', 'renamedAndReformatted'] as const;
const INDEPENDENT = ['independentA', 'independentB', 'independentC'] as const;

function similarity(a: string, b: string): number {
  const s = fingerprintSimilarity(fingerprintCode(a), fingerprintCode(b));
  if (s === null) throw new Error('not comparable');
  return s;
}

describe('normalised tokens', () => {
  it('renames identifiers, drops whitespace, comments, semicolons, braces and trailing commas, and keeps member names', () => {
    expect(normalisedTokens('const total = values.reduce((a, b) => a + b, 0); // sum\n/* done */')).toEqual(
      ['const', 'I', '=', 'I', '.reduce', '(', '(', 'I', ',', 'I', ')', '=>', 'I', '+', 'I', ',', 'N', ')'],
    );
    expect(normalisedTokens('f(a, b,)')).toEqual(normalisedTokens('f( a,b )'));
    expect(normalisedTokens('if (x) { y() }')).toEqual(normalisedTokens('if (x) y();'));
  });

  it('reads strings, template literals and regular expressions as one token each, even with quotes inside', () => {
    expect(normalisedTokens("s.split(/[^a-z']+/g).join(`-${x}`) + 'it\\'s' + \"q\"")).toEqual(
      ['I', '.split', '(', 'R', ')', '.join', '(', 'S', ')', '+', 'S', '+', 'S'],
    );
    expect(normalisedTokens('a / b / c')).toEqual(['I', '/', 'I', '/', 'I']);
  });

  it('never throws on unfinished code', () => {
    for (const bad of ['"unclosed', '/* unclosed', '`tpl ${', '/[', 'a.', '']) expect(() => normalisedTokens(bad)).not.toThrow();
  });
});

describe.each(Object.entries(TASKS))('fixtures of %s', (_name, task) => {
  it.each(COPIES)('a %s copy of the original is flagged as similar', (copy) => {
    expect(similarity(task.original, task[copy])).toBeGreaterThanOrEqual(0.85);
  });

  it.each(INDEPENDENT)('%s, written independently, is not', (solution) => {
    expect(similarity(task.original, task[solution])).toBeLessThan(0.3);
  });

  it('independent solutions are not similar to each other', () => {
    for (let i = 0; i < INDEPENDENT.length; i += 1)
      for (let j = i + 1; j < INDEPENDENT.length; j += 1) expect(similarity(task[INDEPENDENT[i]!], task[INDEPENDENT[j]!])).toBeLessThan(0.3);
  });
});

describe('similarity', () => {
  it('is 1 for the same code, symmetric, and null for an empty answer or another scheme', () => {
    const a = fingerprintCode(mergeIntervals.original);
    const b = fingerprintCode(mergeIntervals.independentA);
    expect(fingerprintSimilarity(a, a)).toBe(1);
    expect(fingerprintSimilarity(a, b)).toBe(fingerprintSimilarity(b, a));
    expect(fingerprintSimilarity(a, fingerprintCode('  // nothing\n'))).toBeNull();
    expect(fingerprintSimilarity(a, { ...b, scheme: 'other' as typeof FINGERPRINT_SCHEME })).toBeNull();
  });

  it('keeps a short answer comparable', () => {
    expect(fingerprintCode('f()').hashes).toHaveLength(1);
    expect(similarity('return x', 'return y')).toBe(1);
  });

  it('caps a huge paste at MAX_HASHES and still finds a copy of it', () => {
    // Member names are kept as written, so each line has token runs of its own; about 300 KB.
    const big = Array.from({ length: 10_000 }, (_, i) => `const a = b.m${i}(a, "${i}") + c;`).join('\n');
    const renamed = big.replace(/\ba\b/g, 'value');
    const fp = fingerprintCode(big);
    expect(fp.hashes.length).toBe(MAX_HASHES);
    expect([...fp.hashes].sort((x, y) => x - y)).toEqual(fp.hashes);
    expect(similarity(big, renamed)).toBe(1);
    expect(similarity(big, mergeIntervals.original)).toBeLessThan(0.05);
  });

  it('lists the pairs at or above the threshold, most similar first', () => {
    const subs = [
      { id: 'ann', fingerprint: fingerprintCode(wordFrequency.original) },
      { id: 'bob', fingerprint: fingerprintCode(wordFrequency.independentA) },
      { id: 'cy', fingerprint: fingerprintCode(wordFrequency.renamedAndReformatted) },
      { id: 'dee', fingerprint: fingerprintCode(wordFrequency.reformatted) },
      { id: 'eve', fingerprint: fingerprintCode('') },
    ];
    const pairs = similarSubmissions(subs);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      ['ann', 'cy'],
      ['ann', 'dee'],
      ['cy', 'dee'],
    ]);
    expect(pairs.every((p) => p.similarity >= SIMILAR_THRESHOLD)).toBe(true);
    expect(similarSubmissions(subs, 1.01)).toEqual([]);
  });
});
