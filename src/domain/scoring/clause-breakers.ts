/**
 * Words that start a new statement, besides punctuation: the clause readers (opposites.ts, named-contrasts.ts) end a
 * clause before them, so "x is fast while y is slow" says "fast" of x and "slow" of y.
 */
export const CLAUSE_BREAKERS: ReadonlySet<string> = new Set([
  'while',
  'whereas',
  'but',
  'however',
  'so',
  'because',
  'although',
  'though',
  'instead',
  'then',
  'whilst',
  'unlike',
]);
