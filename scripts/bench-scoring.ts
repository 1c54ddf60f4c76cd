/**
 * npm run bench:scoring
 *
 * Agreement of first-pass technical accuracy with human graders on the public
 * short-answer grading data (../shared/datasets/short-answer-grading, Mohler et al.
 * 2011). Every answer is scored through the real scoring worker (node:worker_threads
 * running worker/scoring/node-worker.ts, the same core as the browser worker).
 * The model's constants were fitted on the development split by scripts/fit-scoring.ts;
 * nothing is fitted here. The dataset's grades are on 0–5, the same scale as the
 * scorer's accuracy, so the score is compared as is.
 *
 * Prints Pearson r, RMSE and mean absolute difference on the test split (and the
 * development split for reference), milliseconds per answer, and a summary line.
 */
import { agreement, type Agreement } from '../src/domain/scoring/agreement';
import { FITTED_ACCURACY_MODEL } from '../src/domain/scoring/fitted-model';
import { startNodeScoringWorker } from '../worker/scoring/node-port';
import { benchCorpusDocuments } from './scoring/bench-corpus';
import { plainRecall } from './scoring/baseline';
import { answersOf, loadGradingDataset, type GradedAnswer, type Split } from './scoring/dataset';

const TARGET = { pearson: 0.65, rmse: 0.85, msPerAnswer: 20 };
const ANCHORS = 'Mohler et al. 2011 r=0.518 RMSE=0.978; Sultan et al. 2016 r=0.592 RMSE=0.887 (whole set)';

interface SplitResult {
  split: Split;
  agreement: Agreement;
  baselineR: number;
  workerMs: number[];
  roundTripMs: number[];
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main(): Promise<void> {
  const data = loadGradingDataset();
  const client = startNodeScoringWorker({ timeoutMs: 60_000 });
  try {
    const ready = await client.warmUp();
    const corpus = await client.setCorpus(benchCorpusDocuments(data));
    console.log(`scoring worker ready: model v${ready.modelVersion}, language model parsed in ${ready.elapsedMs.toFixed(0)} ms; IDF corpus of ${corpus.documents} questions`);
    console.log(`model: ${FITTED_ACCURACY_MODEL.provenance}`);

    const runSplit = async (split: Split): Promise<SplitResult> => {
      const answers: GradedAnswer[] = answersOf(data, split);
      const predicted: number[] = [];
      const workerMs: number[] = [];
      const roundTripMs: number[] = [];
      for (const a of answers) {
        const q = data.questions.get(a.questionId)!;
        const t0 = performance.now();
        const res = await client.scoreSpokenTimed({
          question: { id: q.id, prompt: q.prompt, referenceAnswer: q.referenceAnswer },
          transcript: a.answer,
          durationSec: 0,
        });
        roundTripMs.push(performance.now() - t0);
        workerMs.push(res.elapsedMs);
        predicted.push(res.score.accuracy.score);
      }
      const human = answers.map((a) => a.score);
      const baseline = answers.map((a) => plainRecall(data.questions.get(a.questionId)!.referenceAnswer, a.answer));
      return { split, agreement: agreement(predicted, human), baselineR: agreement(baseline, human).pearson, workerMs, roundTripMs };
    };

    const dev = await runSplit('development');
    if (process.argv.includes('--development-only')) {
      // For model work: never look at the test split while changing the scorer.
      console.log(`development only: r=${dev.agreement.pearson.toFixed(3)} RMSE=${dev.agreement.rmse.toFixed(3)} MAD=${dev.agreement.meanAbsoluteDifference.toFixed(3)} plain recall r=${dev.baselineR.toFixed(3)} mean ${mean(dev.workerMs).toFixed(2)} ms/answer`);
      return;
    }
    const test = await runSplit('test');

    const row = (r: SplitResult) =>
      `${r.split.padEnd(12)} n=${String(r.agreement.n).padEnd(5)} r=${r.agreement.pearson.toFixed(3)}  RMSE=${r.agreement.rmse.toFixed(3)}  MAD=${r.agreement.meanAbsoluteDifference.toFixed(3)}  (plain stemmed recall r=${r.baselineR.toFixed(3)})`;
    console.log('');
    console.log(row(test) + '   <- report');
    console.log(row(dev) + '   (fitted here)');
    console.log(`published anchors: ${ANCHORS}`);
    const all = [...dev.workerMs, ...test.workerMs];
    const rt = [...dev.roundTripMs, ...test.roundTripMs];
    const msPerAnswer = mean(all);
    console.log(
      `time per answer in the worker (accuracy + tone + delivery): mean ${msPerAnswer.toFixed(2)} ms, p50 ${quantile(all, 0.5).toFixed(2)}, p95 ${quantile(all, 0.95).toFixed(2)}, max ${Math.max(...all).toFixed(2)}; ` +
        `round trip including messaging: mean ${mean(rt).toFixed(2)} ms (${all.length} answers, one at a time; machine shared, timings noisy)`,
    );
    const ok = (b: boolean) => (b ? 'met' : 'NOT met');
    const a = test.agreement;
    console.log('');
    console.log(
      `bench:scoring test r=${a.pearson.toFixed(3)} RMSE=${a.rmse.toFixed(3)} MAD=${a.meanAbsoluteDifference.toFixed(3)} | dev r=${dev.agreement.pearson.toFixed(3)} | ${msPerAnswer.toFixed(2)} ms/answer in worker | ` +
        `targets: r>=${TARGET.pearson} ${ok(a.pearson >= TARGET.pearson)}, RMSE<=${TARGET.rmse} ${ok(a.rmse <= TARGET.rmse)}, <${TARGET.msPerAnswer} ms ${ok(quantile(all, 0.95) < TARGET.msPerAnswer)}`,
    );
  } finally {
    client.dispose();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exitCode = 1;
});
