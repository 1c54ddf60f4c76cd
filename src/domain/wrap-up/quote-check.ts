/**
 * Is a quote really in the answer it claims to come from? The model is told to copy words exactly, but models
 * paraphrase, merge answers and invent; a claim is kept only when its quote is found, word for word, in the transcript
 * of the answer it names, after normalising what a quote may fairly change: case, punctuation (including across a
 * sentence boundary), quote marks and apostrophes, accents' composed forms and whitespace.
 *
 * Matching is on whole words: "cache" is not found inside "cached", and a quote of a word or two proves nothing, so a
 * quote must carry at least MIN_QUOTE_WORDS words.
 */

export const MIN_QUOTE_WORDS = 3;

/** Lowercase words, NFKC, with apostrophes dropped inside words ("don't" → "dont") and every other mark a separator. */
export function quoteWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc'`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

export type QuoteVerdict = 'found' | 'not-found' | 'too-short';

/** A transcript prepared once for many quotes: its words joined with single spaces, padded so matches are whole words. */
export interface PreparedAnswer {
  padded: string;
}

/**
 * Marks where a condensed transcript left sentences out (condense.ts). A quote may not run across it: the words on
 * either side were not said one after the other.
 */
export const GAP_MARKER = ' […] ';

export function prepareAnswer(text: string): PreparedAnswer {
  // "|" is never part of a word, so no quote's words can match across a gap.
  return { padded: ` ${text.split(GAP_MARKER).map((part) => quoteWords(part).join(' ')).join(' | ')} ` };
}

export function checkQuote(quote: string, answer: PreparedAnswer): QuoteVerdict {
  const words = quoteWords(quote);
  if (words.length < MIN_QUOTE_WORDS) return 'too-short';
  return answer.padded.includes(` ${words.join(' ')} `) ? 'found' : 'not-found';
}

/** Where the quote's words start in the original text (for highlighting), or null; offsets are into `text`. */
export function locateQuote(quote: string, text: string): { start: number; end: number } | null {
  const target = quoteWords(quote);
  if (target.length === 0) return null;
  const spans: Array<{ word: string; start: number; end: number }> = [];
  const re = /[\p{L}\p{N}\u2018\u2019\u02bc'`´]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (const word of quoteWords(m[0])) spans.push({ word, start: m.index, end: m.index + m[0].length });
  }
  outer: for (let i = 0; i + target.length <= spans.length; i++) {
    for (let j = 0; j < target.length; j++) if (spans[i + j]!.word !== target[j]) continue outer;
    return { start: spans[i]!.start, end: spans[i + target.length - 1]!.end };
  }
  return null;
}
