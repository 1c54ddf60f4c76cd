/**
 * Learning from the team's ratings (src/domain/scoring/rated-answers.ts) on the project's own graded interview
 * answers (development split): the rubric rules still hold after the team's ratings unless the team has shown it
 * credits what they cap, near copies of a strong rated answer do not lift a negated or swapped one, the team's
 * standard is measured over every question it rated, and the scored answer's own rating is never used.
 */
import { describe, expect, it } from 'vitest';
import { createSpokenScorer, ratedAnswersKey, type RatedAnswer } from '../../src/domain/scoring';
import { FITTED_ACCURACY_MODEL } from '../../src/domain/scoring/fitted-model';
import { combineWithRated, liftCredit, liftedCeiling, RATED_INPUTS, ratedFeatures, teamStandard } from '../../src/domain/scoring/rated-answers';
import { mulberry32 } from '../../src/domain/planning/prng';
import { ADVERSARIAL_KINDS, loadInterviewSet } from '../../scripts/scoring/interview-set';

const set = loadInterviewSet();
const scorer = createSpokenScorer();
const asRated = (a: (typeof set.development)[number], rating = a.grade): RatedAnswer => ({
  id: a.id,
  question: set.questions.get(a.questionId)!,
  transcript: a.answer,
  rating,
  label: `${a.kind} answer ${a.id}`,
});
const byQuestion = new Map<string, (typeof set.development)[number][]>();
for (const a of set.development) (byQuestion.get(a.questionId) ?? byQuestion.set(a.questionId, []).get(a.questionId)!).push(a);

