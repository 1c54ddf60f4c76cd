/**
 * The staff chat's own search, and the other long lists' (Q&A, reactions, code comments). They draw only the items in
 * view (WindowedList), so the browser's find in page cannot reach the rest: this finds them in the documents instead. Case-insensitive, in the text and
 * the author's name; the query's spaces count as written (a phrase, not words in any order).
 */

export interface Searchable {
  text: string;
  by: string;
}

/** The query as matched: trimmed at both ends, lower case; '' matches everything. */
export function normaliseQuery(query: string): string {
  return query.trim().toLocaleLowerCase();
}

/** The messages that hold `query` (normalised), in their order. */
export function matchingMessages<T extends Searchable>(messages: readonly T[], query: string): readonly T[] {
  return matchingItems(messages, query, (m) => [m.text, m.by]);
}

/** The items one of whose `fields` holds `query` (normalised), in their order: the other long lists' searches. */
export function matchingItems<T>(items: readonly T[], query: string, fields: (item: T) => readonly string[]): readonly T[] {
  const q = normaliseQuery(query);
  if (q === '') return items;
  return items.filter((item) => fields(item).some((f) => f.toLocaleLowerCase().includes(q)));
}

export interface TextPart {
  text: string;
  match: boolean;
}

/** `text` cut around every occurrence of `query` (normalised), for marking what matched. */
export function markMatches(text: string, query: string): TextPart[] {
  const q = normaliseQuery(query);
  if (q === '') return [{ text, match: false }];
  const lower = text.toLocaleLowerCase();
  // Lower-casing keeps the length for the scripts a chat holds in practice; where it does not (a few letters change
  // length), the marks would land beside the match, so the text is left unmarked rather than marked wrongly.
  if (lower.length !== text.length) return [{ text, match: false }];
  const parts: TextPart[] = [];
  let from = 0;
  for (let at = lower.indexOf(q); at !== -1; at = lower.indexOf(q, at + q.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + q.length), match: true });
    from = at + q.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts.length ? parts : [{ text, match: false }];
}
