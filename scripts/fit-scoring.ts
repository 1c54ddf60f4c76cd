/**
 * Fits the accuracy model's constants and writes src/domain/scoring/fitted-model.ts, and writes the fixed
 * term-weighting corpus (src/domain/scoring/fixed-corpus.ts) from the question bank. Test splits are never read.
 *
 * Two data sets, two jobs:
 * - the public short-answer grading data's DEVELOPMENT split (questions 1.x–10.x) ranks answers: features are chosen
 *   by forward selection and weighted by ridge regression, picked by leave-one-assignment-out cross-validation;
 * - the project's own interview answers' DEVELOPMENT split (bench/scoring, graded against the rubric) calibrates:
 *   an isotonic map from the linear score onto the rubric's 0–5, fitted on the answers no rubric rule caps. The
 *   public data's graders are lenient (mean 4.2), so calibrating to them made every answer too kind.
 *
 *   npx tsx scripts/fit-scoring.ts            # fit and write the model and the corpus
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
import { buildCorpusStats } from '../src/domain/scoring/corpus';
import { rubricCeilings, ruleEvidence } from '../src/domain/scoring/rubric-rules';
import { answersOf, loadGradingDataset } from './scoring/dataset';
import { bankCorpusDocuments } from './scoring/fixed-corpus-source';
import { loadInterviewSet } from './scoring/interview-set';
import { fitIsotonic, fitRidge, predictLinear, solve } from './scoring/regression';
import { mulberry32 } from '../src/domain/planning/prng';
import { answerVector, cosine, RATED_INPUTS, ratedFeatures, teamStandard, type AnswerVector, type RatedEvidence, type ScoredTarget } from '../src/domain/scoring/rated-answers';
import { scoreAccuracy } from '../src/domain/scoring/accuracy';
import type { RatedAnswersModel } from '../src/domain/scoring/accuracy-model';
import { pearson } from '../src/domain/scoring/agreement';

/** Numbers of rated answers per question drawn to fit the combination (one shared row, ln n an input), and its fixed parameters (chosen in the studies, docs/scoring-studies.md). */
const RATED_COUNTS = [1, 3, 5, 10];
const RATED_PARAMS = { shrinkage: 0.5, neighbours: 5, similarityPower: 4, capPrior: 2, fullLiftCredit: 2, liftPrior: 5 };
const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'domain', 'scoring');
const OUT = resolve(DIR, 'fitted-model.ts');
const CORPUS_OUT = resolve(DIR, 'fixed-corpus.ts');
const dryRun = process.argv.includes('--dry-run');
let ratedProvenance = '';

