/**
 * Token fingerprints of a coding answer, so that Solution Analysis can flag two submissions of the same task that
 * are one solution renamed or reformatted (for a person to review; never a penalty by itself).
 *
 * Winnowing (Schleimer, Wilkerson, Aiken 2003, the idea behind MOSS) over normalised tokens:
 * - the code is split into JavaScript/TypeScript tokens; whitespace and comments are dropped, and so are semicolons
 *   and trailing commas, which a formatter adds or removes;
 * - identifiers become one token `I` (renaming changes nothing), string and template literals `S`, numbers `N`;
 *   keywords, operators and names after `.` (`.reduce`, `.push`: a library's names, which renaming leaves alone and
 *   which tell one approach from another) are kept;
 * - every run of K tokens is hashed, and of each window of W consecutive hashes the smallest is kept, so any common
 *   run of at least K + W - 1 tokens shows up in both fingerprints, whatever surrounds it.
 * Similarity is the Jaccard index of the two sets of kept hashes. Fingerprints are capped at MAX_HASHES (the
 * smallest ones, a bottom-k sketch), so a 1 MB paste does not bloat the assessment document; the estimate stays fair.
 */

/** Names the parameters: fingerprints made with another scheme cannot be compared. */
export const FINGERPRINT_SCHEME = 'winnow-k5-w4-v1';
const K = 5;
const W = 4;
export const MAX_HASHES = 512;
/** At or above this similarity two submissions are flagged for review (renamed copies score 0.8–1, see the fixtures). */
export const SIMILAR_THRESHOLD = 0.5;

export interface CodeFingerprint {
  scheme: typeof FINGERPRINT_SCHEME;
  /** Kept hashes (unsigned 32-bit), ascending, at most MAX_HASHES. */
  hashes: number[];
}

const KEYWORDS = new Set(
  (
    'abstract any as async await boolean break case catch class const constructor continue debugger declare default delete do else enum export extends ' +
    'false finally for from function get if implements import in instanceof interface let keyof new never null number of private protected public ' +
    'readonly return set static string super switch symbol this throw true try type typeof undefined unknown var void while with yield bigint object'
  ).split(' '),
);

/** Keywords after which a `/` divides (`this / 2`). */
const OPERAND_KEYWORDS = new Set(['this', 'super', 'true', 'false', 'null', 'undefined']);

// Longest first, so `===` is one token and not `==` then `=`.
const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
];

/** Normalised tokens of JavaScript or TypeScript source. Never throws: unclosed strings and comments run to the end. */
export function normalisedTokens(source: string): string[] {
  const out: string[] = [];
  const n = source.length;
  let i = 0;
  let afterDot = false;
  // Whether the last token ends an operand, so that a `/` divides rather than starts a regular expression.
  let afterOperand = false;
  while (i < n) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i += 1;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(source, i, c);
      out.push('S');
      afterDot = false;
      afterOperand = true;
      continue;
    }
    if (c === '/' && !afterOperand) {
      i = skipRegExp(source, i);
      out.push('R');
      afterOperand = true;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      i += 1;
      while (i < n && /[\w.]/.test(source[i]!)) i += 1;
      out.push('N');
      afterDot = false;
      afterOperand = true;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(source[j]!)) j += 1;
      const word = source.slice(i, j);
      out.push(afterDot ? `.${word}` : KEYWORDS.has(word) ? word : 'I');
      afterOperand = afterDot || !KEYWORDS.has(word) || OPERAND_KEYWORDS.has(word);
      afterDot = false;
      i = j;
      continue;
    }
    const punct = PUNCTUATORS.find((p) => source.startsWith(p, i)) ?? c;
    i += punct.length;
    afterDot = punct === '.' || punct === '?.';
    afterOperand = punct === ')' || punct === ']' || punct === '}' || punct === '++' || punct === '--';
    // Semicolons and block braces are a formatter's or a style's choice (`if (x) y` or `if (x) { y }`).
    if (afterDot || punct === ';' || punct === '{' || punct === '}') continue;
    // A trailing comma is a formatter's choice.
    if ((punct === ')' || punct === ']' || punct === '}') && out[out.length - 1] === ',') out.pop();
    out.push(punct);
  }
  if (out[out.length - 1] === ',') out.pop();
  return out;
}

