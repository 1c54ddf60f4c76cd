/**
 * Dumps development-split feature rows (one file per question-word credit) so
 * model studies can iterate without re-analysing text. Development split only.
 *
 *   npx tsx scripts/scoring/feature-cache.ts OUT_DIR [credit ...]
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { accuracyFeatures } from '../../src/domain/scoring/features';
import { prepareQuestion } from '../../src/domain/scoring/prepare';
import { analyze } from '../../src/domain/scoring/text';
import { benchCorpus } from './bench-corpus';
import { answersOf, loadGradingDataset } from './dataset';

const [outDir, ...creditArgs] = process.argv.slice(2);
if (!outDir) throw new Error('usage: feature-cache.ts OUT_DIR [credit ...]');
const credits = creditArgs.length ? creditArgs.map(Number) : [0, 0.1, 0.2, 0.35, 0.5, 1];
const data = loadGradingDataset();
const dev = answersOf(data, 'development');
const corpus = benchCorpus(data);
const analyzed = dev.map((a) => analyze(a.answer));
for (const credit of credits) {
  const prepared = new Map([...data.questions.values()].filter((q) => dev.some((a) => a.questionId === q.id)).map((q) => [q.id, prepareQuestion(q, corpus, credit)]));
  const rows = dev.map((a, i) => accuracyFeatures(prepared.get(a.questionId)!, analyzed[i]!).features);
  writeFileSync(
    resolve(outDir, `dev-credit-${credit}.json`),
    JSON.stringify({ credit, questionIds: dev.map((a) => a.questionId), y: dev.map((a) => a.score), rows }),
  );
  console.log(`credit ${credit}: ${rows.length} rows`);
}
