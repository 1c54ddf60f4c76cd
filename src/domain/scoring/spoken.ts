/**
 * Scores one spoken answer: technical accuracy against the question's rubric,
 * tone of the wording, and delivery. Pure: no DOM, no I/O, deterministic.
 */
import type { AccuracyModel } from './accuracy-model';
import { scoreAccuracy, type AccuracyResult } from './accuracy';
import { EMPTY_CORPUS, type CorpusStats } from './corpus';
import { scoreDelivery, type DeliveryResult, type TimedWord } from './delivery';
import { FITTED_ACCURACY_MODEL } from './fitted-model';
import { prepareQuestion, type PreparedQuestion, type ScoringQuestionText } from './prepare';
import { analyze } from './text';
import { scoreTone, type ToneResult } from './tone';

/** A spoken question as scoring needs it; a full SpokenQuestion fits. */
export interface ScoringQuestion extends ScoringQuestionText {
  readonly id?: string;
}

export interface SpokenAnswerInput {
  readonly question: ScoringQuestion;
  /** What the recogniser heard. Empty for silence. */
  readonly transcript: string;
  /** Per-word timestamps from the recogniser, if it gave them. */
  readonly words?: readonly TimedWord[];
  /** Length of the recording in seconds. */
  readonly durationSec: number;
}

export interface SpokenScore {
  readonly kind: 'spoken';
  readonly questionId: string | null;
  /** True when the transcript has no words at all. */
  readonly empty: boolean;
  /** True when the transcript was longer than MAX_TRANSCRIPT_CHARS and only its start was scored. */
  readonly truncated: boolean;
  readonly accuracy: AccuracyResult;
  readonly tone: ToneResult;
  readonly delivery: DeliveryResult;
  /** Accuracy, tone and delivery in a few sentences. */
  readonly explanation: string;
  readonly modelVersion: number;
}

/** A two-minute answer is a few thousand characters; anything far longer is cut, and the result says so. */
export const MAX_TRANSCRIPT_CHARS = 20_000;

export class ScoringInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScoringInputError';
  }
}

function checkQuestion(q: ScoringQuestion | undefined | null): asserts q is ScoringQuestion {
  if (!q || typeof q !== 'object') throw new ScoringInputError('No question given to score the answer against.');
  if (typeof q.referenceAnswer !== 'string' || q.referenceAnswer.trim() === '')
    throw new ScoringInputError(`Question ${q.id ?? '(no id)'} has no reference answer to score against.`);
  if (typeof q.prompt !== 'string') throw new ScoringInputError(`Question ${q.id ?? '(no id)'} has no prompt.`);
  if (q.keyConcepts !== undefined && (!Array.isArray(q.keyConcepts) || q.keyConcepts.some((c) => typeof c !== 'string')))
    throw new ScoringInputError(`Question ${q.id ?? '(no id)'} has malformed key concepts.`);
}

export interface SpokenScorerOptions {
  readonly corpus?: CorpusStats;
  readonly model?: AccuracyModel;
  /** Prepared questions kept for reuse. */
  readonly cacheSize?: number;
}

export interface SpokenScorer {
  score(input: SpokenAnswerInput): SpokenScore;
  /** Replaces the IDF corpus (e.g. the interview's question bank); clears prepared questions. */
  setCorpus(corpus: CorpusStats): void;
}

/** A scorer that prepares each question once and reuses it for every answer to it. */
export function createSpokenScorer(options: SpokenScorerOptions = {}): SpokenScorer {
  const model = options.model ?? FITTED_ACCURACY_MODEL;
  const cacheSize = Math.max(1, options.cacheSize ?? 64);
  let corpus = options.corpus ?? EMPTY_CORPUS;
  const cache = new Map<string, PreparedQuestion>();

  const prepared = (q: ScoringQuestion): PreparedQuestion => {
    const key = `${q.prompt}\u0000${q.referenceAnswer}\u0000${(q.keyConcepts ?? []).join('\u0001')}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const p = prepareQuestion(q, corpus, model.promptWordCredit);
    cache.set(key, p);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    return p;
  };

  return {
    setCorpus(next) {
      corpus = next;
      cache.clear();
    },
    score(input) {
      checkQuestion(input?.question);
      const full = typeof input.transcript === 'string' ? input.transcript : '';
      const truncated = full.length > MAX_TRANSCRIPT_CHARS;
      const transcript = truncated ? full.slice(0, MAX_TRANSCRIPT_CHARS) : full;
      const durationSec = Number.isFinite(input.durationSec) && input.durationSec > 0 ? input.durationSec : 0;
      const analyzed = analyze(transcript);
      const empty = !analyzed.tokens.some((t) => t.kind === 'word' || t.kind === 'number');
      const accuracy = scoreAccuracy(prepared(input.question), analyzed, model);
      const tone = scoreTone(analyzed);
      const delivery = scoreDelivery(analyzed, durationSec, Array.isArray(input.words) ? input.words : undefined);
      const explanation = empty
        ? `No answer was heard${durationSec > 0 ? ` in ${durationSec.toFixed(0)} s of recording` : ''}: the transcript is empty, so technical accuracy is 0/5 and tone and delivery were not assessed. Re-recording is allowed.`
        : [
            truncated ? `Only the first ${MAX_TRANSCRIPT_CHARS} of ${full.length} transcript characters were scored.` : '',
            accuracy.explanation,
            `Tone: ${tone.explanation}`,
            `Delivery: ${delivery.explanation}`,
          ]
            .filter(Boolean)
            .join(' ');
      return {
        kind: 'spoken',
        questionId: input.question.id ?? null,
        empty,
        truncated,
        accuracy,
        tone,
        delivery,
        explanation,
        modelVersion: model.version,
      };
    },
  };
}

let defaultScorer: SpokenScorer | null = null;

/** Scores with the fitted model and no corpus statistics (every term weighs the same). */
export function scoreSpokenAnswer(input: SpokenAnswerInput): SpokenScore {
  defaultScorer ??= createSpokenScorer();
  return defaultScorer.score(input);
}
