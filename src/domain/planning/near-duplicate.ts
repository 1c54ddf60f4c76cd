/**
 * Recognises the same question written twice: an LLM answer that paraphrases a
 * bank item, or a host pasting a prompt that is already in the plan.
 */
import type { Question } from '../questions';

/** Word-set overlap above which two prompts count as the same question. */
const SAME_QUESTION_JACCARD = 0.85;
/** Short prompts share too many words by chance for overlap to mean anything. */
const MIN_WORDS_FOR_OVERLAP = 6;

/** The text a candidate reads: the prompt, or a coding task's title and statement. */
export function promptText(q: Question): string {
  return q.kind === 'coding' ? `${q.title} ${q.statement}` : q.prompt;
}

export function normalizePrompt(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface PromptShape {
  normalized: string;
  words: Set<string>;
}

function shape(text: string): PromptShape {
  const normalized = normalizePrompt(text);
  return { normalized, words: new Set(normalized.split(' ').filter((w) => w.length > 0)) };
}

function sameQuestion(a: PromptShape, b: PromptShape): boolean {
  if (a.normalized === b.normalized) return true;
  if (a.words.size < MIN_WORDS_FOR_OVERLAP || b.words.size < MIN_WORDS_FOR_OVERLAP) return false;
  let shared = 0;
  for (const w of a.words) if (b.words.has(w)) shared++;
  return shared / (a.words.size + b.words.size - shared) >= SAME_QUESTION_JACCARD;
}

export function isNearDuplicateText(a: string, b: string): boolean {
  return sameQuestion(shape(a), shape(b));
}

/** Tracks what a plan already holds, so additions never repeat an id or a prompt. */
export class PlanContents {
  private readonly ids = new Set<string>();
  private readonly prompts: PromptShape[] = [];

  constructor(questions: readonly Question[] = []) {
    for (const q of questions) this.add(q);
  }

  add(q: Question): void {
    this.ids.add(q.id);
    this.prompts.push(shape(promptText(q)));
  }

  has(q: Question): boolean {
    if (this.ids.has(q.id)) return true;
    const candidate = shape(promptText(q));
    return this.prompts.some((p) => sameQuestion(p, candidate));
  }
}
