/**
 * The published plain baseline: the share of the reference answer's content
 * words whose Porter stem appears in the answer. No weights, no synonyms.
 */
import { analyze } from '../../src/domain/scoring/text';

export function plainRecall(reference: string, answer: string): number {
  const ref = new Set(analyze(reference).tokens.filter((t) => t.content).map((t) => t.stem));
  if (ref.size === 0) return 0;
  const ans = new Set(analyze(answer).tokens.filter((t) => t.content).map((t) => t.stem));
  let hit = 0;
  for (const s of ref) if (ans.has(s)) hit += 1;
  return hit / ref.size;
}
