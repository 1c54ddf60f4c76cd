/**
 * Swapped facts: an answer can use every word of the reference and still pair them wrongly ("let is function
 * scoped, var is block scoped"). Word overlap cannot see that; which words are said together can. Two reference
 * words that the answer puts in one clause, close together, should also share a sentence of the reference. Pairs
 * the reference never says together are "misattributed"; many of them, and few pairs the reference does make,
 * mean the answer swaps or mixes up its facts.
 */
import type { AnalyzedText } from './text';
import type { Term } from './terms';

/** Words that end a clause: punctuation and contrasting or linking conjunctions that start a new statement. */
const CLAUSE_BREAKERS = new Set(['while', 'whereas', 'but', 'however', 'so', 'because', 'although', 'though', 'instead', 'then']);
/** How far apart (in content words) two words of one answer clause may be and still be "said together". */
const PAIR_REACH = 5;

/** A numeral right after a word names a thing of its own: "type I" and "type II" errors, "L1", "level 2". */
const NUMERAL = /^(?:i|ii|iii|iv|[0-9])$/;

/** The term's stem, joined with the numeral that follows it: "type ii" (so type I and type II are two things). */
function numberedName(text: AnalyzedText, t: Term, stemOf: string): string {
  const next = text.tokens[t.token + 1];
  return next && next.kind !== 'punctuation' && NUMERAL.test(next.lower) ? `${stemOf} ${next.lower}` : stemOf;
}

/** The term as the text says it, with the numeral of its name: "type II". */
function saidAs(text: AnalyzedText, t: Term): string {
  const next = text.tokens[t.token + 1];
  return next && next.kind !== 'punctuation' && NUMERAL.test(next.lower) ? `${t.lower} ${next.text}` : t.lower;
}

/** The numeral of such a name ("II" of "type II"): part of the word before it, not a word of its own. */
function isNameNumeral(text: AnalyzedText, t: Term): boolean {
  const prev = text.tokens[t.token - 1];
  return NUMERAL.test(t.lower) && prev !== undefined && prev.content;
}

export interface Misattribution {
  /** The two reference words the answer says together. */
  readonly words: readonly [string, string];
}

export interface AssociationResult {
  /** Close pairs of reference words in the answer. */
  readonly pairs: number;
  /** Of those, pairs no sentence of the reference contains. */
  readonly misattributed: readonly Misattribution[];
  /** misattributed / pairs, 0 when there are no pairs. */
  readonly share: number;
}

/** Sentence number of each token: a new sentence after ".", "!", "?" or ";". */
function sentenceOf(text: AnalyzedText): number[] {
  let s = 0;
  return text.tokens.map((t) => {
    const here = s;
    if (t.kind === 'punctuation' && /[.!?;]/.test(t.text)) s += 1;
    return here;
  });
}

/**
 * Clause number for crossed pairs: clauseOf, also split at "and" ("recall is X and precision is Y" is two statements,
 * and pairs across it made the swap look like a right pairing), but not at a comma after fewer than three content
 * words: "L2, ridge, drives coefficients to zero" says its facts of "L2", which a split would leave alone in a clause.
 */
function pairClauseOf(text: AnalyzedText): number[] {
  let c = 0;
  let words = 0;
  return text.tokens.map((t) => {
    if (CLAUSE_BREAKERS.has(t.lower) || t.lower === 'and' || t.lower === 'whilst' || t.lower === 'unlike') {
      c += 1;
      words = 0;
    }
    const here = c;
    if (t.content) words += 1;
    const comma = t.text === ',';
    if (t.kind === 'punctuation' && /[.!?;,:]/.test(t.text) && !(comma && words < 3)) {
      c += 1;
      words = 0;
    }
    return here;
  });
}

/** Clause number of each token: sentences split further at commas, colons and clause-starting conjunctions. */
function clauseOf(text: AnalyzedText): number[] {
  let c = 0;
  return text.tokens.map((t) => {
    if (CLAUSE_BREAKERS.has(t.lower)) c += 1;
    const here = c;
    if (t.kind === 'punctuation' && /[.!?;,:]/.test(t.text)) c += 1;
    return here;
  });
}

