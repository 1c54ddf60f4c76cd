/**
 * The one place that touches wink-nlp. Its English model ships inside the npm
 * package (no download at run time); it is parsed once, on first use, so
 * importing the scoring module stays cheap until an answer is actually scored.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import porterStem from 'wink-eng-lite-web-model/dist/porter-stemmer.js';

type Wink = ReturnType<typeof winkNLP>;

let instance: Wink | null = null;
let firstUnknownId = Number.POSITIVE_INFINITY;

/** The shared wink instance: sentence breaks and part of speech (lemmas need it); nothing else is used. */
export function wink(): Wink {
  if (!instance) {
    instance = winkNLP(model, ['sbd', 'pos']);
    // wink numbers its lexicon's words first and appends unknown words after them;
    // the first unknown word read marks where the lexicon ends.
    const tokens = instance.readDoc('qzxqjvkw').tokens();
    const probe = (tokens.out as (f: unknown) => unknown)(instance.its.uniqueId) as number[];
    firstUnknownId = probe[0] ?? Number.POSITIVE_INFINITY;
  }
  return instance;
}

/** Whether wink's lexicon knows a word, from its uniqueId. Misspellings and glued words are unknown. */
export function isKnownWordId(id: number): boolean {
  wink();
  return id < firstUnknownId;
}

/** Porter2 stem of an already lower-cased word. */
export function stem(word: string): string {
  return porterStem(word);
}
