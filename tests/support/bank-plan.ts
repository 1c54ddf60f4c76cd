/**
 * A published plan from the offline bank, for integration tests that need an interview with real questions.
 * The bank is not part of the app: importing this installs it from its JSON files, as the server does.
 */
import { questionBank } from '../../src/domain/bank';
import { installQuestionBank } from '../../src/domain/planning/bank-query';
import { generateOfflinePlan } from '../../src/domain/planning';
import type { InterviewPlan } from '../../src/domain/interview';

installQuestionBank(questionBank());

/** A backend, standard-depth, 20-minute plan with a fixed seed, published under `id`. */
export function publishedBankPlan(id: string): InterviewPlan {
  const questions = generateOfflinePlan({ archetype: 'backend', depth: 'standard', durationMin: 20, seed: 3 });
  const now = Date.now();
  return {
    meta: { id, title: `Interview ${id}`, archetype: 'backend', depth: 'standard', durationMin: 20, createdAt: now, updatedAt: now, status: 'published', version: 1, seed: 3 },
    questions,
  };
}