describe('rated answers on the own interview answers', () => {
  it('keeps the adversarial kinds down with three rated answers per question drawn at random: none rises, none passes 2 that was under it', () => {
    const rng = mulberry32(42);
    const library: RatedAnswer[] = [];
    const rest: (typeof set.development)[number][] = [];
    for (const answers of byQuestion.values()) {
      const order = answers.map((_, i) => i).sort(() => rng() - 0.5);
      library.push(...order.slice(0, 3).map((i) => asRated(answers[i]!)));
      rest.push(...order.slice(3).map((i) => answers[i]!));
    }
    const scores = rest.map((a) => {
      const input = { question: set.questions.get(a.questionId)!, transcript: a.answer, durationSec: 0, answerId: a.id };
      return { a, alone: scorer.score(input).accuracy.score, s: scorer.score({ ...input, ratedAnswers: library }) };
    });
    expect(scores.every(({ s }) => s.rated !== null && s.rated.count === 3)).toBe(true);
    const mean = (xs: number[]) => xs.reduce((t, v) => t + v, 0) / xs.length;
    for (const kind of ADVERSARIAL_KINDS) {
      const mine = scores.filter(({ a }) => a.kind === kind);
      expect(mine.length).toBeGreaterThan(0);
      const before = mean(mine.map((x) => x.alone));
      const after = mean(mine.map((x) => x.s.accuracy.score));
      expect(after).toBeLessThanOrEqual(before + 0.05);
      if (before <= 2) expect(after).toBeLessThanOrEqual(2);
    }
    // About 450 answers scored: 7 s on a quiet machine, over vitest's default 20 s at load 50.
  }, 90_000);

  it('does not lift a negated answer above its ceiling because the team rated a near copy of it 5/5', () => {
    let checked = 0;
    for (const answers of byQuestion.values()) {
      const negation = answers.find((a) => a.kind === 'negation')!;
      // Strong answers no rule caps: a capped one rated 5/5 would be the team crediting what the rules cap, another test.
      const strong = answers
        .filter((a) => a.kind === 'strong' && scorer.score({ question: set.questions.get(a.questionId)!, transcript: a.answer, durationSec: 0 }).accuracy.ceilings.length === 0)
        .map((a) => asRated(a, 5));
      if (strong.length === 0) continue;
      const score = scorer.score({ question: set.questions.get(negation.questionId)!, transcript: negation.answer, durationSec: 0, answerId: negation.id, ratedAnswers: strong });
      const rule = score.accuracy.ceilings.find((c) => c.rule === 'negated');
      if (!rule) continue;
      checked += 1;
      expect(score.rated?.nearest[0]?.rating).toBe(5);
      expect(score.accuracy.score).toBeLessThanOrEqual(rule.ceiling);
      expect(score.accuracy.explanation).toMatch(/said only inside a negation/);
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it("raises a rule's ceiling for a team that rates the answers the rules cap highly, over its other questions, and says so", () => {
    const [first, ...others] = [...byQuestion.values()];
    // On every other question the team rated the negated and concept-list answers 5/5: it does not read the rubric as the rules do.
    const lenient = others.flatMap((answers) => answers.filter((a) => a.kind === 'negation' || a.kind === 'concepts').map((a) => asRated(a, 5)));
    const strong = first!.filter((a) => a.kind === 'strong').map((a) => asRated(a));
    const negation = first!.find((a) => a.kind === 'negation')!;
    const question = set.questions.get(negation.questionId)!;
    const strict = scorer.score({ question, transcript: negation.answer, durationSec: 0, answerId: negation.id, ratedAnswers: strong });
    const kind = scorer.score({ question, transcript: negation.answer, durationSec: 0, answerId: negation.id, ratedAnswers: [...strong, ...lenient] });
    const ceiling = Math.min(...strict.accuracy.ceilings.map((c) => c.ceiling));
    expect(strict.accuracy.ceilings.length).toBeGreaterThan(0);
    expect(strict.accuracy.score).toBeLessThanOrEqual(ceiling);
    // Neighbours come from the question itself only; the team's standard from all of them.
    expect(kind.rated?.count).toBe(strong.length);
    expect(kind.accuracy.score).toBeGreaterThan(ceiling);
    expect(kind.accuracy.explanation).toMatch(/ceiling rose by [\d.]+ to [\d.]+, because the team rates answers the rubric rules cap above their rubric score \(\d+ such answers rated\)/);
  });

  it("lifts a rule's ceiling in proportion to the team's trusted credit of capped answers, and removes it at the model's full-lift credit", () => {
    const model = FITTED_ACCURACY_MODEL.rated;
    expect(model.fullLiftCredit).toBe(2);
    expect(model.liftPrior).toBe(5);
    // Capped answers rated `above` points over their rubric score; c of them are trusted c / (c + liftPrior).
    const team = (count: number, above: number) =>
      teamStandard([...Array.from({ length: count }, () => ({ rating: 1 + above, rubric: 1, capped: true })), { rating: 4, rubric: 4, capped: false }]);
    const strict = team(10, 0);
    const half = team(5, 2); // 5 / (5 + 5) × 2 = 1: half of the full-lift credit
    const lenient = team(15, 3); // 15 / 20 × 3 = 2.25: beyond it
    const generousPair = team(2, 4); // two capped answers rated 4 points up: 2 / 7 × 4 = 1.14, not every ceiling gone
    expect(liftCredit(half, model)).toBeCloseTo(1, 6);
    expect(liftedCeiling(1, strict, model)).toBe(1);
    expect(liftedCeiling(1, half, model)).toBeCloseTo(3, 6);
    expect(liftedCeiling(0.5, half, model)).toBeCloseTo(2.75, 6);
    expect(liftedCeiling(1, lenient, model)).toBe(5);
    expect(liftedCeiling(1, generousPair, model)).toBeCloseTo(1 + 4 * ((2 / 7) * 4) / 2, 6);
    expect(liftedCeiling(1, generousPair, model)).toBeLessThan(4);
    expect(liftedCeiling(5, strict, model)).toBe(5);
    // A team that rates capped answers below their rubric score never lowers a ceiling here (the combination does that).
    expect(liftedCeiling(1.5, team(6, -1), model)).toBe(1.5);
  });

  it("lets a team that credits what the rules cap rule: the ceiling goes and the explanation says it rose to 5", () => {
    const [first, ...others] = [...byQuestion.values()];
    // Every negation, concept-list and salad answer of the other questions rated 5/5: far beyond the full-lift credit.
    const lenient = others.flatMap((answers) => answers.filter((a) => a.kind === 'negation' || a.kind === 'concepts' || a.kind === 'salad').map((a) => asRated(a, 5)));
    const strong = first!.filter((a) => a.kind === 'strong').map((a) => asRated(a, 5));
    const negation = first!.find((a) => a.kind === 'negation')!;
    const question = set.questions.get(negation.questionId)!;
    const alone = scorer.score({ question, transcript: negation.answer, durationSec: 0 });
    const ceiling = Math.min(...alone.accuracy.ceilings.map((c) => c.ceiling));
    expect(ceiling).toBeLessThan(5);
    const kind = scorer.score({ question, transcript: negation.answer, durationSec: 0, answerId: negation.id, ratedAnswers: [...strong, ...lenient] });
    expect(kind.accuracy.explanation).toMatch(/ceiling rose by [\d.]+ to 5\.0, because the team rates answers the rubric rules cap above their rubric score/);
    // With its near copies rated 5/5 and the ceiling gone, the answer scores what the combination gives: well above the rule's ceiling.
    expect(kind.accuracy.score).toBeGreaterThan(ceiling + 1);
  });

  it("never uses the scored answer's own rating, in its neighbours or in the team's standard", () => {
    const answers = [...byQuestion.values()][0]!;
    const library = answers.slice(0, 5).map((a) => asRated(a));
    const scored = answers[0]!;
    const score = scorer.score({ question: set.questions.get(scored.questionId)!, transcript: scored.answer, durationSec: 0, answerId: scored.id, ratedAnswers: library });
    expect(score.rated?.count).toBe(4);
    expect(score.rated?.nearest.map((n) => n.id)).not.toContain(scored.id);
    expect(score.ratedKey).toBe(ratedAnswersKey(library.slice(1)));
  });

  it('weighs the evidence with one row for every number of rated answers, that number (ln n) being an input', () => {
    const model = FITTED_ACCURACY_MODEL.rated;
    expect(model.weights).toHaveLength(RATED_INPUTS.length + 1);
    expect(RATED_INPUTS[RATED_INPUTS.length - 1]).toMatch(/\(ln n\)/);
    expect(model.weights[model.weights.length - 1]).not.toBe(0);
    const target = { linear: 3, rubric: 2.5, model: 2.6, capped: false };
    const evidence = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i), label: '', rating: 4, base: 3, rubric: 2.5, similarity: 0.4 + i / 100 }));
    const team = teamStandard([]);
    for (const n of [1, 2, 3, 4, 7, 12]) {
      const x = ratedFeatures(target, evidence(n), team, model);
      expect(x).toHaveLength(RATED_INPUTS.length);
      expect(x[x.length - 1]).toBeCloseTo(Math.log(n), 12);
      const byHand = Math.max(0, Math.min(5, x.reduce((s, v, j) => s + v * model.weights[j + 1]!, model.weights[0]!)));
      expect(combineWithRated(target, evidence(n), team, model)).toBeCloseTo(byHand, 12);
    }
    // With no rated answers nothing moves, whatever the row says.
    expect(combineWithRated(target, [], team, model)).toBe(target.rubric);
  });
});
