/**
 * npm run bench:scoring [-- --seeds N] [-- --development-only]
 *
 * Agreement of first-pass technical accuracy with human grades, on two data sets, through the real scoring worker
 * (node:worker_threads running worker/scoring/node-worker.ts, the same core as the browser worker):
 * - the public short-answer grading data (../shared/datasets/short-answer-grading, Mohler et al. 2011), test split;
 * - the project's own interview answers (bench/scoring/interview-answers.json), graded against the bank's rubric,
 *   test split (whole questions held out).
 * Nothing is fitted here (scripts/fit-scoring.ts fits on the development splits only).
 *
 * For each: Pearson r, RMSE, mean absolute difference (MAD) and mean signed error (predicted minus human) with
 * k = 0, 1, 3, 5, 10 rated answers per question: k answers of each question, drawn at random (several seeds), are
 * sent to the worker as the team's rated library (all questions together, as the app sends it) and every other
 * answer is scored with it, so no answer's own grade informs its score. Mean and spread (standard deviation over seeds) are printed. Then the
 * own set's mean score by answer kind (the adversarial kinds must stay at most 2), and milliseconds per answer.
 */
import { agreement, type Agreement } from '../src/domain/scoring/agreement';
import type { RatedAnswer } from '../src/domain/scoring';
import { FITTED_ACCURACY_MODEL } from '../src/domain/scoring/fitted-model';
import { mulberry32 } from '../src/domain/planning/prng';
import { startNodeScoringWorker } from '../worker/scoring/node-port';
import type { ScoringClient } from '../worker/scoring/client';
import { plainRecall } from './scoring/baseline';
import { answersOf, loadGradingDataset } from './scoring/dataset';
import { ADVERSARIAL_KINDS, ANSWER_KINDS, loadInterviewSet } from './scoring/interview-set';
import { arg, flag, refuseUnknownOptions } from './cli-arg';

const TARGET = { publicR0: 0.63, ownRmse0: 0.9, adversarialMean: 2, publicR3: 0.75, publicR5: 0.8, msPerAnswer: 20 };
const ANCHORS = 'Mohler et al. 2011 r=0.518 RMSE=0.978; Sultan et al. 2016 r=0.592 RMSE=0.887 (whole set)';
const KS = [0, 1, 3, 5, 10];

interface Item {
  readonly id: string;
  readonly questionId: string;
  readonly question: { id: string; prompt: string; referenceAnswer: string; keyConcepts?: readonly string[] };
  readonly answer: string;
  readonly grade: number;
  readonly kind?: string;
}

