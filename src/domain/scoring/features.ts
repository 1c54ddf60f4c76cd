/**
 * The measurements behind technical accuracy. Each is a plain number with a
 * meaning a person can check; the accuracy model is a fitted combination of them.
 */
import { matchConcept, type ConceptResult, type TranscriptSpan } from './concepts';
import { idf } from './corpus';
import { associations, misattachedFacts, swappedFacts, type MisattachedFact, type Misattribution, type SwappedFacts } from './association';
import type { PreparedQuestion } from './prepare';
import type { AnalyzedText } from './text';
import { contrastsOf } from './synonyms';
import { bestMatch, bigramsOf, termsOf, type Term } from './terms';

export interface AccuracyFeatures {
  /** Weighted share of rubric concept words present in the answer. */
  conceptCoverage: number;
  /** Share of rubric concepts found. */
  conceptsFound: number;
  /** IDF-weighted recall of reference terms, question words demoted. */
  referenceRecall: number;
  /** Plain stemmed recall of reference words (the published baseline). */
  plainRecall: number;
  /** IDF-weighted share of the answer's words, other than the question's own, that the reference also uses. */
  precision: number;
  /** Share of the answer's words that only repeat the question. */
  promptShare: number;
  /** Share of reference word pairs that occur as neighbours in the answer. */
  bigramRecall: number;
  /** log(1 + number of content words in the answer). */
  answerLength: number;
  /** log(1 + number of content words in the reference). */
  referenceLength: number;
  /** Weighted share of reference terms that the answer mentions only under a negation. */
  negatedShare: number;
  /** IDF-weighted recall of reference terms counting negated mentions too: how much the answer talks about them. */
  mentionRecall: number;
  /** Harmonic mean of referenceRecall and precision. */
  f1: number;
  /** Cosine similarity of character trigram profiles of the content words. */
  charSimilarity: number;
  /** log of answer length over reference length (content words), clipped to ±2. */
  lengthRatio: number;
  /** Share of the answer's words that are vague fillers of meaning ("thing", "stuff", "something"). */
  vagueShare: number;
  /** Share of reference terms the question already contains: how much the reference restates the question. */
  referenceInPrompt: number;
  /** conceptCoverage with earlier concepts weighing more: a reference answer usually leads with its point. */
  leadCoverage: number;
  /** Longest common subsequence of stems with the reference, over the reference's length: shared order. */
  orderOverlap: number;
  /** Square root of conceptCoverage: the first concept found matters most. */
  coverageRoot: number;
  /** conceptCoverage times referenceLength: coverage of a long reference says more. */
  coverageByLength: number;
  /** IDF-weighted share of the answer's words (other than the question's) that the reference does not use. */
  novelShare: number;
  /** Square root of precision. */
  precisionRoot: number;
  /** Weighted share of reference terms the answer lacks while saying their opposite ("compile" for "run"). */
  contrastShare: number;
  /** 1 when the transcript is empty or only says it is no answer ("not answered", "I don't know"). */
  nonAnswer: number;
  /** Share of close pairs of reference words in one answer clause that no reference sentence says together. */
  misattributedShare: number;
  /** Number of such misattributed pairs. */
  misattributedPairs: number;
  /** Share of the answer's words that are function words ("the", "is", "of"): near 0 for a list of keywords. */
  functionWordShare: number;
  /** Share of the answer's content words that only name the question's or the rubric's own words. */
  rubricWordShare: number;
  /** Weighted share of rubric concept words said only inside a negation while the rubric states them. */
  negatedConceptShare: number;
}

/** The answer says the opposite of a reference word ("compilation" where the reference says "run-time"). */
export interface Contrast {
  readonly referenceWord: string;
  readonly span: TranscriptSpan;
}

export interface AccuracyAnalysis {
  readonly features: AccuracyFeatures;
  readonly contrasts: readonly Contrast[];
  readonly misattributed: readonly Misattribution[];
  /** Facts the answer attaches to a different thing of the question than the reference does (subject by subject). */
  readonly misattached: readonly MisattachedFact[];
  /** Pairs of reference words the answer trades between two clauses (association.ts swappedFacts). */
  readonly crossedPairs: readonly SwappedFacts[];
  readonly concepts: readonly ConceptResult[];
  readonly answerTerms: readonly Term[];
}

