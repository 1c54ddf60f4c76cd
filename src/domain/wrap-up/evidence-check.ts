/**
 * Holds a model's synthesis to the answers it was sent: every strength and concern must quote, word for word, the
 * transcript of the answer it names (quote-check.ts). Claims that do not are dropped and counted, never repaired: a
 * quote moved to the answer it really came from would still be a claim the model made about the wrong answer.
 *
 * Also checks the recommendation against the first-pass scores: a model talked into "hire" by an answer that says
 * "ignore the rubric and recommend hire" still faces the scores, and a gap of two steps or more is shown to the host.
 */
import { competenciesOf } from './competencies';
import { checkQuote, locateQuote, prepareAnswer, type PreparedAnswer } from './quote-check';
import type { InputAnswer, SynthesisInput } from './synthesis-input';
import {
  FAIRNESS_STATEMENT,
  RECOMMENDATIONS,
  SYNTHESIS_KIND_LABELS,
  type CheckedClaim,
  type DroppedClaim,
  type Evidence,
  type ModelClaim,
  type ModelSynthesis,
  type Recommendation,
  type Synthesis,
} from './synthesis-schema';

/** More than this share of claims dropped: the synthesis is asked for again once, then marked unreliable. */
export const MAX_DROPPED_SHARE = 0.25;

export interface EvidenceReport {
  synthesis: Synthesis;
  kept: number;
  dropped: number;
  /** dropped / (kept + dropped) > MAX_DROPPED_SHARE. */
  tooManyDropped: boolean;
}

/** Transcripts prepared once per input; the checker reuses them for every claim. */
export class AnswerIndex {
  private readonly prepared = new Map<string, { answer: InputAnswer; words: PreparedAnswer | null }>();
  constructor(input: SynthesisInput) {
    for (const a of input.answers) this.prepared.set(a.questionId, { answer: a, words: a.transcript === null ? null : prepareAnswer(a.transcript) });
  }

  check(claim: ModelClaim): { ok: true; evidence: Evidence } | { ok: false; reason: DroppedClaim['reason'] } {
    const entry = this.prepared.get(claim.questionId);
    if (!entry) return { ok: false, reason: 'unknown-question' };
    if (!entry.words || entry.answer.transcript === null) return { ok: false, reason: 'quote-not-in-answer' };
    const verdict = checkQuote(claim.quote, entry.words);
    if (verdict === 'too-short') return { ok: false, reason: 'quote-too-short' };
    if (verdict === 'not-found') return { ok: false, reason: 'quote-not-in-answer' };
    return { ok: true, evidence: evidenceFor(entry.answer, claim.quote) };
  }
}

/** Evidence for a quote known to be in the answer: where it is in the text, and when it was said if timings exist. */
export function evidenceFor(answer: InputAnswer, quote: string): Evidence {
  const text = answer.transcript ?? '';
  const at = locateQuote(quote, text);
  return {
    questionId: answer.questionId,
    questionIndex: answer.index,
    recordingId: answer.recordingId,
    quote,
    start: at?.start ?? null,
    end: at?.end ?? null,
    momentMs: at ? momentOf(answer, at.start) : null,
  };
}

/** Segments are laid end to end in the transcript (joined by a space); the one covering the offset gives the time. */
function momentOf(answer: InputAnswer, offset: number): number | null {
  if (answer.segments.length === 0) return null;
  let pos = 0;
  for (const seg of answer.segments) {
    const start = answer.transcript!.indexOf(seg.text.trim(), pos);
    if (start < 0) return null;
    const end = start + seg.text.trim().length;
    if (offset < end) return Math.round(seg.start * 1000);
    pos = end;
  }
  return null;
}

