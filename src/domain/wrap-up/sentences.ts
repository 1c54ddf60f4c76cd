/**
 * Sentences of a transcript and how well each matches what the rubric asks for: the offline synthesis quotes the
 * best-matching sentence of an answer as its evidence, and a transcript too long for the model is condensed to its
 * best-matching sentences.
 */
import { quoteWords } from './quote-check';
import type { InputAnswer } from './synthesis-input';

/** Sentences in order, split after . ! ? (transcripts without punctuation become one sentence, cut into word runs). */
export function sentencesOf(text: string): string[] {
  const parts = text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const out: string[] = [];
  // Whisper sometimes returns long runs without full stops: runs of 40 words keep quotes short enough to read.
  for (const part of parts) {
    const words = part.split(/\s+/);
    for (let i = 0; i < words.length; i += 40) out.push(words.slice(i, i + 40).join(' '));
  }
  return out;
}

/** Words (longer than 3 letters) of the reference answer and key concepts. */
export function rubricWords(answer: Pick<InputAnswer, 'referenceAnswer' | 'keyConcepts' | 'prompt'>): Set<string> {
  const text = [answer.referenceAnswer ?? '', ...answer.keyConcepts, answer.prompt].join(' ');
  return new Set(quoteWords(text).filter((w) => w.length > 3));
}

export function sentenceMatch(sentence: string, rubric: ReadonlySet<string>): number {
  const words = quoteWords(sentence);
  if (words.length === 0) return 0;
  let hits = 0;
  for (const w of new Set(words)) if (rubric.has(w)) hits++;
  return hits;
}

/** The sentence with the most rubric words (at least 3 words long), earliest on a tie; null when none qualifies. */
export function bestSentence(text: string, rubric: ReadonlySet<string>): string | null {
  let best: string | null = null;
  let bestScore = -1;
  for (const s of sentencesOf(text)) {
    if (quoteWords(s).length < 3) continue;
    const score = sentenceMatch(s, rubric);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}
