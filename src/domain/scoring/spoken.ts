/**
 * Scores one spoken answer: technical accuracy against the question's rubric,
 * tone of the wording, and delivery. Pure: no DOM, no I/O, deterministic.
 */
import type { AccuracyModel } from './accuracy-model';
import { bandOf, scoreAccuracy, type AccuracyResult } from './accuracy';
import { fixedCorpus, type CorpusStats } from './corpus';
import { scoreDelivery, type DeliveryResult, type TimedWord } from './delivery';
import { FITTED_ACCURACY_MODEL } from './fitted-model';
import { prepareQuestion, type PreparedQuestion, type ScoringQuestionText } from './prepare';
import {
  answerVector,
  liftedCeiling,
  combineWithRated,
  cosine,
  describeInfluence,
  ratedAnswersFor,
  ratedAnswersKey,
  teamStandard,
  usableRatedAnswers,
  type AnswerVector,
  type RatedAnswer,
  type RatedEvidence,
  type RatedInfluence,
  type TeamStandard,
} from './rated-answers';
import { analyze } from './text';
import { ScoringInputError } from './scoring-input-error';
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
  /** This answer's own id (as rated answers name theirs), so its own rating never informs its score. */
  readonly answerId?: string | null;
  /** Answers the team rated; those to the same question (by content) become extra graded references. */
  readonly ratedAnswers?: readonly RatedAnswer[];
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
  /** Which rated answers moved the accuracy score, and how; null when none matched the question. */
  readonly rated: RatedInfluence | null;
  /** Identifies the rated answers used, every question's (ratedAnswersKey): a different key means the score is stale. */
  readonly ratedKey: string;
}

/** A two-minute answer is a few thousand characters; anything far longer is cut, and the result says so. */
export const MAX_TRANSCRIPT_CHARS = 20_000;

export { ScoringInputError };

function checkQuestion(q: ScoringQuestion | undefined | null): asserts q is ScoringQuestion {
  if (!q || typeof q !== 'object') throw new ScoringInputError('No question given to score the answer against.');
  if (typeof q.referenceAnswer !== 'string' || q.referenceAnswer.trim() === '')
    throw new ScoringInputError(`Question ${q.id ?? '(no id)'} has no reference answer to score against.`);
  if (typeof q.prompt !== 'string') throw new ScoringInputError(`Question ${q.id ?? '(no id)'} has no prompt.`);
  if (q.keyConcepts !== undefined && (!Array.isArray(q.keyConcepts) || q.keyConcepts.some((c) => typeof c !== 'string')))
    throw new ScoringInputError(`Question ${q.id ?? '(no id)'} has malformed key concepts.`);
}

export interface SpokenScorerOptions {
  /** Term weights; the fixed bank corpus unless a test needs another. */
  readonly corpus?: CorpusStats;
  readonly model?: AccuracyModel;
  /** Prepared questions kept for reuse. */
  readonly cacheSize?: number;
}

export interface SpokenScorer {
  score(input: SpokenAnswerInput): SpokenScore;
}

