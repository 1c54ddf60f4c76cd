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

/**
 * Where to split words run together ("stagephase", "dynamicno": text whose brackets
 * or spaces were lost): an unknown word splits once into two words the lexicon knows,
 * both of five letters or more, or one a function word ("treeor", "dynamicno"),
 * so real jargon ("dequeue") and misspellings ("recurssion") stay whole. Returns offsets into `source`.
 */
const GLUE_WORDS = new Set([...STOP_WORDS, 'no', 'not', 'or', 'and', 'as', 'for', 'the', 'of', 'to', 'in', 'is', 'are', 'an']);

function gluedSplits(source: string, values: readonly string[], ids: readonly number[], types: readonly string[]): number[] {
  const nlp = wink();
  const candidates: { start: number; word: string }[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? '';
    const start = source.indexOf(value, cursor);
    if (start >= 0) cursor = start + value.length;
    if (start < 0 || types[i] !== 'word' || value.length < 6 || !/^[a-z]+$/i.test(value)) continue;
    if (isKnownWordId(ids[i] ?? Number.POSITIVE_INFINITY)) continue;
    candidates.push({ start, word: value.toLowerCase() });
  }
  if (candidates.length === 0) return [];
  const parts = new Set<string>();
  for (const c of candidates) for (let k = 2; k <= c.word.length - 2; k += 1) parts.add(c.word.slice(0, k)).add(c.word.slice(k));
  const probe = [...parts];
  const probeIds = (nlp.readDoc(probe.join(' ')).tokens().out as (f: unknown) => unknown)(nlp.its.uniqueId) as number[];
  if (probeIds.length !== probe.length) return [];
  const known = new Set(probe.filter((_, k) => isKnownWordId(probeIds[k]!)));
  // Two real words of five letters or more, or a real word and a function word.
  const fits = (a: string, b: string) =>
    known.has(a) && known.has(b) && ((a.length >= 5 && b.length >= 5) || (GLUE_WORDS.has(a) && b.length >= 4) || (GLUE_WORDS.has(b) && a.length >= 4));
  const splits: number[] = [];
  for (const c of candidates) {
    let best = -1;
    let bestMin = 0;
    for (let k = 2; k <= c.word.length - 2; k += 1) {
      const a = c.word.slice(0, k);
      const b = c.word.slice(k);
      const shortest = Math.min(a.length, b.length);
      if (fits(a, b) && shortest > bestMin) {
        best = k;
        bestMin = shortest;
      }
    }
    if (best > 0) splits.push(c.start + best);
  }
  return splits;
}

/** Splits contractions and lemmatises: "don't" becomes "do" + "not"; words run together are split. */
export function analyze(text: string): AnalyzedText {
  const source = typeof text === 'string' ? text : '';
  if (source.trim() === '') return { text: source, tokens: [] };
  const first = analyzeAsIs(source);
  const splits = gluedSplits(source, first.values, first.ids, first.types);
  if (splits.length === 0) return { text: source, tokens: first.tokens };
  // Analyse the text with a space at each split, then map offsets back onto the original characters.
  let spaced = '';
  let from = 0;
  for (const at of splits) {
    spaced += `${source.slice(from, at)} `;
    from = at;
  }
  spaced += source.slice(from);
  const toSource = (offset: number) => offset - splits.filter((at, k) => at + k < offset).length;
  const tokens = analyzeAsIs(spaced).tokens.map((t) => {
    const start = toSource(t.start);
    const end = toSource(t.end);
    return { ...t, start, end, text: source.slice(start, end) };
  });
  return { text: source, tokens };
}

function analyzeAsIs(source: string): { tokens: Token[]; values: string[]; ids: number[]; types: string[] } {
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
  return { tokens: out, values, ids, types };
}

/** Content tokens only: what concept matching and overlap measures look at. */
export function contentTokens(analyzed: AnalyzedText): Token[] {
  return analyzed.tokens.filter((t) => t.content);
}
