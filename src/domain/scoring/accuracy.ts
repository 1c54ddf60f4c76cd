/**
 * Technical accuracy, 0–5: the fitted model's score plus the reasons behind it —
 * which rubric concepts were found (with the transcript words that matched),
 * which were missed, and what else moved the score.
 */
import { linearScore, predictAccuracy, type AccuracyModel } from './accuracy-model';
import type { ConceptResult } from './concepts';
import { accuracyFeatures, type AccuracyFeatures, type Contrast } from './features';
import { FITTED_ACCURACY_MODEL } from './fitted-model';
import type { PreparedQuestion } from './prepare';
import { rubricCeilings, ruleEvidence, type RubricCeiling } from './rubric-rules';
import type { AnalyzedText } from './text';

export type AccuracyBand = 'none' | 'weak' | 'partial' | 'strong';

export interface AccuracyResult {
  /** 0–5, one decimal. */
  readonly score: number;
  readonly band: AccuracyBand;
  readonly conceptsFound: readonly ConceptResult[];
  readonly conceptsMissed: readonly ConceptResult[];
  /** Where the concepts came from: the question's rubric, or phrases of its reference answer. */
  readonly conceptSource: 'rubric' | 'reference';
  readonly features: AccuracyFeatures;
  /** Answer words that contradict a reference word, traced to the transcript. */
  readonly contrasts: readonly Contrast[];
  /** Rubric rules that capped the score (no correct content, off topic, keyword salad, negated, swapped). */
  readonly ceilings: readonly RubricCeiling[];
  /** The fitted model's score before the rubric rules and the team's rated answers. */
  readonly modelScore: number;
  /** The model's linear score before calibration and clipping: what rated answers are compared on. */
  readonly linearScore: number;
  /** One sentence per reason, most important first. */
  readonly reasons: readonly string[];
  /** Lexical scoring cannot settle this answer alone; a person should look. */
  readonly reviewSuggested: boolean;
  readonly reviewReasons: readonly string[];
  readonly explanation: string;
}

export function bandOf(score: number, nonAnswer: boolean): AccuracyBand {
  if (nonAnswer) return 'none';
  return score >= 4 ? 'strong' : score >= 2.5 ? 'partial' : 'weak';
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

function describeFound(c: ConceptResult): string {
  const words = [...new Set(c.matches.map((m) => `"${m.span.text}"`))].join(', ');
  const loose = c.matches.filter((m) => m.kind !== 'exact' && m.kind !== 'stem').map((m) => `${m.conceptWord}≈"${m.span.text}" (${m.kind})`);
  return `"${c.concept}" (said as ${words}${loose.length ? `; ${loose.join(', ')}` : ''})`;
}

export function scoreAccuracy(q: PreparedQuestion, answer: AnalyzedText, model: AccuracyModel = FITTED_ACCURACY_MODEL): AccuracyResult {
  const analysis = accuracyFeatures(q, answer);
  const { features, concepts, contrasts } = analysis;
  const found = concepts.filter((c) => c.found);
  const missed = concepts.filter((c) => !c.found);
  const nonAnswer = features.nonAnswer === 1;
  const modelScore = nonAnswer ? 0 : predictAccuracy(model, features);
  const ceilings = nonAnswer ? [] : rubricCeilings(features, ruleEvidence(q, answer, analysis));
  const score = Math.round(Math.min(modelScore, ...ceilings.map((c) => c.ceiling)) * 10) / 10;
  const band = bandOf(score, nonAnswer);
  const source = q.conceptSource === 'rubric' ? 'key concepts' : 'key phrases of the reference answer';

  const reasons: string[] = [];
  if (nonAnswer) {
    reasons.push(
      !answer.tokens.some((t) => t.kind === 'word' || t.kind === 'number')
        ? 'Nothing was said (empty transcript), so no concept could be found.'
        : `The answer only says it is no answer ("${answer.text.trim()}").`,
    );
  } else {
    for (const c of ceilings) reasons.push(c.reason);
    reasons.push(`Covers ${found.length} of ${concepts.length} ${source}.`);
    if (found.length) reasons.push(`Found: ${found.map(describeFound).join('; ')}.`);
    const partial = missed.filter((c) => c.matches.length > 0 && !c.negated);
    const absent = missed.filter((c) => c.matches.length === 0);
    if (absent.length) reasons.push(`Missing: ${absent.map((c) => `"${c.concept}"`).join(', ')}.`);
    if (partial.length)
      reasons.push(
        `Only partly there: ${partial.map((c) => `"${c.concept}" (has ${c.matches.map((m) => `"${m.span.text}"`).join(', ')}; lacks ${c.missingWords.map((w) => `"${w}"`).join(', ') || 'more of it'})`).join('; ')}.`,
      );
    const negated = missed.filter((c) => c.negated);
    if (negated.length)
      reasons.push(
        `Not credited, because said only inside a negation: ${negated.map((c) => `"${c.concept}" (${c.matches.filter((m) => m.negated).map((m) => `"${m.span.text}"`).join(', ')})`).join('; ')}.`,
      );
    if (contrasts.length)
      reasons.push(`Says the opposite of the reference: ${contrasts.map((c) => `"${c.span.text}" where it has "${c.referenceWord}"`).join('; ')}.`);
    reasons.push(
      `Overlap with the reference answer: ${pct(features.referenceRecall)} of its weighted terms are present; ${pct(features.precision)} of the answer's terms are on topic.`,
    );
    if (features.promptShare >= 0.4) reasons.push(`${pct(features.promptShare)} of the answer's content words only repeat the question.`);
    if (features.answerLength < Math.log1p(3)) reasons.push('The answer is very short.');
  }
  const reviewReasons: string[] = [];
  if (!nonAnswer) {
    if (missed.some((c) => c.negated)) reviewReasons.push('a key concept is said inside a negation (not credited; a right paraphrase in the negative would deserve credit)');
    if (score >= 2.5 && features.conceptCoverage < 0.3)
      reviewReasons.push('few rubric words were recognised, so the score rests on weak evidence: a paraphrase may be right or wrong');
    if (features.answerLength < Math.log1p(3)) reviewReasons.push('the answer is very short');
  }
  if (reviewReasons.length) reasons.push(`Worth a human look: ${reviewReasons.join('; ')}.`);
  const head = nonAnswer ? 'Technical accuracy 0/5: no answer.' : `Technical accuracy ${score.toFixed(1)}/5 (${band}).`;
  return {
    score,
    band,
    conceptsFound: found,
    conceptsMissed: missed,
    conceptSource: q.conceptSource,
    features,
    contrasts,
    ceilings,
    modelScore: Math.round(modelScore * 100) / 100,
    linearScore: nonAnswer ? 0 : linearScore(model, features),
    reasons,
    reviewSuggested: reviewReasons.length > 0,
    reviewReasons,
    explanation: [head, ...reasons].join(' '),
  };
}
