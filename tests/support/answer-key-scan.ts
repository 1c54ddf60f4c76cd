/**
 * Finds the question bank's answer keys in any text: every spoken question's reference answer, every
 * multiple-choice question's correct option and explanation, every coding task's reference solution and
 * hidden tests. Text is compared as its "skeleton" (letters and digits only, lower case), so a key is found
 * however a bundler or a source map quoted, escaped or minified it (`{"args":[[1,2]]}` in JSON and
 * `{args:[[1,2]]}` in minified code have the same skeleton).
 */
import type { Question } from '../../src/domain/questions';

/** Shorter skeletons could occur by chance in unrelated code. */
const MIN_SKELETON = 16;
/**
 * Options are often code or a term ("Promise.allSettled", "Cross-site request forgery") that other code holds
 * too; only a long correct option is distinctive alone. Every item's correctIndex is also looked for where it
 * is written, right after its options, and its explanation is a needle of its own.
 */
const MIN_OPTION_SKELETON = 32;
/** Every needle is looked up by its first WINDOW characters: one pass over the haystack for all needles. */
const WINDOW = MIN_SKELETON;

export interface Needle {
  itemId: string;
  what: string;
  skeleton: string;
}

export const skeleton = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** JSON and JavaScript string escapes (`\n` in a source map's copy of a solution) are not part of the text. */
const withoutEscapes = (text: string): string => text.replace(/\\(?:[nrtbfv"'`\\/]|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2})/g, ' ');

export function answerKeyNeedles(bank: readonly Question[]): Needle[] {
  const needles: Needle[] = [];
  const add = (itemId: string, what: string, text: string, min = MIN_SKELETON) => {
    const s = skeleton(text);
    if (s.length >= min) needles.push({ itemId, what, skeleton: s });
  };
  for (const q of bank) {
    if (q.kind === 'spoken') add(q.id, 'reference answer', q.referenceAnswer);
    if (q.kind === 'mcq') {
      add(q.id, 'correct option', q.options[q.correctIndex]!, MIN_OPTION_SKELETON);
      add(q.id, 'correct option index', `${q.options[q.options.length - 1]!} correctIndex ${q.correctIndex}`);
      add(q.id, 'explanation', q.explanation);
    }
    if (q.kind === 'coding') {
      add(q.id, 'reference solution', q.referenceSolution);
      q.hiddenTests.forEach((t, i) => add(q.id, `hidden test ${i + 1}`, withoutEscapes(JSON.stringify({ args: t.args, expected: t.expected }))));
    }
  }
  return needles;
}

export interface Finding {
  where: string;
  itemId: string;
  what: string;
}

/** Every needle found in `text` (named `where` in the findings). */
export function findAnswerKeys(where: string, text: string, needles: readonly Needle[]): Finding[] {
  const byPrefix = new Map<string, Needle[]>();
  for (const n of needles) {
    const key = n.skeleton.slice(0, WINDOW);
    const list = byPrefix.get(key);
    if (list) list.push(n);
    else byPrefix.set(key, [n]);
  }
  const hay = skeleton(withoutEscapes(text));
  const found = new Map<Needle, Finding>();
  for (let i = 0; i + WINDOW <= hay.length; i++) {
    const candidates = byPrefix.get(hay.slice(i, i + WINDOW));
    if (!candidates) continue;
    for (const n of candidates) if (!found.has(n) && hay.startsWith(n.skeleton, i)) found.set(n, { where, itemId: n.itemId, what: n.what });
  }
  return [...found.values()];
}
