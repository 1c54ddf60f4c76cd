/**
 * Identifies a set of rated answers and their ratings (FNV-1a over ids and ratings, order-free). Its own module with
 * no imports, so the staff app can tell a stale score from a current one without loading the scorer.
 */
export function ratedAnswersKey(rated: readonly { readonly id: string; readonly rating: number }[]): string {
  let h = 0x811c9dc5;
  const text = rated
    .map((r) => `${r.id}=${r.rating}`)
    .sort()
    .join('|');
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${rated.length}:${(h >>> 0).toString(36)}`;
}