/** Which reference sentences each reference stem occurs in. */
export function referenceSentences(reference: AnalyzedText, referenceTerms: readonly Term[]): Map<string, Set<number>> {
  const sentence = sentenceOf(reference);
  const out = new Map<string, Set<number>>();
  for (const t of referenceTerms) {
    const set = out.get(t.stem) ?? new Set<number>();
    set.add(sentence[t.token] ?? 0);
    out.set(t.stem, set);
  }
  return out;
}

/**
 * `matched` maps an answer term's index (in answerTerms) to the reference stem it matched, for affirmed matches only.
 * Only stems that occur in some but not every reference sentence can be misattributed.
 */
export function associations(
  answer: AnalyzedText,
  answerTerms: readonly Term[],
  matched: ReadonlyMap<number, string>,
  sentencesOf: ReadonlyMap<string, ReadonlySet<number>>,
  referenceSentenceCount: number,
): AssociationResult {
  const clause = clauseOf(answer);
  const distinctive = (stem: string) => {
    const s = sentencesOf.get(stem);
    return s !== undefined && s.size < referenceSentenceCount;
  };
  const items = [...matched.entries()]
    .map(([i, stem]) => ({ i, stem, clause: clause[answerTerms[i]!.token] ?? 0 }))
    .filter((x) => distinctive(x.stem))
    .sort((a, b) => a.i - b.i);
  let pairs = 0;
  const misattributed: Misattribution[] = [];
  const seen = new Set<string>();
  for (let a = 0; a < items.length; a += 1) {
    for (let b = a + 1; b < items.length; b += 1) {
      const x = items[a]!;
      const y = items[b]!;
      if (y.i - x.i > PAIR_REACH || x.clause !== y.clause) continue;
      if (x.stem === y.stem) continue;
      const key = x.stem < y.stem ? `${x.stem}|${y.stem}` : `${y.stem}|${x.stem}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs += 1;
      const sx = sentencesOf.get(x.stem)!;
      const sy = sentencesOf.get(y.stem)!;
      if (![...sx].some((s) => sy.has(s))) misattributed.push({ words: [answerTerms[x.i]!.lower, answerTerms[y.i]!.lower] });
    }
  }
  return { pairs, misattributed, share: pairs > 0 ? misattributed.length / pairs : 0 };
}

/** Words that start a new statement inside a sentence: what follows them is said about a new subject. */
const SEGMENT_BREAKERS = new Set(['while', 'whereas', 'but', 'however', 'because', 'although', 'though', 'instead', 'unlike', 'and', 'whilst']);

/** Segment number of each token: sentences split at ";" and ":" and at words that start a new statement. */
function segmentOf(text: AnalyzedText): number[] {
  let c = 0;
  return text.tokens.map((t) => {
    if (SEGMENT_BREAKERS.has(t.lower)) c += 1;
    const here = c;
    if (t.kind === 'punctuation' && /[.!?;:]/.test(t.text)) c += 1;
    return here;
  });
}

/**
 * Which thing each fact belongs to in the reference. The things are the distinctive words the question names (the
 * things it asks to compare or explain); every other reference word belongs to the nearest thing named before it in
 * its segment ("precision is the share of predicted positives": "predicted" belongs to "precision").
 */
export interface FactOwners {
  /** Keys of the things: stems, or stem and numeral ("type i"). */
  readonly things: ReadonlySet<string>;
  /** Reference stem of a fact → keys of the things the reference attaches it to. */
  readonly owners: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Walks a text's terms and gives each fact term the thing it is said of: the nearest thing named before it in its
 * segment (null before the segment's first thing). `thingOf` names the thing a term names (null for a fact).
 */
function ownersAlong(text: AnalyzedText, terms: readonly Term[], thingOf: (i: number) => string | null): (string | null)[] {
  const segment = segmentOf(text);
  let current: string | null = null;
  let seg = -1;
  return terms.map((t, i) => {
    const here = segment[t.token] ?? 0;
    if (here !== seg) {
      seg = here;
      current = null;
    }
    const k = thingOf(i);
    if (k !== null) {
      current = k;
      return null;
    }
    return current;
  });
}

export function factOwners(reference: AnalyzedText, allTerms: readonly Term[], thingCandidates: ReadonlySet<string>): FactOwners {
  const referenceTerms = allTerms.filter((t) => !isNameNumeral(reference, t));
  const sentence = sentenceOf(reference);
  const keyAt = referenceTerms.map((t) => (thingCandidates.has(t.stem) ? numberedName(reference, t, t.stem) : null));
  const sentencesWith = new Map<string, Set<number>>();
  referenceTerms.forEach((t, i) => {
    const k = keyAt[i] ?? t.stem;
    (sentencesWith.get(k) ?? sentencesWith.set(k, new Set()).get(k)!).add(sentence[t.token] ?? 0);
  });
  const sentenceCount = new Set(referenceTerms.map((t) => sentence[t.token] ?? 0)).size;
  // A word of the question said in every sentence of the reference ("join" in an answer about joins) names the topic,
  // not one of the things compared.
  const keys = new Set(keyAt.filter((k): k is string => k !== null));
  const things = new Set([...keys].filter((k) => sentenceCount < 2 || sentencesWith.get(k)!.size < sentenceCount));
  const owner = ownersAlong(reference, referenceTerms, (i) => (keyAt[i] !== null && things.has(keyAt[i]!) ? keyAt[i]! : null));
  const owners = new Map<string, Set<string>>();
  referenceTerms.forEach((t, i) => {
    const o = owner[i];
    if (o === null || o === undefined || t.negated || things.has(keyAt[i] ?? '')) return;
    (owners.get(t.stem) ?? owners.set(t.stem, new Set()).get(t.stem)!).add(o);
  });
  return { things, owners };
}

/** A fact the answer attaches to one thing that the reference attaches to another thing the answer also names. */
export interface MisattachedFact {
  /** As the answer says them. */
  readonly fact: string;
  readonly saidOf: string;
  /** The thing the reference attaches the fact to (its first form in the answer). */
  readonly belongsTo: string;
  readonly saidOfStem: string;
  /** Keys of every thing the reference attaches the fact to. */
  readonly ownerStems: readonly string[];
}

/** Misattached facts that cross: a fact of B said of A and a fact of A said of B, which is a swap, not a loose paraphrase. */
export function crossedFacts(m: readonly MisattachedFact[]): [MisattachedFact, MisattachedFact][] {
  const out: [MisattachedFact, MisattachedFact][] = [];
  for (let a = 0; a < m.length; a += 1)
    for (let b = a + 1; b < m.length; b += 1) {
      const x = m[a]!;
      const y = m[b]!;
      if (x.saidOfStem !== y.saidOfStem && x.ownerStems.includes(y.saidOfStem) && y.ownerStems.includes(x.saidOfStem)) out.push([x, y]);
    }
  return out;
}

/**
 * Facts attached to the wrong thing, segment by segment: each matched answer word belongs to the thing the answer
 * says it of (as the reference's facts do, ownersAlong); when the reference gives that word only to other things,
 * and the answer names one of those too, the fact is misattached ("recall is the share of predicted positives").
 */
export function misattachedFacts(
  answer: AnalyzedText,
  answerTerms: readonly Term[],
  matched: ReadonlyMap<number, string>,
  facts: FactOwners,
): MisattachedFact[] {
  const keyAt = answerTerms.map((t, i) => {
    const stem = matched.get(i);
    if (stem === undefined) return null;
    const k = numberedName(answer, t, stem);
    return facts.things.has(k) ? k : null;
  });
  const wordOf = (i: number) => saidAs(answer, answerTerms[i]!);
  const named = new Map<string, string>();
  keyAt.forEach((k, i) => {
    if (k !== null && !named.has(k)) named.set(k, wordOf(i));
  });
  const owner = ownersAlong(answer, answerTerms, (i) => keyAt[i] ?? null);
  const out: MisattachedFact[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < answerTerms.length; i += 1) {
    const stem = matched.get(i);
    const said = owner[i];
    if (stem === undefined || said === null || said === undefined || keyAt[i] !== null || isNameNumeral(answer, answerTerms[i]!)) continue;
    const owners = facts.owners.get(stem);
    if (!owners || owners.has(said)) continue;
    const other = [...owners].find((o) => named.has(o));
    if (other === undefined) continue;
    const key = `${said}|${stem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ fact: answerTerms[i]!.lower, saidOf: named.get(said)!, belongsTo: named.get(other)!, saidOfStem: said, ownerStems: [...owners] });
  }
  return out;
}

