/**
 * Seeded randomness for question selection. A plan must be reproducible from its
 * seed alone (host, guest and server rebuild the same interview), so nothing here
 * touches Math.random.
 */
export type Rng = () => number;

/** mulberry32: tiny, fast, and good enough for shuffling a few hundred items. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives an independent 32-bit seed from several parts (FNV-1a over their text),
 * so each question kind draws from its own stream and a change in one kind's
 * count does not reshuffle the others.
 */
export function deriveSeed(...parts: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5;
  const text = parts.map(String).join('\u241f');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** A uniformly chosen element; the caller guarantees `items` is not empty. */
export function pick<T>(items: readonly T[], rng: Rng): T {
  if (items.length === 0) throw new RangeError('pick() from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}
