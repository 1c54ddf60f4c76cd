/**
 * Topic-balanced selection: a seeded round-robin over topics, so a plan covers
 * the breadth of a role instead of five questions about one corner of it.
 */
import { shuffled, type Rng } from './prng';

export interface Topical {
  topic: string;
}

export function topicCounts(items: readonly Topical[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.topic, (counts.get(item.topic) ?? 0) + 1);
  return counts;
}

/**
 * Picks up to `n` items. Each pick takes the topic with the fewest items so far
 * (counting `already`, what the plan holds before this call), ties broken by a
 * seeded topic order; items within a topic come in seeded order. With nothing
 * already present this is a plain round-robin, and the picks for n are a prefix
 * of the picks for n + 1.
 */
export function balancedPick<T extends Topical>(
  pool: readonly T[],
  n: number,
  rng: Rng,
  already: ReadonlyMap<string, number> = new Map(),
): T[] {
  const byTopic = new Map<string, T[]>();
  for (const item of pool) {
    const list = byTopic.get(item.topic);
    if (list) list.push(item);
    else byTopic.set(item.topic, [item]);
  }
  // Sorted before shuffling so the order depends on the seed and the topics, not on map insertion.
  const topics = shuffled([...byTopic.keys()].sort(), rng);
  const queues = new Map(topics.map((t) => [t, shuffled(byTopic.get(t) ?? [], rng)] as const));
  const counts = new Map(topics.map((t) => [t, already.get(t) ?? 0] as const));

  const picked: T[] = [];
  while (picked.length < n) {
    let best: string | null = null;
    for (const t of topics) {
      if ((queues.get(t)?.length ?? 0) === 0) continue;
      if (best === null || (counts.get(t) ?? 0) < (counts.get(best) ?? 0)) best = t;
    }
    if (best === null) break;
    const item = queues.get(best)?.shift();
    if (item === undefined) break;
    picked.push(item);
    counts.set(best, (counts.get(best) ?? 0) + 1);
  }
  return picked;
}