interface Run {
  readonly agreement: Agreement;
  readonly signed: number;
  readonly n: number;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const sd = (xs: readonly number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const SEEDS = Number(arg('seeds', '5'));
const WRITTEN_CONCEPTS = flag('written-concepts');
const DEVELOPMENT_ONLY = flag('development-only');
refuseUnknownOptions('the comment at the top of scripts/bench-scoring.ts');

const workerMs: number[] = [];

/** Scores each item with the rated library the worker holds (none unless withRated set one). */
async function scoreAll(client: ScoringClient, items: readonly Item[]): Promise<number[]> {
  const out: number[] = [];
  for (const it of items) {
    const res = await client.scoreSpokenTimed({ question: it.question, transcript: it.answer, durationSec: 0, answerId: it.id });
    workerMs.push(res.elapsedMs);
    out.push(res.score.accuracy.score);
  }
  return out;
}

const summarise = (pred: readonly number[], items: readonly Item[]): Run => ({
  agreement: agreement(pred, items.map((i) => i.grade)),
  signed: mean(pred.map((p, i) => p - items[i]!.grade)),
  n: items.length,
});

/**
 * Scores with k rated answers per question, drawn with the seed; the drawn answers themselves are not scored. As in
 * the app, the worker holds the team's whole rated library (every question's drawn answers, set-rated-answers): each
 * answer is scored with its own question's rated answers as neighbours and with the team's standard over all of them.
 */
async function withRated(client: ScoringClient, items: readonly Item[], k: number, seed: number): Promise<Run> {
  const byQuestion = new Map<string, Item[]>();
  for (const it of items) (byQuestion.get(it.questionId) ?? byQuestion.set(it.questionId, []).get(it.questionId)!).push(it);
  const rng = mulberry32(seed * 1000 + k);
  const library: RatedAnswer[] = [];
  const toScore: Item[] = [];
  for (const group of byQuestion.values()) {
    if (group.length <= k) continue;
    const order = group.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    library.push(...order.slice(0, k).map((i) => ({ id: group[i]!.id, question: group[i]!.question, transcript: group[i]!.answer, rating: group[i]!.grade, label: `answer ${group[i]!.id}` })));
    toScore.push(...order.slice(k).map((i) => group[i]!));
  }
  await client.setRatedAnswers(library);
  try {
    return summarise(await scoreAll(client, toScore), toScore);
  } finally {
    await client.setRatedAnswers([]);
  }
}

interface Row {
  k: number;
  r: number[];
  rmse: number[];
  mad: number[];
  signed: number[];
  n: number;
}

async function sweep(client: ScoringClient, label: string, items: readonly Item[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const k of KS) {
    const runs: Run[] = [];
    if (k === 0) runs.push(summarise(await scoreAll(client, items), items));
    else for (let seed = 1; seed <= SEEDS; seed += 1) runs.push(await withRated(client, items, k, seed));
    const row = { k, r: runs.map((r) => r.agreement.pearson), rmse: runs.map((r) => r.agreement.rmse), mad: runs.map((r) => r.agreement.meanAbsoluteDifference), signed: runs.map((r) => r.signed), n: runs[0]!.n };
    rows.push(row);
    const f = (xs: number[]) => (xs.length > 1 ? `${mean(xs).toFixed(3)}±${sd(xs).toFixed(3)}` : mean(xs).toFixed(3));
    console.log(`${label.padEnd(14)} k=${String(k).padEnd(2)} n=${String(row.n).padEnd(4)} r=${f(row.r)}  RMSE=${f(row.rmse)}  MAD=${f(row.mad)}  signed=${f(row.signed)}${k === 0 ? '' : `  (${runs.length} seeds)`}`);
  }
  return rows;
}

async function main(): Promise<void> {
  // --written-concepts: the public questions with the key concepts written for them (bench/scoring/public-key-concepts.json).
  const data = loadGradingDataset(undefined, { keyConcepts: WRITTEN_CONCEPTS });
  const own = loadInterviewSet();
  const client = startNodeScoringWorker({ timeoutMs: 60_000 });
  try {
    const ready = await client.warmUp();
    console.log(`scoring worker ready: model v${ready.modelVersion}, language model parsed in ${ready.elapsedMs.toFixed(0)} ms; fixed bank corpus`);
    console.log(`model: ${FITTED_ACCURACY_MODEL.provenance}`);
    const publicItems = (split: 'development' | 'test'): Item[] =>
      answersOf(data, split).map((a, i) => ({ id: `${a.questionId}#${i}`, questionId: a.questionId, question: data.questions.get(a.questionId)!, answer: a.answer, grade: a.score }));
    const ownItems = (answers: typeof own.test): Item[] =>
      answers.map((a) => ({ id: a.id, questionId: a.questionId, question: own.questions.get(a.questionId)!, answer: a.answer, grade: a.grade, kind: a.kind }));

    if (DEVELOPMENT_ONLY) {
      // For model work: never look at the test splits while changing the scorer.
      await sweep(client, 'public dev', publicItems('development'));
      await sweep(client, 'own dev', ownItems(own.development));
      return;
    }
    console.log('');
    const pubTest = await sweep(client, 'public test', publicItems('test'));
    const ownTest = await sweep(client, 'own test', ownItems(own.test));
    const pubDev = summarise(await scoreAll(client, publicItems('development')), publicItems('development'));
    const ownDevItems = ownItems(own.development);
    const ownDevPred = await scoreAll(client, ownDevItems);
    const ownDev = summarise(ownDevPred, ownDevItems);
    const line = (l: string, r: Run) => `${l.padEnd(14)} k=0  n=${String(r.n).padEnd(4)} r=${r.agreement.pearson.toFixed(3)}  RMSE=${r.agreement.rmse.toFixed(3)}  MAD=${r.agreement.meanAbsoluteDifference.toFixed(3)}  signed=${r.signed.toFixed(3)}   (fitted here)`;
    console.log(line('public dev', pubDev));
    console.log(line('own dev', ownDev));
    const test = publicItems('test');
    const recall = agreement(test.map((t) => plainRecall(t.question.referenceAnswer, t.answer)), test.map((t) => t.grade)).pearson;
    console.log(`plain stemmed recall on the public test split: r=${recall.toFixed(3)}; published anchors: ${ANCHORS}`);

    // Mean score by kind, on the own test split and on the whole own set (no rated answers).
    const ownTestItems = ownItems(own.test);
    const ownTestPred = await scoreAll(client, ownTestItems);
    console.log('');
    console.log('own set, mean score by kind (human grade in brackets), no rated answers:');
    const byKind = (items: readonly Item[], pred: readonly number[], kind: string) => {
      const idx = items.map((it, i) => (it.kind === kind ? i : -1)).filter((i) => i >= 0);
      return { score: mean(idx.map((i) => pred[i]!)), grade: mean(idx.map((i) => items[i]!.grade)), n: idx.length };
    };
    const worstAdversarial: { kind: string; score: number }[] = [];
    for (const kind of ANSWER_KINDS) {
      const t = byKind(ownTestItems, ownTestPred, kind);
      const all = byKind([...ownTestItems, ...ownDevItems], [...ownTestPred, ...ownDevPred], kind);
      const adversarial = ADVERSARIAL_KINDS.includes(kind);
      if (adversarial) worstAdversarial.push({ kind, score: t.score });
      console.log(`  ${kind.padEnd(15)} test ${t.score.toFixed(2)} [${t.grade.toFixed(2)}] n=${String(t.n).padEnd(3)} whole set ${all.score.toFixed(2)} [${all.grade.toFixed(2)}] n=${all.n}${adversarial ? '  adversarial' : ''}`);
    }

    const ms = mean(workerMs);
    const p95 = quantile(workerMs, 0.95);
    console.log('');
    console.log(`time per answer in the worker (accuracy + tone + delivery, rated answers included): mean ${ms.toFixed(2)} ms, p50 ${quantile(workerMs, 0.5).toFixed(2)}, p95 ${p95.toFixed(2)}, max ${Math.max(...workerMs).toFixed(2)} (${workerMs.length} answers, one at a time; machine shared, timings noisy)`);

    const at = (rows: Row[], k: number) => rows.find((r) => r.k === k)!;
    const ok = (b: boolean) => (b ? 'met' : 'NOT met');
    const worst = worstAdversarial.sort((a, b) => b.score - a.score)[0]!;
    console.log('');
    console.log(
      `bench:scoring public test r k0=${mean(at(pubTest, 0).r).toFixed(3)} k1=${mean(at(pubTest, 1).r).toFixed(3)} k3=${mean(at(pubTest, 3).r).toFixed(3)} k5=${mean(at(pubTest, 5).r).toFixed(3)} k10=${mean(at(pubTest, 10).r).toFixed(3)} | ` +
        `own test RMSE k0=${mean(at(ownTest, 0).rmse).toFixed(3)} signed ${mean(at(ownTest, 0).signed).toFixed(2)} | worst adversarial kind ${worst.kind} ${worst.score.toFixed(2)} | ${ms.toFixed(2)} ms/answer`,
    );
    console.log(
      `targets: public r k0>=${TARGET.publicR0} ${ok(mean(at(pubTest, 0).r) >= TARGET.publicR0)}; own RMSE k0<=${TARGET.ownRmse0} ${ok(mean(at(ownTest, 0).rmse) <= TARGET.ownRmse0)}; ` +
        `adversarial kinds <=${TARGET.adversarialMean} ${ok(worst.score <= TARGET.adversarialMean)}; public r k3>=${TARGET.publicR3} ${ok(mean(at(pubTest, 3).r) >= TARGET.publicR3)}; ` +
        `public r k5>=${TARGET.publicR5} ${ok(mean(at(pubTest, 5).r) >= TARGET.publicR5)}; <${TARGET.msPerAnswer} ms ${ok(p95 < TARGET.msPerAnswer)}`,
    );
  } finally {
    client.dispose();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
