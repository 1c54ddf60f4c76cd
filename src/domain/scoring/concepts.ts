/**
 * Key concepts: short phrases of the rubric ("first in first out", "enqueue").
 * A concept is found when enough of its words occur in the transcript; every
 * word that counted is reported with the transcript characters it came from.
 */
import { analyze, type AnalyzedText, type Token } from './text';
import { bestMatch, negationMask, termsOf, type MatchKind, type Term } from './terms';

export interface TranscriptSpan {
  readonly start: number;
  readonly end: number;
  /** The transcript's own characters between start and end. */
  readonly text: string;
}

export interface ConceptWordMatch {
  /** The concept's word. */
  readonly conceptWord: string;
  readonly kind: MatchKind;
  readonly span: TranscriptSpan;
  /** The transcript word sits inside a negation ("does not use ..."). */
  readonly negated: boolean;
}

export interface ConceptResult {
  readonly concept: string;
  readonly found: boolean;
  /** Weighted share of the concept's words matched, 0..1. */
  readonly coverage: number;
  readonly matches: readonly ConceptWordMatch[];
  /**
   * Said, but only inside a negation ("a process does not have its own memory") while the rubric states it
   * positively: the answer denies the concept, so it is not found and earns no credit. A negated paraphrase
   * that is right ("not fixed in size" for "variable length") uses other words and is not affected.
   */
  readonly negated: boolean;
  readonly missingWords: readonly string[];
}

export interface PreparedConcept {
  readonly concept: string;
  readonly terms: readonly Term[];
  readonly words: readonly string[];
  /**
   * The reference answer says this concept inside something it denies ("if the base case is not included"): an answer
   * saying it in the negative agrees with the reference, so negated words count and the concept is never "denied".
   */
  readonly deniedInReference?: boolean;
  /** Drawn from the reference answer (deriveConcepts), not written for the question's rubric. */
  readonly derived?: boolean;
}

/** Share of a concept's words that must be matched for the concept to count as found. */
export const CONCEPT_FOUND_AT = 0.6;

export function prepareConcept(concept: string): PreparedConcept {
  const analyzed = analyze(concept);
  const terms = termsOf(analyzed);
  // An abbreviation's own term and its expansion would double count: keep the expansion.
  const expandedTokens = new Set(terms.filter((t) => t.expanded).map((t) => t.token));
  const kept = terms.filter((t) => t.expanded || !expandedTokens.has(t.token));
  const unique = kept.filter((t, i) => kept.findIndex((u) => u.stem === t.stem) === i);
  return { concept, terms: unique, words: unique.map((t) => t.lower) };
}

const CONNECTORS = new Set(['and', 'or', 'but', 'then', 'so', 'because', 'while', 'which', 'that', 'where', 'when']);

/**
 * Rubric phrases drawn from a reference answer when a question has none of its
 * own: runs of content words, cut at punctuation and clause connectors. A run the
 * reference says inside a negation keeps it ("Constructors do not have a return
 * type" gives "no return type"): dropped with the stop words, the phrase would
 * state the opposite, and an answer saying it as the reference does would be
 * taken for a denial of it.
 */
export function deriveConcepts(reference: string): string[] {
  const analyzed = analyze(reference);
  const out: string[] = [];
  const toks = analyzed.tokens;
  const negated = negationMask(toks);
  let first = -1;
  let last = -1;
  const flush = () => {
    if (first >= 0 && last >= 0) {
      const phrase = analyzed.text.slice(toks[first]!.start, toks[last]!.end);
      out.push(negated[first] ? `no ${phrase}` : phrase);
    }
    first = -1;
    last = -1;
  };
  for (let i = 0; i < toks.length; i += 1) {
    const t = toks[i]!;
    // A hyphen inside a word ("run-time", "divide-and-conquer") keeps the phrase together.
    const joiner = t.text === '-' && toks[i - 1]?.end === t.start && toks[i + 1]?.start === t.end;
    if (t.content) {
      if (first < 0) first = i;
      last = i;
    } else if (joiner) continue;
    else if (t.kind === 'punctuation' || CONNECTORS.has(t.lower) || t.stop) flush();
  }
  flush();
  const seen = new Set<string>();
  return out.filter((c) => {
    const k = c.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function spanOf(answer: AnalyzedText, tokenIndex: number): TranscriptSpan {
  const t = answer.tokens[tokenIndex];
  if (!t) return { start: 0, end: 0, text: '' };
  return { start: t.start, end: t.end, text: answer.text.slice(t.start, t.end) };
}

/** Matches one concept against the answer's terms. A concept stated positively is credited only for words said outside a negation. */
export function matchConcept(
  concept: PreparedConcept,
  answer: AnalyzedText,
  answerTerms: readonly Term[],
  weightOf: (t: Term) => number,
): ConceptResult {
  const affirmed = answerTerms.filter((t) => !t.negated);
  const matches: ConceptWordMatch[] = [];
  const negatedMatches: ConceptWordMatch[] = [];
  const missingWords: string[] = [];
  let got = 0;
  let negatedGot = 0;
  let total = 0;
  for (const term of concept.terms) {
    const w = weightOf(term);
    total += w;
    // A concept that itself negates ("no return type"), or that the reference denies, is matched by the answer negating it too.
    const m = bestMatch(term, term.negated || concept.deniedInReference === true ? answerTerms : affirmed);
    if (m) {
      got += w * m.credit;
      matches.push({ conceptWord: term.lower, kind: m.kind, span: spanOf(answer, m.answerTerm.token), negated: m.answerTerm.negated });
      continue;
    }
    missingWords.push(term.lower);
    const n = bestMatch(term, answerTerms);
    if (n) {
      negatedGot += w * n.credit;
      negatedMatches.push({ conceptWord: term.lower, kind: n.kind, span: spanOf(answer, n.answerTerm.token), negated: true });
    }
  }
  const coverage = total > 0 ? got / total : 0;
  const found = concept.terms.length > 0 && coverage >= CONCEPT_FOUND_AT;
  // A single word drawn from the reference is no point the reference makes on its own: an answer negating it may mean
  // something else ("when no constructor is defined in the class" for the word "class"), so it is not a denial of it.
  const deniable = !(concept.derived === true && concept.terms.length < 2);
  const statedPositively = deniable && !concept.terms.some((t) => t.negated) && concept.deniedInReference !== true;
  const negated = !found && statedPositively && total > 0 && (got + negatedGot) / total >= CONCEPT_FOUND_AT;
  return {
    concept: concept.concept,
    found,
    coverage,
    matches: negated ? [...matches, ...negatedMatches] : matches,
    negated,
    missingWords,
  };
}
