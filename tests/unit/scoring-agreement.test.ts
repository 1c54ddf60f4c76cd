/**
 * Agreement with human graders on the development split of the public grading data
 * (the split the model was fitted on; the test split is for the benchmark only).
 * The bar is the plain stemmed word-recall baseline, computed here on the same answers.
 */
import { describe, expect, it } from 'vitest';
import { createSpokenScorer, pearson } from '../../src/domain/scoring';
import { benchCorpus } from '../../scripts/scoring/bench-corpus';
import { plainRecall } from '../../scripts/scoring/baseline';
import { answersOf, loadGradingDataset } from '../../scripts/scoring/dataset';

describe('agreement with human graders (development split)', () => {
  it('correlates with the grades better than plain stemmed word recall does', () => {
    const data = loadGradingDataset();
    const dev = answersOf(data, 'development');
    expect(dev.length).toBe(1862);
    const scorer = createSpokenScorer({ corpus: benchCorpus(data) });
    const human = dev.map((a) => a.score);
    const ours = dev.map((a) => {
      const q = data.questions.get(a.questionId)!;
      return scorer.score({ question: { id: q.id, prompt: q.prompt, referenceAnswer: q.referenceAnswer }, transcript: a.answer, durationSec: 0 }).accuracy.score;
    });
    const baseline = dev.map((a) => plainRecall(data.questions.get(a.questionId)!.referenceAnswer, a.answer));
    const rOurs = pearson(ours, human);
    const rBaseline = pearson(baseline, human);
    expect(rBaseline).toBeGreaterThan(0.3); // the baseline itself is sane
    expect(rOurs).toBeGreaterThan(rBaseline + 0.05);
    for (const s of ours) expect(s >= 0 && s <= 5).toBe(true);
  });
});
