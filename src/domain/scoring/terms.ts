/**
 * Terms: the unit that concept matching and overlap measures compare. A term is
 * a content token's normalised forms; an abbreviation also yields the terms of
 * its expansion, all pointing at the same transcript characters.
 */
import { stem } from './nlp';
import { ABBREVIATIONS, synonymGroup } from './synonyms';
import type { AnalyzedText, Token } from './text';
import { STOP_WORDS } from './stopwords';

export interface Term {
  /** Index of the token in its analysed text that this term comes from. */
  readonly token: number;
  readonly lower: string;
  readonly lemma: string;
  readonly stem: string;
  readonly synonym: number | null;
  readonly negated: boolean;
  /** Came from expanding an abbreviation. */
  readonly expanded: boolean;
  /** A word wink's lexicon knows; only unknown words get spelling and glued-word matching. */
  readonly known: boolean;
  /** Universal part-of-speech tag from wink. */
  readonly pos: string;
}

export type MatchKind = 'exact' | 'stem' | 'synonym' | 'abbreviation' | 'spelling' | 'compound';

/** How much a match of each kind is worth, relative to an exact match. */
export const MATCH_CREDIT: Readonly<Record<MatchKind, number>> = {
  exact: 1,
  stem: 1,
  abbreviation: 1,
  synonym: 0.9,
  spelling: 0.8,
  compound: 0.8,
};

export const NEGATORS: ReadonlySet<string> = new Set(['not', "n't", 'no', 'never', 'without', 'none', 'neither', 'nor', 'cannot', 'nothing']);
/** A negation reaches a few words forward and stops at punctuation or a contrasting conjunction. */
export const SCOPE_BREAKERS: ReadonlySet<string> = new Set(['but', 'and', 'or', 'however', 'instead', 'rather', 'while', 'whereas', 'though', 'although', 'so', 'because']);
export const NEGATION_REACH = 4;
/** "no more than two children" bounds a number; it denies nothing. */
const COMPARATIVES = new Set(['more', 'less', 'fewer', 'greater', 'larger', 'smaller', 'bigger', 'higher', 'lower']);

/** The token at i is a negator that denies what follows it. */
export function isNegator(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (!NEGATORS.has(t.lower) && !NEGATORS.has(t.lemma)) return false;
  // "not only ... but also" affirms.
  if (tokens[i + 1]?.lower === 'only') return false;
  if (COMPARATIVES.has(tokens[i + 1]?.lower ?? '') && tokens[i + 2]?.lower === 'than') return false;
  return true;
}

/** Which tokens sit in a negation's scope: "does not call itself" negates "call" and "itself". */
export function negationMask(tokens: readonly Token[]): boolean[] {
  const mask = tokens.map(() => false);
  for (let i = 0; i < tokens.length; i += 1) {
    if (!isNegator(tokens, i)) continue;
    let reached = 0;
    for (let j = i + 1; j < tokens.length && reached < NEGATION_REACH; j += 1) {
      const u = tokens[j]!;
      if (u.kind === 'punctuation' || SCOPE_BREAKERS.has(u.lower)) break;
      mask[j] = true;
      if (u.content) reached += 1;
    }
  }
  return mask;
}

function termOf(token: Token, negated: boolean): Term {
  return {
    token: token.index,
    lower: token.lower,
    lemma: token.lemma,
    stem: token.stem,
    synonym: synonymGroup(token.lemma, token.lower),
    negated,
    expanded: false,
    known: token.known,
    pos: token.pos,
  };
}

function expansionTerms(token: Token, negated: boolean): Term[] {
  const expansion = ABBREVIATIONS.get(token.lower);
  if (!expansion) return [];
  return expansion
    .split(' ')
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => ({
      token: token.index,
      lower: w,
      lemma: w,
      stem: stem(w),
      synonym: synonymGroup(w),
      negated,
      expanded: true,
      known: true,
      pos: 'NOUN',
    }));
}

/** The terms of a text, in order. Abbreviations contribute their expansion too. */
export function termsOf(analyzed: AnalyzedText): Term[] {
  const mask = negationMask(analyzed.tokens);
  const out: Term[] = [];
  for (const t of analyzed.tokens) {
    if (!t.content) continue;
    const negated = mask[t.index] === true;
    out.push(termOf(t, negated));
    out.push(...expansionTerms(t, negated));
  }
  return out;
}

/** Optimal-string-alignment distance, bounded: returns limit + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[rows * cols - 1]!;
}

/** Misspellings and mis-transcriptions of longer words ("intialized", "recurssion"). */
function spellingMatch(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  if (n < 5 || a[0] !== b[0] || /\d/.test(a) || /\d/.test(b)) return false;
  const limit = n >= 8 ? 2 : 1;
  return editDistance(a, b, limit) <= limit;
}

/**
 * A word run together with its neighbour ("pushinsert", "logn") or cut short
 * ("enque" for "enqueue"). Only for words the lexicon does not know, so real
 * words ("user" for "use") are never split.
 */
function compoundMatch(ref: string, ans: string): boolean {
  if (ref.length < 3 || /\d/.test(ref)) return false;
  if (ans.length > ref.length) return ans.startsWith(ref) || ans.endsWith(ref);
  return ans.length >= 4 && ans.length >= 0.6 * ref.length && ref.startsWith(ans);
}

/** How a reference term is matched by an answer term, if it is. Strongest kind first. */
export function matchKind(ref: Term, ans: Term): MatchKind | null {
  if (ref.lemma === ans.lemma || ref.lower === ans.lower) return ref.expanded || ans.expanded ? 'abbreviation' : 'exact';
  if (ref.stem === ans.stem) return ref.expanded || ans.expanded ? 'abbreviation' : 'stem';
  if (ref.synonym !== null && ref.synonym === ans.synonym) return 'synonym';
  if (ref.known && ans.known) return null;
  if (spellingMatch(ref.lemma, ans.lemma) || spellingMatch(ref.lower, ans.lower)) return 'spelling';
  if (!ans.known && compoundMatch(ref.lower, ans.lower)) return 'compound';
  return null;
}

export interface TermMatch {
  readonly answerTerm: Term;
  readonly kind: MatchKind;
  readonly credit: number;
}

/** The best match of a reference term among the answer's terms (first occurrence on ties). */
export function bestMatch(ref: Term, answer: readonly Term[]): TermMatch | null {
  let best: TermMatch | null = null;
  for (const a of answer) {
    const kind = matchKind(ref, a);
    if (!kind) continue;
    const credit = MATCH_CREDIT[kind];
    if (!best || credit > best.credit) best = { answerTerm: a, kind, credit };
    if (credit === 1) break;
  }
  return best;
}

/** Neighbouring stems as "a b" strings: shared word order with the reference. */
export function bigramsOf(terms: readonly Term[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < terms.length; i += 1) out.add(`${terms[i - 1]!.stem} ${terms[i]!.stem}`);
  return out;
}
