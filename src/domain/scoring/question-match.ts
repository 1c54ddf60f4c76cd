/**
 * Whether two questions are the same question, judged by content rather than id: an edited or regenerated question
 * may keep its id while saying something else, or get a new id while saying the same. Rated answers are reused only
 * for a question whose prompt and reference answer say nearly the same thing.
 */
import { analyze } from './text';
import { termsOf } from './terms';

export interface QuestionContent {
  readonly prompt: string;
  readonly referenceAnswer: string;
}

/** Share of stems two questions have in common (Jaccard) above which they are the same question. */
export const SAME_QUESTION_AT = 0.7;

const cache = new Map<string, ReadonlySet<string>>();

function stemsOf(q: QuestionContent): ReadonlySet<string> {
  const key = `${q.prompt}\u0000${q.referenceAnswer}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = new Set(termsOf(analyze(`${q.prompt}\n${q.referenceAnswer}`)).map((t) => t.stem));
    if (cache.size > 2000) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/** Jaccard similarity of the two questions' word stems (prompt and reference answer together), 0..1. */
export function questionSimilarity(a: QuestionContent, b: QuestionContent): number {
  if (a.prompt === b.prompt && a.referenceAnswer === b.referenceAnswer) return 1;
  const x = stemsOf(a);
  const y = stemsOf(b);
  let both = 0;
  for (const s of x) if (y.has(s)) both += 1;
  const union = x.size + y.size - both;
  return union > 0 ? both / union : 0;
}

export function sameQuestion(a: QuestionContent, b: QuestionContent): boolean {
  return questionSimilarity(a, b) >= SAME_QUESTION_AT;
}