/** A scorer that prepares each question once and reuses it for every answer to it. */
export function createSpokenScorer(options: SpokenScorerOptions = {}): SpokenScorer {
  const model = options.model ?? FITTED_ACCURACY_MODEL;
  const cacheSize = Math.max(1, options.cacheSize ?? 64);
  const corpus = options.corpus ?? fixedCorpus();
  const cache = new Map<string, PreparedQuestion>();
  /** A rated answer's word profile and scores, per question and transcript. */
  const ratedCache = new Map<string, { vector: AnswerVector; base: number; rubric: number; capped: boolean }>();

  const questionKeyOf = (q: ScoringQuestionText) => `${q.prompt}\u0000${q.referenceAnswer}\u0000${(q.keyConcepts ?? []).join('\u0001')}`;

  const evidenceOf = (questionKey: string, q: () => PreparedQuestion, r: RatedAnswer): { vector: AnswerVector; base: number; rubric: number; capped: boolean } => {
    const key = `${questionKey}\u0002${r.id}\u0002${r.transcript}`;
    let hit = ratedCache.get(key);
    if (!hit) {
      const analyzed = analyze(r.transcript.slice(0, MAX_TRANSCRIPT_CHARS));
      const pq = q();
      const a = scoreAccuracy(pq, analyzed, model);
      hit = { vector: answerVector(pq, analyzed), base: a.linearScore, rubric: a.score, capped: a.ceilings.length > 0 };
      if (ratedCache.size > 5000) ratedCache.clear();
      ratedCache.set(key, hit);
    }
    return hit;
  };

  /** Every rated answer scored against its own question (as it was when rated): the team's standard over all questions. */
  let teamCache: { key: string; team: TeamStandard } | null = null;
  const teamOf = (usable: readonly RatedAnswer[]): TeamStandard => {
    const key = ratedAnswersKey(usable);
    if (teamCache?.key === key) return teamCache.team;
    const team = teamStandard(
      usable.map((r) => {
        const e = evidenceOf(questionKeyOf(r.question), () => prepared(r.question), r);
        return { rating: r.rating, rubric: e.rubric, capped: e.capped };
      }),
    );
    teamCache = { key, team };
    return team;
  };

  /** Moves the rubric score towards the team's ratings of similar answers, and says which ones. */
  const withRated = (
    questionKey: string,
    q: PreparedQuestion,
    analyzed: ReturnType<typeof analyze>,
    accuracy: AccuracyResult,
    rated: readonly RatedAnswer[],
    usable: readonly RatedAnswer[],
  ): { accuracy: AccuracyResult; influence: RatedInfluence | null } => {
    if (rated.length === 0 || accuracy.features.nonAnswer === 1) return { accuracy, influence: null };
    const vector = answerVector(q, analyzed);
    const evidence: RatedEvidence[] = rated.map((r) => {
      const e = evidenceOf(questionKey, () => q, r);
      return { id: r.id, label: r.label ?? `the answer ${r.id}`, rating: r.rating, base: e.base, rubric: e.rubric, similarity: cosine(vector, e.vector) };
    });
    const team = teamOf(usable);
    const capped = accuracy.ceilings.length > 0;
    const target = { linear: accuracy.linearScore, rubric: accuracy.score, model: accuracy.modelScore, capped };
    const combined = combineWithRated(target, evidence, team, model.rated);
    // The rubric rules still hold after the team's ratings: a capped answer stays under its ceiling, raised only by
    // what the team has shown it credits answers the rules cap (its mean rating above their rubric score, over every
    // question it rated, trusted in proportion to how many such answers it rated), and gone for a team whose credit
    // reaches the model's fullLiftCredit: the rules' ceilings were set for answers graded against the rubric, and a
    // team that rates what they cap 2 points above it reads its questions otherwise (the public data's graders crediting
    // terse right answers). A rated near copy of the answer does not lift it: negated and swapped answers are near
    // copies of strong ones.
    const ruleCeiling = Math.min(5, ...accuracy.ceilings.map((c) => c.ceiling));
    const ceiling = liftedCeiling(ruleCeiling, team, model.rated);
    const lift = ceiling - ruleCeiling;
    const after = Math.round(Math.min(combined, ceiling) * 10) / 10;
    const influence = describeInfluence(accuracy.score, after, evidence);
    const band = bandOf(after, false);
    const liftNote =
      capped && lift >= 0.05
        ? ` The rubric rule's ceiling rose by ${lift.toFixed(1)} to ${ceiling.toFixed(1)}, because the team rates answers the rubric rules cap above their rubric score (${team.cappedCount} such answer${team.cappedCount === 1 ? '' : 's'} rated).`
        : '';
    const reasons = [influence.explanation + liftNote, ...accuracy.reasons];
    return {
      accuracy: { ...accuracy, score: after, band, reasons, explanation: [`Technical accuracy ${after.toFixed(1)}/5 (${band}).`, ...reasons].join(' ') },
      influence,
    };
  };

  function prepared(q: ScoringQuestionText): PreparedQuestion {
    const key = questionKeyOf(q);
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
  }

  return {
    score(input) {
      checkQuestion(input?.question);
      const full = typeof input.transcript === 'string' ? input.transcript : '';
      const truncated = full.length > MAX_TRANSCRIPT_CHARS;
      const transcript = truncated ? full.slice(0, MAX_TRANSCRIPT_CHARS) : full;
      const durationSec = Number.isFinite(input.durationSec) && input.durationSec > 0 ? input.durationSec : 0;
      const analyzed = analyze(transcript);
      const empty = !analyzed.tokens.some((t) => t.kind === 'word' || t.kind === 'number');
      const questionKey = questionKeyOf(input.question);
      const q = prepared(input.question);
      const usable = usableRatedAnswers(Array.isArray(input.ratedAnswers) ? input.ratedAnswers : [], input.answerId ?? null);
      const rated = ratedAnswersFor(input.question, usable);
      const { accuracy, influence } = withRated(questionKey, q, analyzed, scoreAccuracy(q, analyzed, model), rated, usable);
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
        rated: influence,
        ratedKey: ratedAnswersKey(usable),
      };
    },
  };
}

let defaultScorer: SpokenScorer | null = null;

/** Scores with the fitted model and the fixed corpus. */
export function scoreSpokenAnswer(input: SpokenAnswerInput): SpokenScore {
  defaultScorer ??= createSpokenScorer();
  return defaultScorer.score(input);
}
