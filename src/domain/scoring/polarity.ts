/**
 * Where a reference answer itself speaks in the negative. An answer that denies what the reference denies agrees with
 * it ("no base case" for "the base case is not included", "you do not copy the data" for "it avoids making copies");
 * only a denial of what the reference affirms contradicts it. negationMask (terms.ts) sees a negation before the words
 * it denies; a reference also denies a subject named before a negated "to be" ("if the base case is not included",
 * "when no constructor is provided") and with verbs that deny what follows them ("avoids", "prevents").
 *
 * On the public grading data's development split, 42 answers were capped as denials of a concept the reference itself
 * denies in one of these ways, graded 4.3 on average (docs/scoring-studies.md).
 */
import { isNegator, NEGATION_REACH, negationMask, SCOPE_BREAKERS, termsOf } from './terms';
import type { AnalyzedText, Token } from './text';

/** Verbs that deny what follows them: "avoids making copies" says no copies are made. */
const DENYING_VERBS = new Set(['avoid', 'prevent', 'lack', 'fail', 'eliminate', 'omit']);
const TO_BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
/** Where a clause begins, so a negated "to be" reaches back no further than its own subject. */
const CLAUSE_STARTS = new Set(['if', 'when', 'whenever', 'that', 'which', 'where', 'whether', 'who', 'whose', 'unless', 'until', 'once', 'as', 'since']);
/** How many content words of the subject before a negated "to be" it denies. */
const SUBJECT_REACH = 3;

const ends = (u: Token) => u.kind === 'punctuation' || SCOPE_BREAKERS.has(u.lower);

/** Which tokens of a text sit in something it denies, whichever side of the negation they are on. */
export function deniedTokens(text: AnalyzedText): boolean[] {
  const toks = text.tokens;
  const mask = negationMask(toks);
  for (let i = 0; i < toks.length; i += 1) {
    const t = toks[i]!;
    if (DENYING_VERBS.has(t.lemma)) {
      let reached = 0;
      for (let j = i + 1; j < toks.length && reached < NEGATION_REACH && !ends(toks[j]!); j += 1) {
        mask[j] = true;
        if (toks[j]!.content) reached += 1;
      }
    }
    if (isNegator(toks, i) && TO_BE.has(toks[i - 1]?.lower ?? '')) {
      let reached = 0;
      for (let j = i - 2; j >= 0 && reached < SUBJECT_REACH && !ends(toks[j]!) && !CLAUSE_STARTS.has(toks[j]!.lower); j -= 1) {
        mask[j] = true;
        if (toks[j]!.content) reached += 1;
      }
    }
  }
  return mask;
}

/** Stems a reference answer says, at least once, inside something it denies. */
export function deniedStems(reference: AnalyzedText): Set<string> {
  const mask = deniedTokens(reference);
  return new Set(termsOf(reference).filter((t) => t.negated || mask[t.token] === true).map((t) => t.stem));
}
