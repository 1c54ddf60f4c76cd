/**
 * The synthesis made without a model: without a key, when the service fails, or when the host prefers it. The same
 * input, deterministic rules, and the same evidence standard (every quote is a sentence of the answer it names).
 *
 * - per competency: the mean of its answers' scores (first-pass and staff ratings, coding 5 × share of tests passed);
 * - strongest and weakest answers, each quoted by its sentence that best matches the rubric;
 * - key concepts the candidate never mentioned in the answer that asked for them;
 * - the coding outcome, hidden tests included.
 */
import { competenciesOf } from './competencies';
import { answerScore, evidenceFor, questionsByCompetency, recommendationFromScores } from './evidence-check';
import { prepareAnswer, quoteWords } from './quote-check';
import { bestSentence, rubricWords } from './sentences';
import type { InputAnswer, SynthesisInput } from './synthesis-input';
import { FAIRNESS_STATEMENT, SYNTHESIS_KIND_LABELS, type CheckedClaim, type Synthesis } from './synthesis-schema';

const STRONG_AT = 3.5;
const WEAK_BELOW = 2.5;
const MAX_CLAIMS_EACH = 3;

export function offlineSynthesis(input: SynthesisInput, notes: string[] = []): Synthesis {
  const scored = input.answers.map((a) => ({ a, score: answerScore(a) }));
  const byCompetency = questionsByCompetency(input);
  const competencies = competenciesOf(input.archetype)
    .filter((c) => byCompetency.has(c.id))
    .map((c) => {
      const own = scored.filter((s) => s.a.competencyId === c.id && s.score !== null);
      const mean = own.length === 0 ? null : own.reduce((t, s) => t + s.score!, 0) / own.length;
      return {
        id: c.id,
        label: c.label,
        rating: mean === null ? null : Math.max(1, Math.min(5, Math.round(mean))),
        rationale: mean === null ? 'No scored answer yet.' : `Mean score ${mean.toFixed(1)} of 5 over ${own.length} answer${own.length === 1 ? '' : 's'}.`,
        questionIds: byCompetency.get(c.id) ?? [],
      };
    });

  const quotable = scored.filter((s): s is { a: InputAnswer & { transcript: string }; score: number } => s.score !== null && s.a.transcript !== null);
  const claimFor = (a: InputAnswer & { transcript: string }, score: number, strong: boolean): CheckedClaim | null => {
    const sentence = bestSentence(a.transcript, rubricWords(a));
    if (!sentence) return null;
    const what = strong ? 'Strong answer' : 'Weak answer';
    return { claim: `${what} on ${a.topic} (question ${a.index + 1}, score ${score.toFixed(1)} of 5).`, evidence: evidenceFor(a, sentence) };
  };
  const strengths = [...quotable]
    .filter((s) => s.score >= STRONG_AT)
    .sort((x, y) => y.score - x.score || x.a.index - y.a.index)
    .slice(0, MAX_CLAIMS_EACH)
    .map((s) => claimFor(s.a, s.score, true))
    .filter((c): c is CheckedClaim => c !== null);
  const concerns = [...quotable]
    .filter((s) => s.score < WEAK_BELOW)
    .sort((x, y) => x.score - y.score || x.a.index - y.a.index)
    .slice(0, MAX_CLAIMS_EACH)
    .map((s) => claimFor(s.a, s.score, false))
    .filter((c): c is CheckedClaim => c !== null);

  const missed = missedConcepts(input);
  const coding = input.answers.filter((a) => a.coding !== null || a.kind === 'coding');
  const codingLines = coding.map((a) =>
    a.coding === null
      ? `Coding question ${a.index + 1} (${a.topic}) has no test result yet.`
      : a.coding.loadError
        ? `Coding question ${a.index + 1} (${a.topic}): the code did not run (${a.coding.loadError.slice(0, 120)}).`
        : `Coding question ${a.index + 1} (${a.topic}): ${a.coding.passed} of ${a.coding.total} tests passed, ${a.coding.hiddenPassed} of ${a.coding.hiddenTotal} hidden.`,
  );
  const uncovered = [
    ...competenciesOf(input.archetype)
      .filter((c) => c.id !== 'breadth' && c.id !== 'coding' && !byCompetency.has(c.id))
      .map((c) => `${c.label}: no answered question assessed it.`),
    ...missed.map((m) => `"${m.concept}" was never mentioned in the answer to question ${m.index + 1} (${m.topic}).`),
  ];
  const recommendation = recommendationFromScores(input) ?? 'lean-no-hire';
  const scoredCount = scored.filter((s) => s.score !== null).length;
  const mean = scoredCount === 0 ? 0 : scored.reduce((t, s) => t + (s.score ?? 0), 0) / scoredCount;
  const summary = [
    `Offline synthesis of ${input.answers.length} answered question${input.answers.length === 1 ? '' : 's'} (${scoredCount} with scores, mean ${mean.toFixed(1)} of 5)` +
      (input.notAnswered.length > 0 ? `; ${input.notAnswered.length} not answered.` : '.'),
    ...codingLines,
  ].join(' ');
  return {
    kind: 'offline',
    label: SYNTHESIS_KIND_LABELS.offline,
    recommendation,
    // Rules over scores are a coarse judgement: never more than 0.6, less when few answers were scored.
    confidence: Math.round(0.6 * (input.answers.length === 0 ? 0 : scoredCount / (input.answers.length + input.notAnswered.length)) * 100) / 100,
    summary,
    competencies,
    strengths,
    concerns,
    uncovered,
    followUps: missed.slice(0, 6).map((m) => `Ask again about ${m.concept} (${m.topic}).`),
    dropped: [],
    reliable: true,
    notes,
    fairness: FAIRNESS_STATEMENT,
  };
}

/** Key concepts of spoken answers whose words never appear, in order, in that answer's transcript. */
export function missedConcepts(input: SynthesisInput): Array<{ concept: string; index: number; topic: string }> {
  const out: Array<{ concept: string; index: number; topic: string }> = [];
  for (const a of input.answers) {
    if (a.transcript === null) continue;
    const prepared = prepareAnswer(a.transcript);
    for (const concept of a.keyConcepts) {
      const words = quoteWords(concept);
      if (words.length > 0 && !prepared.padded.includes(` ${words.join(' ')} `)) out.push({ concept, index: a.index, topic: a.topic });
    }
  }
  return out;
}
