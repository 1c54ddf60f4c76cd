/**
 * Turns free text (a transcript, a reference answer, a concept) into tokens that
 * remember where they came from, so every match can be traced back to the exact
 * characters of the transcript.
 */
import { isKnownWordId, stem, wink } from './nlp';
import { STOP_WORDS } from './stopwords';

export type TokenKind = 'word' | 'number' | 'punctuation' | 'other';

export interface Token {
  /** Position in the token list. */
  readonly index: number;
  /** The characters as written. */
  readonly text: string;
  /** Character offsets into the analysed text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly lower: string;
  readonly lemma: string;
  /** Porter2 stem of the lemma: joins derivations ("recursion", "recursive"). */
  readonly stem: string;
  readonly pos: string;
  readonly kind: TokenKind;
  /** A function word ("the", "is", "of"). */
  readonly stop: boolean;
  /** Word or number that is not a function word. */
  readonly content: boolean;
  /** In wink's English lexicon; false for misspellings, glued words and rare jargon. */
  readonly known: boolean;
}

export interface AnalyzedText {
  readonly text: string;
  readonly tokens: readonly Token[];
}

function kindOf(winkType: string): TokenKind {
  if (winkType === 'word') return 'word';
  if (winkType === 'number' || winkType === 'ordinal') return 'number';
  if (winkType === 'punctuation') return 'punctuation';
  return 'other';
}

/** Splits contractions and lemmatises: "don't" becomes "do" + "not". */
export function analyze(text: string): AnalyzedText {
  const source = typeof text === 'string' ? text : '';
  if (source.trim() === '') return { text: source, tokens: [] };
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(source);
  const tokens = doc.tokens();
  // wink's declared types do not cover every `its` helper; they all return one value per token.
  const column = <T>(f: unknown): T[] => (tokens.out as (f: unknown) => unknown)(f) as T[];
  const values = column<string>(its.value);
  const lemmas = column<string>(its.lemma);
  const pos = column<string>(its.pos);
  const types = column<string>(its.type);
  const ids = column<number>(its.uniqueId);

  const out: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? '';
    // wink keeps the original characters of each token; find them from the cursor
    // so offsets stay right whatever whitespace separated them.
    let start = source.indexOf(value, cursor);
    if (start < 0) start = cursor;
    const end = Math.min(source.length, start + value.length);
    cursor = end;
    const lower = value.toLowerCase();
    const kind = kindOf(types[i] ?? '');
    const lemma = (lemmas[i] ?? lower).toLowerCase();
    const isStop = STOP_WORDS.has(lower) || STOP_WORDS.has(lemma);
    const content = (kind === 'word' || kind === 'number') && !isStop && /[\p{L}\p{N}]/u.test(lower);
    out.push({
      index: i,
      text: value,
      start,
      end,
      lower,
      lemma,
      stem: kind === 'word' ? stem(lemma) : lower,
      pos: pos[i] ?? 'X',
      kind,
      stop: isStop,
      content,
      known: kind !== 'word' || isKnownWordId(ids[i] ?? Number.POSITIVE_INFINITY),
    });
  }
  return { text: source, tokens: out };
}

/** Content tokens only: what concept matching and overlap measures look at. */
export function contentTokens(analyzed: AnalyzedText): Token[] {
  return analyzed.tokens.filter((t) => t.content);
}