// --written-concepts: the public questions with the key concepts written for them (bench/scoring/public-key-concepts.json)
// instead of phrases derived from their references; a study option (docs/scoring-studies.md, ninth pass).
const data = loadGradingDataset(undefined, { keyConcepts: process.argv.includes('--written-concepts') });
const dev = answersOf(data, 'development');
const corpusDocuments = bankCorpusDocuments();
const corpus = buildCorpusStats(corpusDocuments);
const own = loadInterviewSet();
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
  'misattributedShare', 'functionWordShare', 'rubricWordShare', 'negatedConceptShare',
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
for (const credit of process.argv.includes('--all-credits') ? [0, 0.1, 0.2, 0.35, 0.5, 1] : [0.1]) {
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
const round = (v: number) => Math.round(v * 1e6) / 1e6;

// Calibration on the project's own development answers, graded against the rubric.
const ownPrepared = new Map([...own.questions.values()].map((q) => [q.id, prepareQuestion(q, corpus, credit)]));
const ownRows = own.development.map((a) => {
  const q = ownPrepared.get(a.questionId)!;
  const text = analyze(a.answer);
  const analysis = accuracyFeatures(q, text);
  const capped = rubricCeilings(analysis.features, ruleEvidence(q, text, analysis)).length > 0;
  return { raw: predictLinear(lin, c.features.map((f) => analysis.features[f])), grade: a.grade, capped, nonAnswer: analysis.features.nonAnswer === 1, kind: a.kind };
});
// Calibrated on the answers people give in earnest (strong, partial, wrong, too short), not on the adversarial
// kinds: those are the rubric rules' job, and a line drawn through them would drag every real answer down.
const NATURAL = new Set(['strong', 'partial', 'wrong', 'short']);
const calRows = ownRows.filter((r) => !r.capped && !r.nonAnswer && NATURAL.has(r.kind));
// A logistic curve onto 0–5 (least squares over a grid of its two parameters), written as knots: not a step function,
// because a few hundred answers would leave wide flat steps, and not a clipped line, because clipping at 0 and 5
// would tie many answers and throw away the ranking the public data taught.
const sigmoid = (a: number, b: number, v: number) => 5 / (1 + Math.exp(-(a + b * v)));
let bestFit = { a: 0, b: 1, se: Infinity };
for (let b = 0.2; b <= 6; b += 0.05)
  for (let a = -30; a <= 10; a += 0.05) {
    let se = 0;
    for (const r of calRows) se += (sigmoid(a, b, r.raw) - r.grade) ** 2;
    if (se < bestFit.se) bestFit = { a, b, se };
  }
const knotsX = Array.from({ length: 49 }, (_, i) => -2 + i * 0.25);
const cal = { x: knotsX.map(round), y: knotsX.map((v) => round(sigmoid(bestFit.a, bestFit.b, v))) };
console.log(`calibration on ${calRows.length} of ${ownRows.length} own development answers (the rest capped by a rubric rule): ${cal.x.length} knots`);

const provenance =
  `Fitted by scripts/fit-scoring.ts. Ranking: ridge regression (lambda ${c.lambda}) on features chosen by forward selection on the ` +
  `development split only (questions 1.x-10.x, ${dev.length} answers) of the UNT short-answer grading data (${process.argv.includes('--written-concepts') ? 'key concepts written for its questions' : 'concepts derived from its reference answers'}), question-word credit ${credit}, ` +
  `leave-one-assignment-out cross-validation ${fmt(cv)} with the public graders' own calibration. Calibration: logistic curve onto the rubric's 0-5 (least squares) fitted on ` +
  `${calRows.length} development answers of the project's own interview-answer set (bench/scoring). IDF from the fixed bank corpus.`;

const baseModel: AccuracyModel = {
  version: 17,
  provenance,
  features: c.features,
  intercept: round(lin.intercept),
  weights: lin.weights.map(round),
  calibration: { x: cal.x.map(round), y: cal.y.map(round) },
  promptWordCredit: credit,
  rated: { weights: RATED_INPUTS.map(() => 0).concat(0), ...RATED_PARAMS },
};
const rated = fitRatedAnswers(baseModel, dev, own.development.map((a) => ({ questionId: a.questionId, answer: a.answer, score: a.grade })));
const model: AccuracyModel = { ...baseModel, rated, provenance: `${provenance} Rated answers: ${ratedProvenance}` };
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
  const df = [...corpus.documentFrequency.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  writeFileSync(
    CORPUS_OUT,
    `/**
 * GENERATED by scripts/fit-scoring.ts from the question bank as guests see it (prompts, options, task statements; no answer key: scripts/scoring/fixed-corpus-source.ts) — do not edit.
 * The fixed term-weighting corpus: how many of the bank's ${corpus.documents} questions use each word stem.
 * Fixed, so an answer gets the same features in every interview, whatever questions the interview holds.
 */
export const FIXED_CORPUS_DOCUMENTS = ${corpus.documents};
/** "stem count" pairs, space separated. */
export const FIXED_CORPUS_FREQUENCIES = ${JSON.stringify(df.map(([k, v]) => `${k} ${v}`).join(' '))};
`,
  );
  console.log(`wrote ${CORPUS_OUT}: ${df.length} stems`);
}


interface PoolItem {
  readonly y: number;
  readonly target: ScoredTarget;
  readonly vector: AnswerVector;
  readonly nonAnswer: boolean;
}


/**
 * The rated-answers combination, fitted on simulated draws from both development splits: for each seed, every
 * question of a set gets k rated answers (k = 1, 3, 5, 10) drawn at random; every other answer is scored with its
 * question's rated answers as neighbours and with the team's standard measured on all the drawn answers, as the app
 * sends the whole rated library. Least squares (a light ridge) of the human grade on the inputs, one row of weights
 * for all k together, ln k being one of the inputs (model v13; a row per k until v12, whose rows swung between k). Both sets, because each teaches what the other cannot: the public data's graders credit answers the rubric
 * rules cap (they are lenient, and many such answers are right paraphrases), the own set's adversarial answers are
 * near copies of strong ones graded 0–1. The team's standard tells the two apart.
 */
function fitRatedAnswers(base: AccuracyModel, publicDev: readonly { questionId: string; answer: string; score: number }[], ownDev: readonly { questionId: string; answer: string; score: number }[]): RatedAnswersModel {
  const poolsOf = (rows: readonly { questionId: string; answer: string; score: number }[], question: (id: string) => { prompt: string; referenceAnswer: string; keyConcepts?: readonly string[] }) => {
    const pools = new Map<string, PoolItem[]>();
    const prepared = new Map<string, ReturnType<typeof prepareQuestion>>();
    for (const r of rows) {
      let q = prepared.get(r.questionId);
      if (!q) prepared.set(r.questionId, (q = prepareQuestion(question(r.questionId), corpus, base.promptWordCredit)));
      const analyzed = analyze(r.answer);
      const a = scoreAccuracy(q, analyzed, base);
      const pool = pools.get(r.questionId) ?? [];
      pool.push({ y: r.score, target: { linear: a.linearScore, rubric: a.score, model: a.modelScore, capped: a.ceilings.length > 0 }, vector: answerVector(q, analyzed), nonAnswer: a.features.nonAnswer === 1 });
      pools.set(r.questionId, pool);
    }
    return [...pools.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  };
  const sets = [
    { name: 'public', pools: poolsOf(publicDev, (id) => data.questions.get(id)!) },
    { name: 'own', pools: poolsOf(ownDev, (id) => own.questions.get(id)!) },
  ];
  const params: RatedAnswersModel = { weights: [], ...RATED_PARAMS };

  /** Inputs and grades for k rated answers per question, seeds as given; keep() picks the questions scored. */
  const draws = (k: number, seeds: readonly number[], keep: (set: string, questionId: string) => boolean) => {
    const x: number[][] = [];
    const t: number[] = [];
    const rubric: number[] = [];
    for (const set of sets) {
      for (const seed of seeds) {
        const rng = mulberry32(seed * 7919 + k * 104729 + set.name.length);
        const drawn = set.pools.map(([id, items]) => {
          const order = items.map((_, i) => i);
          for (let i = order.length - 1; i > 0; i -= 1) {
            const j = Math.floor(rng() * (i + 1));
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          return { id, items, rated: items.length > k ? order.slice(0, k) : [], rest: items.length > k ? order.slice(k) : [] };
        });
        const team = teamStandard(drawn.flatMap((d) => d.rated.map((i) => ({ rating: d.items[i]!.y, rubric: d.items[i]!.target.rubric, capped: d.items[i]!.target.capped }))));
        for (const d of drawn) {
          if (!keep(set.name, d.id)) continue;
          for (const i of d.rest) {
            const it = d.items[i]!;
            if (it.nonAnswer) continue;
            const evidence: RatedEvidence[] = d.rated.map((j) => ({ id: String(j), label: '', rating: d.items[j]!.y, base: d.items[j]!.target.linear, rubric: d.items[j]!.target.rubric, similarity: cosine(it.vector, d.items[j]!.vector) }));
            x.push(ratedFeatures(it.target, evidence, team, params));
            t.push(it.y);
            rubric.push(it.target.rubric);
          }
        }
      }
    }
    return { x, t, rubric };
  };
  const fitRow = (x: number[][], t: number[]) => {
    const d = x[0]!.length + 1;
    const a = Array.from({ length: d }, () => new Array(d).fill(0) as number[]);
    const b = new Array(d).fill(0) as number[];
    x.forEach((row0, i) => {
      const row = [1, ...row0];
      for (let j = 0; j < d; j += 1) {
        b[j]! += row[j]! * t[i]!;
        for (let k = 0; k < d; k += 1) a[j]![k]! += row[j]! * row[k]!;
      }
    });
    for (let j = 1; j < d; j += 1) a[j]![j]! += 1e-3 * x.length;
    return solve(a, b);
  };
  const predict = (w: readonly number[], row: readonly number[]) => Math.max(0, Math.min(5, row.reduce((s, v, j) => s + v * w[j + 1]!, w[0]!)));
  // A check on held-out questions: fitted on the even-numbered public assignments and half the own questions, scored on the rest.
  const ownIds = sets[1]!.pools.map(([id]) => id);
  const half = (set: string, id: string) => (set === 'public' ? Number(id.split('.')[0]) % 2 === 0 : ownIds.indexOf(id) % 2 === 0);
  const checks: string[] = [];
  // Draws for every k pooled into one fit: ln k is among the inputs (ratedFeatures), so the row serves any k.
  const pooled = (seeds: readonly number[], keep: (set: string, questionId: string) => boolean) => {
    const x: number[][] = [];
    const t: number[] = [];
    for (const k of RATED_COUNTS) {
      const d = draws(k, seeds, keep);
      x.push(...d.x);
      t.push(...d.t);
    }
    return { x, t };
  };
  const train = pooled([1, 2], half);
  const w = fitRow(train.x, train.t);
  for (const k of [...new Set([...RATED_COUNTS, 2, 4, 7])].sort((a, b) => a - b))
    for (const set of ['public', 'own']) {
      const held = draws(k, [3], (s, id) => s === set && !half(s, id));
      const pred = held.x.map((row) => predict(w, row));
      const rmse = Math.sqrt(pred.reduce((s, p, i) => s + (p - held.t[i]!) ** 2, 0) / pred.length);
      checks.push(`${set} k=${k}${RATED_COUNTS.includes(k) ? '' : ' (not drawn in the fit)'} r=${pearson(pred, held.t).toFixed(3)} RMSE=${rmse.toFixed(2)} (rubric score alone r=${pearson(held.rubric, held.t).toFixed(3)})`);
    }
  const all = pooled([1, 2], () => true);
  const rows = all.x.length;
  const weights = fitRow(all.x, all.t).map((v) => Math.round(v * 1e6) / 1e6);
  for (const c of checks) console.log(`  rated answers, held-out questions: ${c}`);
  ratedProvenance =
    `one row of ${RATED_INPUTS.length} weights (ln k among them) and an intercept for every k, least squares on ${rows} simulated draws of k = ${RATED_COUNTS.join(', ')} rated answers per question from the public and own development splits ` +
    `(neighbours ${RATED_PARAMS.neighbours}, similarity power ${RATED_PARAMS.similarityPower}, shrinkage ${RATED_PARAMS.shrinkage}, capped-answer prior ${RATED_PARAMS.capPrior}, ceilings lifted fully at a credit of ${RATED_PARAMS.fullLiftCredit}, trusted with a prior of ${RATED_PARAMS.liftPrior}).`;
  console.log(`rated answers: ${ratedProvenance}`);
  return { ...params, weights };
}
