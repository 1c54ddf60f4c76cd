/**
 * The IDF corpus used when scoring the grading data: one document per question,
 * its prompt and reference answer (no student answer, no grade). This plays the
 * part of the interview's question bank in the product.
 */
import { buildCorpusStats, type CorpusStats } from '../../src/domain/scoring/corpus';
import type { GradingDataset } from './dataset';

export function benchCorpusDocuments(data: GradingDataset): string[] {
  return [...data.questions.values()].map((q) => `${q.prompt}\n${q.referenceAnswer}`);
}

export function benchCorpus(data: GradingDataset): CorpusStats {
  return buildCorpusStats(benchCorpusDocuments(data));
}
