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
