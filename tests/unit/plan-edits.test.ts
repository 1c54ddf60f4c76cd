import { describe, expect, it } from 'vitest';
import type { InterviewPlan } from '../../src/domain/interview';
import type { Question } from '../../src/domain/questions';
import { addQuestion, describeChanges, diffPlans, moveQuestion, publish, removeQuestion, replaceQuestion } from '../../src/domain/plan-edits';

function mcq(id: string, prompt = `Question ${id} about closures?`): Question {
  return {
    id,
    kind: 'mcq',
    topic: 't',
    difficulty: 2,
    archetypes: ['frontend'],
    depths: ['standard'],
    source: 'bank',
    prompt,
    options: ['a', 'b', 'c', 'd'],
    correctIndex: 1,
    explanation: 'Because b is right.',
    timeLimitSec: 60,
  };
}

const plan: InterviewPlan = {
  meta: { id: 'p-1', title: 'p-1', archetype: 'frontend', depth: 'standard', durationMin: 30, createdAt: 1, updatedAt: 1, status: 'draft', version: 0, seed: 7 },
  questions: [mcq('a'), mcq('b'), mcq('c')],
};
const ids = (p: InterviewPlan) => p.questions.map((q) => q.id).join('');

describe('plan edits', () => {
  it('moves, replaces, removes and adds without mutating the input', () => {
    expect(ids(moveQuestion(plan, 0, 2))).toBe('bca');
    expect(ids(moveQuestion(plan, 2, 0))).toBe('cab');
    expect(moveQuestion(plan, 0, 9)).toBe(plan);
    expect(ids(removeQuestion(plan, 1))).toBe('ac');
    expect(ids(addQuestion(plan, mcq('d')))).toBe('abcd');
    expect(() => addQuestion(plan, mcq('a'))).toThrow(/already in the plan/);
    expect(replaceQuestion(plan, 1, mcq('b', 'A different prompt?')).questions[1]!.kind === 'mcq' && (replaceQuestion(plan, 1, mcq('b', 'A different prompt?')).questions[1] as { prompt: string }).prompt).toBe('A different prompt?');
    expect(ids(plan)).toBe('abc');
  });

  it('describes what changed between versions', () => {
    const edited = replaceQuestion(moveQuestion(addQuestion(removeQuestion(plan, 0), mcq('z')), 0, 1), 0, mcq('c', 'Changed?'));
    const c = diffPlans(plan, edited);
    expect(c).toEqual({ added: 1, removed: 1, edited: 1, reordered: true });
    expect(describeChanges(c)).toBe('1 added, 1 removed, 1 edited, reordered');
    expect(describeChanges(diffPlans(plan, plan))).toBe('no changes');
  });

  it('numbers published versions and records each one', () => {
    const first = publish(plan, null, 100);
    expect(first.plan.meta).toMatchObject({ status: 'published', version: 1, updatedAt: 100 });
    expect(first.entry).toEqual({ version: 1, publishedAt: 100, questionCount: 3, changes: 'first version' });
    const second = publish(removeQuestion(first.plan, 0), first.plan, 200);
    expect(second.plan.meta.version).toBe(2);
    expect(second.entry.changes).toBe('1 removed');
  });
});
