/**
 * Term statistics over a question set (prompts and reference answers). Rare
 * terms ("enqueue", "pointer") say more about an answer than common ones
 * ("use", "data"), so overlap is weighted by inverse document frequency.
 */
import { analyze } from './text';
import { termsOf } from './terms';

export interface CorpusStats {
  readonly documents: number;
  /** Porter2 stem -> number of documents containing it. */
  readonly documentFrequency: ReadonlyMap<string, number>;
}

export const EMPTY_CORPUS: CorpusStats = { documents: 0, documentFrequency: new Map() };

/** One document per question: its prompt and reference answer together. */
export function buildCorpusStats(documents: readonly string[]): CorpusStats {
  const df = new Map<string, number>();
  for (const doc of documents) {
    const seen = new Set(termsOf(analyze(doc)).map((t) => t.stem));
    for (const s of seen) df.set(s, (df.get(s) ?? 0) + 1);
  }
  return { documents: documents.length, documentFrequency: df };
}

/** Smoothed IDF, 1 for a term no document contains (and for an empty corpus). */
export function idf(stats: CorpusStats, stem: string): number {
  if (stats.documents === 0) return 1;
  const df = stats.documentFrequency.get(stem) ?? 0;
  return Math.log((stats.documents + 1) / (df + 1)) / Math.log(stats.documents + 1) + 0.25;
}
