/**
 * Fits the accuracy model's constants on the DEVELOPMENT split only (questions
 * 1.x–10.x of ../shared/datasets/short-answer-grading) and writes them to
 * src/domain/scoring/fitted-model.ts. The test split is never read here.
 *
 * Method: features per answer (src/domain/scoring/features.ts); model selection by
 * leave-one-assignment-out cross-validation on the development split (10 folds, one
 * per assignment 1..10, mirroring how the test split holds out whole assignments):
 * the credit for question words, a forward selection of features, the ridge penalty,
 * and whether an isotonic calibration helps. The chosen model is then refitted on
 * the whole development split.
 *
 *   npx tsx scripts/fit-scoring.ts            # fit and write the model
 *   npx tsx scripts/fit-scoring.ts --dry-run  # report only
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agreement, type Agreement } from '../src/domain/scoring/agreement';
import type { AccuracyModel, FeatureName } from '../src/domain/scoring/accuracy-model';
import { interpolate } from '../src/domain/scoring/calibration';
import { accuracyFeatures, type AccuracyFeatures } from '../src/domain/scoring/features';
import { prepareQuestion } from '../src/domain/scoring/prepare';
import { analyze } from '../src/domain/scoring/text';
import { benchCorpus } from './scoring/bench-corpus';
import { answersOf, loadGradingDataset } from './scoring/dataset';
import { fitIsotonic, fitRidge, predictLinear } from './scoring/regression';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'domain', 'scoring', 'fitted-model.ts');
const dryRun = process.argv.includes('--dry-run');

const data = loadGradingDataset();
const dev = answersOf(data, 'development');
const corpus = benchCorpus(data);
const y = dev.map((a) => a.score);
const folds = dev.map((a) => a.questionId.split('.')[0]!);

function featureRows(promptWordCredit: number): AccuracyFeatures[] {
  const prepared = new Map([...data.questions.values()].map((q) => [q.id, prepareQuestion(q, corpus, promptWordCredit)]));
  const analyzed = dev.map((a) => analyze(a.answer));
  return dev.map((a, i) => accuracyFeatures(prepared.get(a.questionId)!, analyzed[i]!).features);
}

interface Candidate {
  features: FeatureName[];
  lambda: number;
  calibrate: boolean;
}

function predictFold(rows: AccuracyFeatures[], c: Candidate, train: number[], test: number[]): Map<number, number> {
  const x = (i: number) => c.features.map((f) => rows[i]![f]);
  // Non-answers are scored 0 by rule, so they do not shape the fit.
  const fitIdx = train.filter((i) => rows[i]!.nonAnswer === 0);
  const m = fitRidge(fitIdx.map(x), fitIdx.map((i) => y[i]!), c.lambda);
  const cal = c.calibrate ? fitIsotonic(fitIdx.map((i) => predictLinear(m, x(i))), fitIdx.map((i) => y[i]!)) : null;
  const out = new Map<number, number>();
  for (const i of test) {
    const raw = predictLinear(m, x(i));
    out.set(i, rows[i]!.nonAnswer ? 0 : Math.max(0, Math.min(5, cal ? interpolate(cal, raw) : raw)));
  }
  return out;
}

function crossValidate(rows: AccuracyFeatures[], c: Candidate): Agreement {
  const pred = new Array<number>(dev.length).fill(0);
  const all = dev.map((_, i) => i);
  for (const f of new Set(folds)) {
    const test = all.filter((i) => folds[i] === f);
    const train = all.filter((i) => folds[i] !== f);
    for (const [i, p] of predictFold(rows, c, train, test)) pred[i] = p;
  }
  return agreement(pred, y);
}

/**
 * Candidate features. negatedShare is measured but not offered: on this data it
 * takes a positive weight (worded negation is mostly correct paraphrase), and a
 * scorer that pays for "does not use X" would be wrong in the product.
 */
const ALL_FEATURES: FeatureName[] = [
  'conceptCoverage', 'conceptsFound', 'referenceRecall', 'plainRecall', 'precision', 'promptShare', 'bigramRecall',
  'answerLength', 'referenceLength', 'mentionRecall', 'f1', 'charSimilarity', 'lengthRatio', 'vagueShare', 'referenceInPrompt',
  'leadCoverage', 'orderOverlap', 'coverageRoot', 'coverageByLength', 'novelShare', 'precisionRoot', 'contrastShare',
];

