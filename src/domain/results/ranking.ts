/**
 * Ranking with ties (standard competition ranking, "1224"): equal scores share a
 * rank and the next rank skips. Candidates without a score come last, unranked.
 */
export interface Ranked<T> {
  item: T;
  /** null when the item has no score. */
  rank: number | null;
  /** True when another item has the same rank. */
  tied: boolean;
}

export function rankWithTies<T>(items: readonly T[], scoreOf: (t: T) => number | null, digits = 2): Array<Ranked<T>> {
  const f = 10 ** digits;
  const key = (t: T): number | null => {
    const s = scoreOf(t);
    return s === null ? null : Math.round(s * f) / f;
  };
  const scored = items.filter((t) => key(t) !== null).sort((a, b) => key(b)! - key(a)!);
  const out: Array<Ranked<T>> = [];
  scored.forEach((item, i) => {
    const prev = out[i - 1];
    const rank = prev && key(prev.item) === key(item) ? prev.rank! : i + 1;
    out.push({ item, rank, tied: false });
  });
  for (const r of out) r.tied = out.some((o) => o !== r && o.rank === r.rank);
  for (const item of items) if (key(item) === null) out.push({ item, rank: null, tied: false });
  return out;
}
