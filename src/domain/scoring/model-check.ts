/**
 * Shape checks for what the app sends the scoring worker: a model and rated answers cross a message boundary, so a
 * malformed one is refused with a sentence instead of producing NaN scores.
 */
import type { AccuracyModel } from './accuracy-model';
import type { AccuracyFeatures } from './features';
import { RATED_INPUTS, type RatedAnswer } from './rated-answers';
import { ScoringInputError } from './scoring-input-error';

/** Every feature name a model may use; checked against AccuracyFeatures by the compiler. */
const FEATURE_NAMES: Record<keyof AccuracyFeatures, true> = {
  conceptCoverage: true, conceptsFound: true, referenceRecall: true, plainRecall: true, precision: true, promptShare: true,
  bigramRecall: true, answerLength: true, referenceLength: true, negatedShare: true, mentionRecall: true, f1: true,
  charSimilarity: true, lengthRatio: true, vagueShare: true, referenceInPrompt: true, leadCoverage: true, orderOverlap: true,
  coverageRoot: true, coverageByLength: true, novelShare: true, precisionRoot: true, contrastShare: true, nonAnswer: true,
  misattributedShare: true, misattributedPairs: true, functionWordShare: true, rubricWordShare: true, negatedConceptShare: true,
};

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const numbers = (x: unknown): x is number[] => Array.isArray(x) && x.every(finite);

export function checkAccuracyModel(m: unknown): asserts m is AccuracyModel {
  const bad = (why: string): never => {
    throw new ScoringInputError(`The scoring model was refused: ${why}.`);
  };
  if (!m || typeof m !== 'object') bad('it is not an object');
  const model = m as Record<string, unknown>;
  if (!Number.isInteger(model.version)) bad('it has no whole-number version');
  if (!Array.isArray(model.features) || model.features.some((f) => typeof f !== 'string' || !(f in FEATURE_NAMES)))
    bad('its features must be names the scorer measures');
  if (!numbers(model.weights) || model.weights.length !== (model.features as unknown[]).length) bad('it needs one finite weight per feature');
  if (!finite(model.intercept)) bad('its intercept is not a finite number');
  const cal = model.calibration as Record<string, unknown> | undefined;
  if (!cal || !numbers(cal.x) || !numbers(cal.y) || cal.x.length !== cal.y.length || cal.x.some((v, i) => i > 0 && v < (cal.x as number[])[i - 1]!))
    bad('its calibration needs matching, increasing knots');
  if (!finite(model.promptWordCredit) || model.promptWordCredit < 0 || model.promptWordCredit > 1) bad('its question-word credit must be between 0 and 1');
  const r = model.rated as Record<string, unknown> | undefined;
  if (
    !r ||
    !numbers(r.weights) ||
    r.weights.length !== RATED_INPUTS.length + 1 ||
    !finite(r.shrinkage) ||
    r.shrinkage < 0 ||
    !Number.isInteger(r.neighbours) ||
    (r.neighbours as number) < 1 ||
    !finite(r.similarityPower) ||
    !finite(r.capPrior) ||
    r.capPrior < 0 ||
    !finite(r.fullLiftCredit) ||
    r.fullLiftCredit <= 0 ||
    !finite(r.liftPrior) ||
    r.liftPrior < 0
  )
    bad(
      `its rated-answers part needs one row of ${RATED_INPUTS.length + 1} weights (an intercept and one per input, the number of rated answers among them; models before v13 had a row per number), a shrinkage, a neighbour count, a similarity power, a prior for capped answers, a positive credit at which a ceiling is lifted and a prior for lifting it`,
    );
  if (typeof model.provenance !== 'string') bad('it does not say where it came from (provenance)');
}

export function checkRatedAnswers(x: unknown): asserts x is RatedAnswer[] {
  if (!Array.isArray(x)) throw new ScoringInputError('Rated answers must be a list.');
  x.forEach((r, i) => {
    const a = r as Record<string, unknown> | null;
    const q = a?.question as Record<string, unknown> | undefined;
    if (!a || typeof a.id !== 'string' || a.id === '' || typeof a.transcript !== 'string' || !finite(a.rating) || a.rating < 0 || a.rating > 5 || !q || typeof q.prompt !== 'string' || typeof q.referenceAnswer !== 'string')
      throw new ScoringInputError(`Rated answer ${i + 1} needs an id, the question's prompt and reference answer, a transcript and a rating from 0 to 5.`);
  });
}
