/**
 * Everything about a question that scoring needs and that does not depend on
 * the answer: analysed prompt and reference, weighted reference terms, rubric
 * concepts. Prepared once per question and reused for every answer to it.
 */
import { deriveConcepts, prepareConcept, type PreparedConcept } from './concepts';
import { EMPTY_CORPUS, idf, type CorpusStats } from './corpus';
import { FITTED_ACCURACY_MODEL } from './fitted-model';
import { analyze, type AnalyzedText } from './text';
import { termsOf, type Term } from './terms';

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
}

function uniqueByStem(terms: readonly Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => (seen.has(t.stem) ? false : (seen.add(t.stem), true)));
}

export function bigramsOf(terms: readonly Term[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < terms.length; i += 1) out.add(`${terms[i - 1]!.stem} ${terms[i]!.stem}`);
  return out;
}

export function prepareQuestion(
  question: ScoringQuestionText,
  corpus: CorpusStats = EMPTY_CORPUS,
  /** Words the question already says earn this fraction of their credit: repeating the question is not answering it. */
  promptWordCredit = FITTED_ACCURACY_MODEL.promptWordCredit,
): PreparedQuestion {
  const prompt = analyze(question.prompt);
  const reference = analyze(question.referenceAnswer);
  const promptStems = new Set(termsOf(prompt).map((t) => t.stem));
  const refTermsAll = termsOf(reference);
  const referenceTerms = uniqueByStem(refTermsAll);
  const rubric = (question.keyConcepts ?? []).filter((c) => c.trim().length > 0);
  const conceptTexts = rubric.length > 0 ? rubric : deriveConcepts(question.referenceAnswer);
  const concepts = conceptTexts.map(prepareConcept).filter((c) => c.terms.length > 0);
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
  };
}