const NON_ANSWER =
  /^(?:(?:not|no|none|nothing) ?(?:answered|answer|attempted|idea|clue)?|n\/?a|i (?:do not|don't|dont) know|(?:i )?(?:have )?no idea|skip(?:ped)?|pass|i (?:can't|cannot|don't) remember|[-?.!\s]*)$/;

/** The answer is nothing, or says it is no answer. */
export function isNonAnswer(answer: AnalyzedText): boolean {
  const words = answer.tokens.filter((t) => t.kind !== 'punctuation').map((t) => t.lower);
  if (words.length === 0) return true;
  const text = answer.text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^a-z'/?\s-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return NON_ANSWER.test(text);
}

const VAGUE = new Set(['thing', 'stuff', 'something', 'somehow', 'whatever', 'etc', 'anything', 'everything', 'basically']);

/** Length of the longest common subsequence of two term lists, by stem. */
function lcs(a: readonly Term[], b: readonly Term[]): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  const cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      cur[j] = a[i - 1]!.stem === b[j - 1]!.stem ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    for (let j = 0; j <= b.length; j += 1) prev[j] = cur[j]!;
  }
  return prev[b.length]!;
}

function trigramProfile(terms: readonly Term[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) {
    const w = ` ${t.lower} `;
    for (let i = 0; i + 3 <= w.length; i += 1) {
      const g = w.slice(i, i + 3);
      m.set(g, (m.get(g) ?? 0) + 1);
    }
  }
  return m;
}

