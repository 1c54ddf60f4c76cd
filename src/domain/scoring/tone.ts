/**
 * Tone of the answer's wording: how assertive it sounds (confident or hedging)
 * and the polarity of its words (positive or negative). Lexicon-based, so every
 * verdict is backed by the phrases that produced it. This describes the words
 * of the answer, never the speaker's feelings.
 */
import type { TranscriptSpan } from './concepts';
import type { AnalyzedText, Token } from './text';
import { negationMask } from './terms';

export type Assertiveness = 'confident' | 'neutral' | 'hedging';
export type Polarity = 'positive' | 'neutral' | 'negative';

export interface ToneCue {
  readonly phrase: string;
  readonly span: TranscriptSpan;
}

export interface ToneResult {
  readonly assessed: boolean;
  readonly assertiveness: Assertiveness;
  readonly polarity: Polarity;
  /** Confident cues minus hedging cues per 100 words, clipped to -1..1. */
  readonly assertivenessScore: number;
  /** Positive minus negative words over all polar words, -1..1. */
  readonly polarityScore: number;
  readonly hedges: readonly ToneCue[];
  readonly confidentCues: readonly ToneCue[];
  readonly positiveWords: readonly ToneCue[];
  readonly negativeWords: readonly ToneCue[];
  readonly explanation: string;
}

/** Hedging phrases, longest first so "i am not sure" wins over "not sure". */
const HEDGES: readonly string[] = [
  "i'm not sure", 'i am not sure', 'not sure', "i don't know", 'i do not know', "i'm not certain", 'not certain',
  'i think', 'i believe', 'i guess', 'i suppose', 'i feel like', 'if i remember', 'if i recall', 'as far as i know',
  'i would say', "i'd say", 'kind of', 'sort of', 'more or less', 'or something', 'something like that',
  'maybe', 'perhaps', 'probably', 'possibly', 'might', 'could be', 'somewhat', 'roughly', 'presumably', 'apparently',
  'hopefully', 'i hope', 'not really', 'i forget', 'i forgot',
].sort((a, b) => b.length - a.length);

const CONFIDENT: readonly string[] = [
  'definitely', 'certainly', 'clearly', 'of course', 'exactly', 'precisely', 'absolutely', 'without doubt',
  'undoubtedly', 'for sure', 'i am sure', "i'm sure", 'i am confident', "i'm confident", 'i know', 'the key is',
  'specifically', 'in fact', 'guaranteed', 'no doubt', 'i can confirm',
].sort((a, b) => b.length - a.length);

/**
 * A compact polarity lexicon of evaluative words only. Technical nouns such as
 * "error", "bug", "problem" or "slow" are left out on purpose: in an answer they
 * describe the subject ("it catches errors"), not the tone of the wording.
 */
const POSITIVE = new Set(
  `good great excellent best better wonderful fantastic amazing awesome nice perfect elegant beautiful
   love loved enjoy enjoyed enjoyable happy glad excited exciting proud interesting fun favourite favorite
   helpful useful valuable benefit beneficial advantage advantageous easy easier straightforward
   clean neat powerful robust reliable improve improved improvement success successful pleased
   appreciate appreciated fortunately`.split(/\s+/).filter(Boolean),
);
const NEGATIVE = new Set(
  `bad worse worst poor terrible awful horrible dreadful ugly messy nasty
   hate hated dislike annoying annoyed frustrating frustrated painful confusing confused boring
   difficult tricky struggle struggled stuck disappointing disappointed unfortunately sadly
   disadvantage drawback weakness useless pointless silly stupid`.split(/\s+/).filter(Boolean),
);

function spanOfTokens(analyzed: AnalyzedText, from: Token, to: Token): TranscriptSpan {
  return { start: from.start, end: to.end, text: analyzed.text.slice(from.start, to.end) };
}

