/**
 * Everything about a question that scoring needs and that does not depend on
 * the answer: analysed prompt and reference, weighted reference terms, rubric
 * concepts. Prepared once per question and reused for every answer to it.
 */
import { CONCEPT_FOUND_AT, deriveConcepts, prepareConcept, type PreparedConcept } from './concepts';
import { idf, type CorpusStats } from './corpus';
import { factOwners, referencePairs, referenceSentences, type FactOwners } from './association';
import { deniedStems } from './polarity';
import { analyze, type AnalyzedText } from './text';
import { bigramsOf, termsOf, type Term } from './terms';

export interface ScoringQuestionText {
  readonly prompt: string;
  readonly referenceAnswer: string;
  /** Rubric phrases. When absent or empty, phrases are derived from the reference answer. */
  readonly keyConcepts?: readonly string[];
}

export interface PreparedQuestion {
  readonly prompt: AnalyzedText;
  readonly reference: AnalyzedText;
  /** Reference terms, one per stem, in order of first appearance. */
  readonly referenceTerms: readonly Term[];
  readonly promptStems: ReadonlySet<string>;
  readonly referenceStems: ReadonlySet<string>;
  readonly concepts: readonly PreparedConcept[];
  /** Whether the concepts came from the question's rubric or were derived from the reference. */
  readonly conceptSource: 'rubric' | 'reference';
  readonly referenceBigrams: ReadonlySet<string>;
  /** Credit weight of a term: rarity in the question set, lowered when the question itself says it. */
  readonly weightOf: (t: Term) => number;
  readonly corpus: CorpusStats;
  /** Stems of the rubric's concept words. */
  readonly conceptStems: ReadonlySet<string>;
  /** The reference sentences each reference stem occurs in: which words the reference says together. */
  readonly referenceSentencesOf: ReadonlyMap<string, ReadonlySet<number>>;
  readonly referenceSentenceCount: number;
  /** Which of the question's things each reference fact belongs to (association.ts factOwners). */
  readonly factOwners: FactOwners;
  /** Pairs of reference stems one reference sentence says close together (association.ts referencePairs). */
  readonly referencePairs: ReadonlySet<string>;
  /** Stems the reference says inside something it denies (polarity.ts): an answer may deny them too. */
  readonly referenceDenies: ReadonlySet<string>;
}

function uniqueByStem(terms: readonly Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => (seen.has(t.stem) ? false : (seen.add(t.stem), true)));
}

export function prepareQuestion(
  question: ScoringQuestionText,
  corpus: CorpusStats,
  /** Words the question already says earn this fraction of their credit (the model's promptWordCredit): repeating the question is not answering it. */
  promptWordCredit: number,
): PreparedQuestion {
  const prompt = analyze(question.prompt);
  const reference = analyze(question.referenceAnswer);
  const promptStems = new Set(termsOf(prompt).map((t) => t.stem));
  const refTermsAll = termsOf(reference);
  const referenceTerms = uniqueByStem(refTermsAll);
  const rubric = (question.keyConcepts ?? []).filter((c) => c.trim().length > 0);
  const conceptTexts = rubric.length > 0 ? rubric : deriveConcepts(question.referenceAnswer);
  const denies = deniedStems(reference);
  const concepts = conceptTexts
    .map(prepareConcept)
    .filter((c) => c.terms.length > 0)
    .map((c) => ({ ...c, deniedInReference: c.terms.filter((t) => denies.has(t.stem)).length >= CONCEPT_FOUND_AT * c.terms.length, derived: rubric.length === 0 }));
  const sentencesOf = referenceSentences(reference, refTermsAll);
  const weightOf = (t: Term) => idf(corpus, t.stem) * (promptStems.has(t.stem) ? promptWordCredit : 1);
  return {
    prompt,
    reference,
    referenceTerms,
    promptStems,
    referenceStems: new Set(referenceTerms.map((t) => t.stem)),
    concepts,
    conceptSource: rubric.length > 0 ? 'rubric' : 'reference',
    referenceBigrams: bigramsOf(refTermsAll),
    weightOf,
    corpus,
    conceptStems: new Set(concepts.flatMap((c) => c.terms.map((t) => t.stem))),
    referenceSentencesOf: sentencesOf,
    referencePairs: referencePairs(reference, refTermsAll),
    referenceDenies: denies,
    factOwners: factOwners(reference, refTermsAll, new Set([...promptStems, ...concepts.flatMap((c) => c.terms.map((t) => t.stem))])),
    referenceSentenceCount: Math.max(1, ...[...sentencesOf.values()].flatMap((s) => [...s].map((n) => n + 1))),
  };
}