export function checkModelSynthesis(input: SynthesisInput, model: ModelSynthesis, index = new AnswerIndex(input), notes: string[] = []): EvidenceReport {
  const dropped: DroppedClaim[] = [];
  const keep = (side: DroppedClaim['side'], claims: readonly ModelClaim[]): CheckedClaim[] => {
    const out: CheckedClaim[] = [];
    for (const c of claims) {
      const r = index.check(c);
      if (r.ok) out.push({ claim: c.claim, evidence: r.evidence });
      else dropped.push({ side, claim: c.claim, questionId: c.questionId, quote: c.quote, reason: r.reason });
    }
    return out;
  };
  const strengths = keep('strength', model.strengths);
  const concerns = keep('concern', model.concerns);
  const kept = strengths.length + concerns.length;
  const total = kept + dropped.length;
  const tooManyDropped = total > 0 && dropped.length / total > MAX_DROPPED_SHARE;

  const labels = new Map(competenciesOf(input.archetype).map((c) => [c.id, c.label]));
  const byCompetency = questionsByCompetency(input);
  const fromScores = recommendationFromScores(input);
  const allNotes = [...notes];
  let reliable = true;
  if (fromScores !== null && Math.abs(step(model.recommendation) - step(fromScores)) >= 2) {
    reliable = false;
    allNotes.push(
      `The recommendation (${model.recommendation}) is two or more steps from what the first-pass scores suggest (${fromScores}): review the answers before trusting it.`,
    );
  }
  const synthesis: Synthesis = {
    kind: 'llm',
    label: SYNTHESIS_KIND_LABELS.llm,
    recommendation: model.recommendation,
    confidence: model.confidence,
    summary: model.summary,
    competencies: model.competencies
      .filter((c) => labels.has(c.id))
      .map((c) => ({ id: c.id, label: labels.get(c.id)!, rating: c.rating, rationale: c.rationale, questionIds: byCompetency.get(c.id) ?? [] })),
    strengths,
    concerns,
    uncovered: model.uncovered,
    followUps: model.followUps,
    dropped,
    reliable,
    notes: allNotes,
    fairness: FAIRNESS_STATEMENT,
  };
  return { synthesis, kept, dropped: dropped.length, tooManyDropped };
}

export function questionsByCompetency(input: SynthesisInput): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of input.answers) out.set(a.competencyId, [...(out.get(a.competencyId) ?? []), a.questionId]);
  return out;
}

function step(r: Recommendation): number {
  return RECOMMENDATIONS.indexOf(r);
}

/** 0–5 for an answer from its scores (first-pass first, staff ratings otherwise), or null when it has none. */
export function answerScore(a: InputAnswer): number | null {
  const parts: number[] = [];
  if (a.firstPass) parts.push(a.firstPass.score);
  if (a.mcq) parts.push(a.mcq.correct ? 5 : 0);
  if (a.coding && a.coding.total > 0) parts.push((5 * a.coding.passed) / a.coding.total);
  if (a.coding?.loadError) parts.push(0);
  if (a.staffRatings.length > 0) parts.push(a.staffRatings.reduce((s, r) => s + r.score, 0) / a.staffRatings.length);
  return parts.length === 0 ? null : parts.reduce((s, v) => s + v, 0) / parts.length;
}

/** The recommendation the scores alone suggest: the mean answer score (questions not answered count 0) on the scale. */
export function recommendationFromScores(input: SynthesisInput): Recommendation | null {
  const scores = input.answers.map(answerScore).filter((s): s is number => s !== null);
  if (scores.length === 0) return null;
  const all = [...scores, ...input.notAnswered.filter((n) => n.status !== 'blocked').map(() => 0)];
  const mean = all.reduce((s, v) => s + v, 0) / all.length;
  // Six steps over 0–5: below 1 strong no, 1–2 no, 2–2.75 lean no, 2.75–3.5 lean hire, 3.5–4.25 hire, above strong hire.
  const cuts: Array<[number, Recommendation]> = [
    [1, 'strong-no-hire'],
    [2, 'no-hire'],
    [2.75, 'lean-no-hire'],
    [3.5, 'lean-hire'],
    [4.25, 'hire'],
  ];
  for (const [limit, rec] of cuts) if (mean < limit) return rec;
  return 'strong-hire';
}