const CLITIC = /^(.+?)('m|'s|'d|'re|'ll|'ve|n't)$/;

/** Lower case, straight apostrophes, clitics split off: "I'm" -> "i" "'m", "can't" -> "ca" "n't". */
function subwords(word: string): string[] {
  const w = word.toLowerCase().replace(/[’‘]/g, "'");
  const m = CLITIC.exec(w);
  return m ? [m[1]!, m[2]!] : [w];
}

/**
 * Finds lexicon phrases in the token stream, each token used by at most one phrase.
 * wink splits some contractions ("it's") and keeps others whole ("I'm"), so both
 * sides are compared as sub-words.
 */
function findPhrases(analyzed: AnalyzedText, phrases: readonly string[], used: Set<number>): ToneCue[] {
  const words: string[] = [];
  const owner: Token[] = [];
  for (const t of analyzed.tokens) {
    if (t.kind === 'punctuation') continue;
    for (const w of subwords(t.text)) {
      words.push(w);
      owner.push(t);
    }
  }
  const split = phrases.map((p) => p.split(/\s+/).flatMap(subwords));
  const cues: ToneCue[] = [];
  for (let i = 0; i < words.length; i += 1) {
    for (let k = 0; k < split.length; k += 1) {
      const parts = split[k]!;
      if (i + parts.length > words.length) continue;
      let ok = true;
      for (let j = 0; j < parts.length && ok; j += 1) ok = words[i + j] === parts[j] && !used.has(owner[i + j]!.index);
      // A phrase must start and end on token boundaries: "maybe" inside a longer token does not count.
      if (ok && i > 0 && owner[i - 1] === owner[i]) ok = false;
      const lastIdx = i + parts.length - 1;
      if (ok && owner[lastIdx + 1] === owner[lastIdx]) ok = false;
      if (!ok) continue;
      for (let j = 0; j < parts.length; j += 1) used.add(owner[i + j]!.index);
      cues.push({ phrase: phrases[k]!, span: spanOfTokens(analyzed, owner[i]!, owner[lastIdx]!) });
      i = lastIdx;
      break;
    }
  }
  return cues;
}

const quote = (cues: readonly ToneCue[], max = 4) =>
  cues
    .slice(0, max)
    .map((c) => `"${c.span.text}"`)
    .join(', ') + (cues.length > max ? ` and ${cues.length - max} more` : '');

export function scoreTone(analyzed: AnalyzedText): ToneResult {
  const words = analyzed.tokens.filter((t) => t.kind === 'word' || t.kind === 'number');
  if (words.length === 0) {
    return {
      assessed: false,
      assertiveness: 'neutral',
      polarity: 'neutral',
      assertivenessScore: 0,
      polarityScore: 0,
      hedges: [],
      confidentCues: [],
      positiveWords: [],
      negativeWords: [],
      explanation: 'Tone not assessed: the transcript has no words.',
    };
  }
  const used = new Set<number>();
  const hedges = findPhrases(analyzed, HEDGES, used);
  const confidentCues = findPhrases(analyzed, CONFIDENT, used);

  // A negated polar word flips ("not good" reads negative, "no problem" positive).
  const negated = negationMask(analyzed.tokens);
  const positiveWords: ToneCue[] = [];
  const negativeWords: ToneCue[] = [];
  for (const t of words) {
    if (used.has(t.index)) continue;
    const pos = POSITIVE.has(t.lower) || POSITIVE.has(t.lemma);
    const neg = NEGATIVE.has(t.lower) || NEGATIVE.has(t.lemma);
    if (!pos && !neg) continue;
    const flipped = negated[t.index] === true;
    const cue = { phrase: t.lower, span: spanOfTokens(analyzed, t, t) };
    if (pos !== flipped) positiveWords.push(cue);
    else negativeWords.push(cue);
  }

  const per100 = 100 / Math.max(words.length, 20);
  const assertivenessScore = Math.max(-1, Math.min(1, ((confidentCues.length - hedges.length) * per100) / 5));
  const assertiveness: Assertiveness =
    hedges.length > confidentCues.length && assertivenessScore <= -0.2
      ? 'hedging'
      : confidentCues.length > hedges.length && assertivenessScore >= 0.2
        ? 'confident'
        : hedges.length === 0 && confidentCues.length === 0
          ? 'neutral'
          : hedges.length > confidentCues.length
            ? 'hedging'
            : hedges.length < confidentCues.length
              ? 'confident'
              : 'neutral';
  const polar = positiveWords.length + negativeWords.length;
  const polarityScore = polar > 0 ? (positiveWords.length - negativeWords.length) / polar : 0;
  const polarity: Polarity =
    polar === 0 || Math.abs(polarityScore) < 0.34 ? 'neutral' : polarityScore > 0 ? 'positive' : 'negative';

  const parts: string[] = [];
  if (assertiveness === 'hedging') parts.push(`The wording hedges: ${quote(hedges)}.`);
  else if (assertiveness === 'confident') parts.push(`The wording is assertive: ${quote(confidentCues)}.`);
  else if (hedges.length || confidentCues.length) parts.push(`The wording balances hedges (${quote(hedges)}) with assertions (${quote(confidentCues)}).`);
  else parts.push('The wording is matter-of-fact: no hedging or emphatic phrases.');
  if (polarity === 'positive') parts.push(`Its words lean positive: ${quote(positiveWords)}.`);
  else if (polarity === 'negative') parts.push(`Its words lean negative: ${quote(negativeWords)}.`);
  else if (polar > 0) parts.push('Positive and negative words balance out.');
  else parts.push('It uses no positive or negative words.');
  parts.push('This describes the wording of the answer, not the speaker.');

  return {
    assessed: true,
    assertiveness,
    polarity,
    assertivenessScore,
    polarityScore,
    hedges,
    confidentCues,
    positiveWords,
    negativeWords,
    explanation: parts.join(' '),
  };
}