/** How far apart (in content words) two words of one reference sentence may be and still be said together. */
const REFERENCE_REACH = 8;

const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

/** Pairs of reference stems that one reference sentence says close together. */
export function referencePairs(reference: AnalyzedText, referenceTerms: readonly Term[]): Set<string> {
  const sentence = sentenceOf(reference);
  const out = new Set<string>();
  for (let a = 0; a < referenceTerms.length; a += 1)
    for (let b = a + 1; b < referenceTerms.length && b - a <= REFERENCE_REACH; b += 1) {
      const x = referenceTerms[a]!;
      const y = referenceTerms[b]!;
      if (isNameNumeral(reference, x) || isNameNumeral(reference, y)) continue;
      const kx = numberedName(reference, x, x.stem);
      const ky = numberedName(reference, y, y.stem);
      if (kx !== ky && !x.negated && !y.negated && sentence[x.token] === sentence[y.token]) out.add(pairKey(kx, ky));
    }
  return out;
}

/** Two facts traded between two things: the answer says A with g and B with f where the reference says A with f and B with g. */
export interface SwappedFacts {
  /** The answer's words, as said: [A, g] and [B, f]. */
  readonly said: readonly [readonly [string, string], readonly [string, string]];
}

/**
 * Crossed pairs, clause by clause: two close pairs of one answer clause each, (A, g) and (B, f), that the reference
 * never says close together, crossed against two it does say, (A, f) and (B, g), while the answer never makes those
 * right pairings. A paraphrase that merges or reorders the reference's sentences makes new pairs (the misattributed
 * pairs above), but seldom crossed ones; "isolation means all statements happen or none do, atomicity means
 * concurrent transactions can't see each other" makes several.
 */