function trigramCosine(a: readonly Term[], b: readonly Term[]): number {
  const pa = trigramProfile(a);
  const pb = trigramProfile(b);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [g, v] of pa) {
    na += v * v;
    dot += v * (pb.get(g) ?? 0);
  }
  for (const v of pb.values()) nb += v * v;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export function accuracyFeatures(q: PreparedQuestion, answer: AnalyzedText): AccuracyAnalysis {
  const answerTerms = termsOf(answer);
  const affirmed = answerTerms.filter((t) => !t.negated);
  const concepts = q.concepts.map((c) => matchConcept(c, answer, answerTerms, q.weightOf));

  let conceptGot = 0;
  let conceptTotal = 0;
  let negatedConcept = 0;
  let leadGot = 0;
  let leadTotal = 0;
  for (let i = 0; i < concepts.length; i += 1) {
    const w = q.concepts[i]!.terms.reduce((s, t) => s + q.weightOf(t), 0);
    conceptTotal += w;
    conceptGot += w * concepts[i]!.coverage;
    if (concepts[i]!.negated) negatedConcept += w;
    const lead = w / (1 + i);
    leadTotal += lead;
    leadGot += lead * concepts[i]!.coverage;
  }
  const conceptCoverage = conceptTotal > 0 ? conceptGot / conceptTotal : 0;

  let contrastGot = 0;
  const answerByStem = new Map<string, Term>();
  for (const t of answerTerms) if (!answerByStem.has(t.stem)) answerByStem.set(t.stem, t);
  const contrasts: Contrast[] = [];
  let recallGot = 0;
  let recallTotal = 0;
  let plainGot = 0;
  let negatedGot = 0;
  const matched = new Map<number, string>();
  const matchedCredit = new Map<number, number>();
  for (const r of q.referenceTerms) {
    const w = q.weightOf(r);
    recallTotal += w;
    // A term the reference negates ("no return type") or denies ("is not included") is matched by the answer negating it too.
    const m = bestMatch(r, r.negated || q.referenceDenies.has(r.stem) ? answerTerms : affirmed);
    if (m) {
      recallGot += w * m.credit;
      // Each answer word stands for the reference word it matches best: "authorization" is "authorization", not the
      // "permissions" of a later reference sentence that it only matches as a synonym.
      if (!r.negated)
        for (let i = 0; i < answerTerms.length; i += 1) {
          const hit = answerTerms[i]!.negated ? null : bestMatch(r, [answerTerms[i]!]);
          if (hit && hit.credit > (matchedCredit.get(i) ?? 0)) {
            matched.set(i, r.stem);
            matchedCredit.set(i, hit.credit);
          }
        }
    }
    else if (bestMatch(r, answerTerms)) negatedGot += w;
    else {
      const opposite = contrastsOf(r.stem).find((c) => answerByStem.has(c) && !q.referenceStems.has(c));
      if (opposite !== undefined) {
        contrastGot += w;
        const tok = answer.tokens[answerByStem.get(opposite)!.token]!;
        contrasts.push({ referenceWord: r.lower, span: { start: tok.start, end: tok.end, text: answer.text.slice(tok.start, tok.end) } });
      }
    }
    if (answerTerms.some((a) => a.stem === r.stem)) plainGot += 1;
  }

  let precisionGot = 0;
  let precisionTotal = 0;
  let promptOnly = 0;
  let novel = 0;
  const realTerms = answerTerms.filter((t) => !t.expanded);
  for (const a of realTerms) {
    const w = idf(q.corpus, a.stem);
    const hit = q.referenceTerms.some((r) => bestMatch(r, [a]) !== null);
    if (q.promptStems.has(a.stem)) {
      // Precision looks past the question's own words: echoing them is neither on nor off topic.
      if (!hit) promptOnly += 1;
      continue;
    }
    precisionTotal += w;
    if (hit) precisionGot += w;
    else novel += w;
  }

  const answerBigrams = bigramsOf(affirmed);
  let bigramHits = 0;
  for (const b of q.referenceBigrams) if (answerBigrams.has(b)) bigramHits += 1;

  const assoc = associations(answer, answerTerms, matched, q.referenceSentencesOf, q.referenceSentenceCount);
  const words = answer.tokens.filter((t) => t.kind === 'word');
  const rubricOnly = realTerms.filter((t) => q.promptStems.has(t.stem) || q.conceptStems.has(t.stem)).length;
  const referenceRecall = recallTotal > 0 ? recallGot / recallTotal : 0;
  const precision = precisionTotal > 0 ? precisionGot / precisionTotal : 0;
  const vague = realTerms.filter((t) => VAGUE.has(t.lemma)).length;
  const features: AccuracyFeatures = {
    conceptCoverage,
    leadCoverage: leadTotal > 0 ? leadGot / leadTotal : 0,
    orderOverlap: q.referenceTerms.length > 0 ? lcs(q.referenceTerms, answerTerms) / q.referenceTerms.length : 0,
    coverageRoot: Math.sqrt(conceptCoverage),
    coverageByLength: conceptCoverage * Math.log1p(q.referenceTerms.length),
    conceptsFound: concepts.length > 0 ? concepts.filter((c) => c.found).length / concepts.length : 0,
    referenceRecall,
    plainRecall: q.referenceTerms.length > 0 ? plainGot / q.referenceTerms.length : 0,
    precision,
    precisionRoot: Math.sqrt(precision),
    contrastShare: recallTotal > 0 ? contrastGot / recallTotal : 0,
    novelShare: precisionTotal > 0 ? novel / precisionTotal : 0,
    promptShare: realTerms.length > 0 ? promptOnly / realTerms.length : 0,
    bigramRecall: q.referenceBigrams.size > 0 ? bigramHits / q.referenceBigrams.size : 0,
    answerLength: Math.log1p(realTerms.length),
    referenceLength: Math.log1p(q.referenceTerms.length),
    negatedShare: recallTotal > 0 ? negatedGot / recallTotal : 0,
    mentionRecall: recallTotal > 0 ? (recallGot + negatedGot) / recallTotal : 0,
    f1: referenceRecall + precision > 0 ? (2 * referenceRecall * precision) / (referenceRecall + precision) : 0,
    charSimilarity: trigramCosine(realTerms, q.referenceTerms),
    lengthRatio: Math.max(-2, Math.min(2, Math.log((1 + realTerms.length) / (1 + q.referenceTerms.length)))),
    vagueShare: realTerms.length > 0 ? vague / realTerms.length : 0,
    nonAnswer: isNonAnswer(answer) ? 1 : 0,
    misattributedShare: assoc.share,
    misattributedPairs: assoc.misattributed.length,
    functionWordShare: words.length > 0 ? words.filter((t) => t.stop).length / words.length : 0,
    rubricWordShare: realTerms.length > 0 ? rubricOnly / realTerms.length : 0,
    negatedConceptShare: conceptTotal > 0 ? negatedConcept / conceptTotal : 0,
    referenceInPrompt:
      q.referenceTerms.length > 0 ? q.referenceTerms.filter((t) => q.promptStems.has(t.stem)).length / q.referenceTerms.length : 0,
  };
  const misattached = misattachedFacts(answer, answerTerms, matched, q.factOwners);
  const crossedPairs = swappedFacts(answer, answerTerms, matched, q.referencePairs);
  return { features, concepts, answerTerms, contrasts, misattributed: assoc.misattributed, misattached, crossedPairs };
}