function skipString(source: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    // An unclosed '…' or "…" ends at the line; a template literal may span lines.
    else if (c === '\n' && quote !== '`') return i;
    else i += 1;
  }
  return source.length;
}

/** From a `/` that starts a regular expression to just past its flags; never past the end of its line. */
function skipRegExp(source: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') i += 2;
    else if (c === '\n') return i;
    else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      i += 1;
      if (c === '/' && !inClass) break;
    }
  }
  while (i < source.length && /\w/.test(source[i]!)) i += 1;
  return i;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentStart = (c: string) => /[A-Za-z_$]/.test(c) || c > '\u007f';
const isIdentPart = (c: string) => /[\w$]/.test(c) || c > '\u007f';

/** FNV-1a, 32-bit, over a k-gram of tokens: stable across devices and versions, as stored fingerprints need. */
function hashGram(tokens: readonly string[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let t = from; t < to; t += 1) {
    const token = tokens[t]!;
    for (let j = 0; j < token.length; j += 1) {
      h ^= token.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f; // token separator
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function fingerprintCode(source: string): CodeFingerprint {
  const tokens = normalisedTokens(source);
  if (tokens.length === 0) return { scheme: FINGERPRINT_SCHEME, hashes: [] };
  const grams: number[] = [];
  if (tokens.length < K) grams.push(hashGram(tokens, 0, tokens.length));
  for (let i = 0; i + K <= tokens.length; i += 1) grams.push(hashGram(tokens, i, i + K));
  const kept = new Set<number>();
  if (grams.length <= W) {
    kept.add(Math.min(...grams));
  } else {
    // Each window keeps its rightmost smallest hash; a hash kept by the window before is not added twice.
    let lastPos = -1;
    for (let start = 0; start + W <= grams.length; start += 1) {
      let pos = start;
      for (let j = start + 1; j < start + W; j += 1) if (grams[j]! <= grams[pos]!) pos = j;
      if (pos !== lastPos) {
        kept.add(grams[pos]!);
        lastPos = pos;
      }
    }
  }
  const hashes = [...kept].sort((a, b) => a - b).slice(0, MAX_HASHES);
  return { scheme: FINGERPRINT_SCHEME, hashes };
}

/**
 * Similarity of two fingerprints, 0 (nothing in common) to 1 (the same token runs). Bottom-k estimate of the Jaccard
 * index: of the smallest MAX_HASHES hashes of the union, the share held by both (exact when neither was capped).
 * Null when they cannot be compared (another scheme, or an empty answer).
 */
export function fingerprintSimilarity(a: CodeFingerprint, b: CodeFingerprint): number | null {
  if (a.scheme !== FINGERPRINT_SCHEME || b.scheme !== FINGERPRINT_SCHEME) return null;
  if (a.hashes.length === 0 || b.hashes.length === 0) return null;
  const inA = new Set(a.hashes);
  const inB = new Set(b.hashes);
  const union = [...new Set([...a.hashes, ...b.hashes])].sort((x, y) => x - y).slice(0, MAX_HASHES);
  const both = union.filter((h) => inA.has(h) && inB.has(h)).length;
  return both / union.length;
}

export interface SimilarPair<Id> {
  a: Id;
  b: Id;
  similarity: number;
}

/**
 * Every pair of submissions (of one task) at or above the threshold, most similar first: what Solution Analysis
 * flags for a person to look at. Quadratic in the number of submissions, which is one task's candidates.
 */
export function similarSubmissions<Id>(submissions: readonly { id: Id; fingerprint: CodeFingerprint }[], threshold = SIMILAR_THRESHOLD): SimilarPair<Id>[] {
  const pairs: SimilarPair<Id>[] = [];
  for (let i = 0; i < submissions.length; i += 1) {
    for (let j = i + 1; j < submissions.length; j += 1) {
      const similarity = fingerprintSimilarity(submissions[i]!.fingerprint, submissions[j]!.fingerprint);
      if (similarity !== null && similarity >= threshold) pairs.push({ a: submissions[i]!.id, b: submissions[j]!.id, similarity });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity);
}