export function swappedFacts(
  answer: AnalyzedText,
  answerTerms: readonly Term[],
  matched: ReadonlyMap<number, string>,
  refPairs: ReadonlySet<string>,
): SwappedFacts[] {
  const clause = pairClauseOf(answer);
  const items = [...matched.entries()]
    .filter(([i]) => !isNameNumeral(answer, answerTerms[i]!))
    .map(([i, stem]) => ({ i, stem: numberedName(answer, answerTerms[i]!, stem), clause: clause[answerTerms[i]!.token] ?? 0 }))
    .sort((a, b) => a.i - b.i);
  const near = new Set<string>();
  const wrong: { x: string; y: string; wx: string; wy: string }[] = [];
  for (let a = 0; a < items.length; a += 1)
    for (let b = a + 1; b < items.length; b += 1) {
      const x = items[a]!;
      const y = items[b]!;
      if (y.i - x.i > PAIR_REACH || x.clause !== y.clause || x.stem === y.stem) continue;
      const key = pairKey(x.stem, y.stem);
      if (near.has(key)) continue;
      near.add(key);
      if (!refPairs.has(key)) wrong.push({ x: x.stem, y: y.stem, wx: saidAs(answer, answerTerms[x.i]!), wy: saidAs(answer, answerTerms[y.i]!) });
    }
  const out: SwappedFacts[] = [];
  const seen = new Set<string>();
  const right = (p: string, q: string) => refPairs.has(pairKey(p, q)) && !near.has(pairKey(p, q));
  for (let m = 0; m < wrong.length; m += 1)
    for (let n = m + 1; n < wrong.length; n += 1) {
      const u = wrong[m]!;
      const v = wrong[n]!;
      if (new Set([u.x, u.y, v.x, v.y]).size < 4) continue;
      // Labelled (A, g) = u and (B, f) = v: A with f and B with g are the reference's pairs.
      const cross = (A: string, g: string, B: string, f: string) => right(A, f) && right(B, g);
      const crossed = cross(u.x, u.y, v.x, v.y) || cross(u.x, u.y, v.y, v.x) || cross(u.y, u.x, v.x, v.y) || cross(u.y, u.x, v.y, v.x);
      if (!crossed) continue;
      const key = [pairKey(u.x, u.y), pairKey(v.x, v.y)].sort().join('/');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ said: [[u.wx, u.wy], [v.wx, v.wy]] });
    }
  return out;
}