function forwardSelect(rows: AccuracyFeatures[], lambda: number): { features: FeatureName[]; cv: Agreement } {
  const chosen: FeatureName[] = [];
  let best: Agreement | null = null;
  for (let step = 0; step < ALL_FEATURES.length; step += 1) {
    let pick: { f: FeatureName; a: Agreement } | null = null;
    for (const f of ALL_FEATURES) {
      if (chosen.includes(f)) continue;
      const a = crossValidate(rows, { features: [...chosen, f], lambda, calibrate: false });
      if (!pick || a.pearson > pick.a.pearson) pick = { f, a };
    }
    if (!pick || (best && pick.a.pearson < best.pearson + 0.002)) break;
    chosen.push(pick.f);
    best = pick.a;
  }
  return { features: chosen, cv: best! };
}

const fmt = (a: Agreement) => `r=${a.pearson.toFixed(3)} RMSE=${a.rmse.toFixed(3)} MAD=${a.meanAbsoluteDifference.toFixed(3)}`;

let winner: { credit: number; rows: AccuracyFeatures[]; c: Candidate; cv: Agreement } | null = null;
for (const credit of [0, 0.1, 0.2, 0.35, 0.5, 1]) {
  const rows = featureRows(credit);
  const sel = forwardSelect(rows, 0.1);
  console.log(`question-word credit ${credit}: [${sel.features.join(', ')}] ${fmt(sel.cv)}`);
  if (!winner || sel.cv.pearson > winner.cv.pearson) winner = { credit, rows, c: { features: sel.features, lambda: 0.1, calibrate: false }, cv: sel.cv };
}
if (!winner) throw new Error('no candidate');
for (const lambda of [0.01, 0.1, 0.3, 1]) {
  for (const calibrate of [false, true]) {
    const c: Candidate = { features: winner.c.features, lambda, calibrate };
    const a = crossValidate(winner.rows, c);
    console.log(`  lambda ${lambda} calibrate ${calibrate}: ${fmt(a)}`);
    // Pearson first; RMSE breaks near-ties.
    if (a.pearson > winner.cv.pearson + 0.002 || (Math.abs(a.pearson - winner.cv.pearson) <= 0.002 && a.rmse < winner.cv.rmse)) {
      winner = { ...winner, c, cv: a };
    }
  }
}

const { rows, c, cv, credit } = winner;
const x = (i: number) => c.features.map((f) => rows[i]![f]);
const fitIdx = dev.map((_, i) => i).filter((i) => rows[i]!.nonAnswer === 0);
const lin = fitRidge(fitIdx.map(x), fitIdx.map((i) => y[i]!), c.lambda);
const cal = c.calibrate ? fitIsotonic(fitIdx.map((i) => predictLinear(lin, x(i))), fitIdx.map((i) => y[i]!)) : { x: [], y: [] };
const round = (v: number) => Math.round(v * 1e6) / 1e6;

const provenance =
  `Fitted by scripts/fit-scoring.ts on the development split only (questions 1.x-10.x, ${dev.length} answers) of the ` +
  `UNT short-answer grading data: ridge regression (lambda ${c.lambda}) on features chosen by forward selection, ` +
  `${c.calibrate ? 'then isotonic calibration, ' : ''}question-word credit ${credit}, all picked by leave-one-assignment-out ` +
  `cross-validation (${fmt(cv)}). IDF from the question set's prompts and reference answers.`;

const model: AccuracyModel = {
  version: 1,
  provenance,
  features: c.features,
  intercept: round(lin.intercept),
  weights: lin.weights.map(round),
  calibration: { x: cal.x.map(round), y: cal.y.map(round) },
  promptWordCredit: credit,
};
console.log(`chosen: ${JSON.stringify({ ...model, calibration: `${model.calibration.x.length} knots` })}`);

if (!dryRun) {
  const src = `/**
 * GENERATED by scripts/fit-scoring.ts — do not edit by hand; re-run the script instead.
 * ${provenance}
 */
import type { AccuracyModel } from './accuracy-model';

export const FITTED_ACCURACY_MODEL: AccuracyModel = ${JSON.stringify(model, null, 2)};
`;
  writeFileSync(OUT, src);
  console.log(`wrote ${OUT}`);
}
