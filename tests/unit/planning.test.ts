import { describe, expect, it } from 'vitest';
import { ARCHETYPE_IDS, DEPTH_IDS, type CognitiveDepth, type JobArchetype } from '../../src/domain/archetypes';
import { Question, type QuestionKind } from '../../src/domain/questions';
import { bankFor } from '../../src/domain/planning/bank-query';
import { BankExhaustedError } from '../../src/domain/planning/errors';
import { describeMix, nominalMix, planMix } from '../../src/domain/planning/mix';
import { CODING_FROM_MINUTES, LONGEST_MINUTES, codingRequired, describeCodingRule } from '../../src/domain/planning/coding-rule';
import { isNearDuplicateText, promptText } from '../../src/domain/planning/near-duplicate';
import { canRegenerate, generateOfflinePlan, regenerableKinds, regenerateQuestion } from '../../src/domain/planning/offline-generator';
import { BANK_MINIMUM, estimateMinutes, mixOfPlan, NOMINAL_MINUTES, questionMinutes, SETUP_MINUTES } from '../../src/domain/planning/timing';
import { topUpFromBank } from '../../src/domain/planning/top-up';
import type { PlanRequest } from '../../src/domain/planning/types';
import { questionBank } from '../../src/domain/bank';
import { installQuestionBank } from '../../src/domain/planning/bank-query';

// The bank is not part of the app: tests install it from its JSON files, as the server does.
installQuestionBank(questionBank());

const KINDS: QuestionKind[] = ['spoken', 'mcq', 'coding'];
const DURATIONS = [15, 45, 120];
/** The durations the announced mix is checked against the generated plan for, with several seeds each. */
const MATRIX_DURATIONS = [15, 20, 30, 45, 60, 90, 120];
const MATRIX_SEEDS = [1, 7, 42, 2024, 99_991];
const ALL_PAIRS = ARCHETYPE_IDS.flatMap((archetype) => DEPTH_IDS.map((depth) => ({ archetype, depth })));

/** Archetype/depth pairs whose bank content is complete; the others are still being written. */
const READY = ARCHETYPE_IDS.flatMap((archetype) =>
  DEPTH_IDS.map((depth) => ({ archetype, depth })).filter(({ depth }) => {
    const slice = bankFor(archetype, depth);
    return KINDS.every((k) => slice[k].length >= BANK_MINIMUM[k]);
  }),
);

const FE: PlanRequest = { archetype: 'frontend', depth: 'standard', durationMin: 45, seed: 42 };

function ids(questions: readonly Question[]): string[] {
  return questions.map((q) => q.id);
}

function ofKind(questions: readonly Question[], kind: QuestionKind): Question[] {
  return questions.filter((q) => q.kind === kind);
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
}

/**
 * Round-robin balance: a topic may lead another by two or more only when the
 * other has nothing left to give: all of its bank items are chosen, or (with
 * `depth`) the rest are longer than the depth's nominal length, which the
 * generator only uses once items that fit are used up.
 */
function balanceViolations(chosen: readonly Question[], pool: readonly Question[], depth?: CognitiveDepth): string[] {
  const chosenIds = new Set(ids(chosen));
  const chosenCount = countBy(chosen, (q) => q.topic);
  const available = pool.filter((q) => !chosenIds.has(q.id) && (depth === undefined || questionMinutes(q) <= NOMINAL_MINUTES[depth][q.kind]));
  const availableCount = countBy(available, (q) => q.topic);
  const out: string[] = [];
  for (const [a, na] of chosenCount)
    for (const [b, left] of availableCount) {
      const nb = chosenCount.get(b) ?? 0;
      if (na >= nb + 2) out.push(`${a} has ${na} while ${b} has ${nb} with ${left} more available`);
    }
  return out;
}

function llmQuestion(overrides: Record<string, unknown>): Question {
  return Question.parse({ source: 'llm', archetypes: ['frontend'], depths: ['standard'], difficulty: 2, ...overrides });
}

describe('nominalMix (items of exactly the nominal lengths)', () => {
  it.each(DEPTH_IDS)('fits every duration from 15 to 120 minutes at %s depth', (depth) => {
    for (let duration = 15; duration <= 120; duration++) {
      const mix = nominalMix(duration, depth);
      const m = NOMINAL_MINUTES[depth];
      const minutes = SETUP_MINUTES + mix.spoken * m.spoken + mix.mcq * m.mcq + mix.coding * m.coding;
      expect(mix.estimatedMinutes, `${depth} ${duration} min`).toBe(minutes);
      expect(mix.estimatedMinutes, `${depth} ${duration} min`).toBeLessThanOrEqual(duration);
      // The time is actually used, not left idle: at least two thirds, more when the bank's caps allow.
      expect(mix.estimatedMinutes, `${depth} ${duration} min`).toBeGreaterThanOrEqual(Math.floor(duration * 0.7));
      for (const k of KINDS) expect(mix[k], `${depth} ${duration} min ${k}`).toBeLessThanOrEqual(BANK_MINIMUM[k]);
      expect(mix.spoken, `${depth} ${duration} min`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('the coding rule (one rule for every archetype with coding items, issue #12)', () => {
  const WITH_CODING = ALL_PAIRS.filter(({ archetype, depth }) => bankFor(archetype, depth).coding.length > 0);

  it('holds for every archetype, depth, duration from 15 to 120 minutes and seed: a coding question from the threshold on, none before', () => {
    expect(WITH_CODING.length).toBe(ARCHETYPE_IDS.length * DEPTH_IDS.length);
    for (const { archetype, depth } of WITH_CODING)
      for (let durationMin = 15; durationMin <= 120; durationMin += 5)
        for (const seed of MATRIX_SEEDS) {
          const where = `${archetype}/${depth} ${durationMin} min seed ${seed}`;
          const req = { archetype, depth, durationMin, seed };
          const mix = planMix(req);
          expect(mix.coding > 0, where).toBe(durationMin >= CODING_FROM_MINUTES[depth]);
          expect(mix.coding > 0, where).toBe(codingRequired(durationMin, depth));
          // What the form announces is what the generator delivers, coding included.
          expect(ofKind(generateOfflinePlan(req), 'coding').length, where).toBe(mix.coding);
          expect(mix.estimatedMinutes, where).toBeLessThanOrEqual(durationMin);
        }
  });

  it('gives every archetype the same answer at Advanced depth for 20, 25 and 30 minutes (the plans the issue found differing)', () => {
    for (const durationMin of [20, 25, 30]) {
      const has = new Set(ARCHETYPE_IDS.map((archetype) => planMix({ archetype, depth: 'advanced', durationMin, seed: 42 }).coding > 0));
      expect([...has], `${durationMin} min`).toEqual([durationMin >= 30]);
    }
  });

  it('can always be kept: no bank item is longer than the lengths the thresholds were worked out from', () => {
    for (const { archetype, depth } of ALL_PAIRS) {
      const slice = bankFor(archetype, depth);
      for (const q of slice.coding) expect(q.timeLimitSec / 60, `${q.id} (${archetype}/${depth})`).toBeLessThanOrEqual(LONGEST_MINUTES[depth].coding);
      for (const q of slice.spoken) expect(q.timeLimitSec / 60, `${q.id} (${archetype}/${depth})`).toBeLessThanOrEqual(LONGEST_MINUTES[depth].spoken);
      // Setup, two of the longest spoken questions (with their reading time) and the longest task fit the threshold.
      const need = SETUP_MINUTES + 2 * (LONGEST_MINUTES[depth].spoken + 1) + LONGEST_MINUTES[depth].coding;
      expect(need, depth).toBeLessThanOrEqual(CODING_FROM_MINUTES[depth]);
    }
  });

  it('is stated in words the form shows', () => {
    expect(describeCodingRule('advanced')).toBe(
      'Coding: at Advanced depth, plans of 30 minutes or more include a coding task and shorter plans have none, for every job archetype.',
    );
  });
});

describe('planMix', () => {
  it.each(ALL_PAIRS)('fits every duration from 15 to 120 minutes for $archetype/$depth', ({ archetype, depth }) => {
    const slice = bankFor(archetype, depth);
    for (let duration = 15; duration <= 120; duration++) {
      const mix = planMix({ archetype, depth, durationMin: duration, seed: 7 });
      const where = `${archetype}/${depth} ${duration} min`;
      expect(mix.estimatedMinutes, where).toBeLessThanOrEqual(duration);
      expect(mix.estimatedMinutes, where).toBeGreaterThanOrEqual(Math.floor(duration * 0.7));
      for (const k of KINDS) {
        expect(mix[k], `${where} ${k}`).toBeLessThanOrEqual(BANK_MINIMUM[k]);
        expect(mix[k], `${where} ${k}`).toBeLessThanOrEqual(slice[k].length);
      }
      expect(mix.spoken, where).toBeGreaterThanOrEqual(2);
    }
  });

  it('scales with the duration', () => {
    for (const { archetype, depth } of ALL_PAIRS) {
      const [short, mid, long] = DURATIONS.map((durationMin) => planMix({ archetype, depth, durationMin, seed: 7 }));
      const where = `${archetype}/${depth}`;
      expect(short!.estimatedMinutes, where).toBeLessThan(mid!.estimatedMinutes);
      expect(mid!.estimatedMinutes, where).toBeLessThan(long!.estimatedMinutes);
      expect(short!.coding, where).toBeLessThanOrEqual(mid!.coding);
      expect(mid!.coding, where).toBeLessThan(long!.coding);
      expect(mid!.spoken, where).toBeLessThan(long!.spoken);
    }
  });

  it('gives expert interviews fewer multiple-choice questions and more coding time than standard ones', () => {
    const codingMinutes = (plan: readonly Question[]) => ofKind(plan, 'coding').reduce((t, q) => t + questionMinutes(q), 0);
    for (const archetype of ARCHETYPE_IDS)
      for (const durationMin of [45, 60, 90, 120]) {
        const std = { archetype, depth: 'standard' as const, durationMin, seed: 7 };
        const exp = { ...std, depth: 'expert' as const };
        expect(planMix(exp).mcq, `${archetype} ${durationMin} min`).toBeLessThan(planMix(std).mcq);
        expect(codingMinutes(generateOfflinePlan(exp)), `${archetype} ${durationMin} min`).toBeGreaterThan(codingMinutes(generateOfflinePlan(std)));
      }
  });

  it('counts long bank items at their real length (backend standard: 15-minute coding tasks against a nominal 10)', () => {
    const req: PlanRequest = { archetype: 'backend', depth: 'standard', durationMin: 45, seed: 42 };
    const plan = generateOfflinePlan(req);
    const task = ofKind(plan, 'coding')[0]!;
    expect(questionMinutes(task)).toBeGreaterThan(NOMINAL_MINUTES.standard.coding);
    expect(planMix(req)).toEqual(mixOfPlan(plan));
    // The nominal mix would promise more questions than fit beside a 15-minute task.
    const nominal = nominalMix(45, 'standard');
    expect(planMix(req).spoken + planMix(req).mcq).toBeLessThan(nominal.spoken + nominal.mcq);
  });

  it('is the nominal mix for every seed when the bank holds items of exactly the nominal lengths (frontend)', () => {
    for (const depth of DEPTH_IDS)
      for (const durationMin of MATRIX_DURATIONS)
        for (const seed of MATRIX_SEEDS) expect(planMix({ archetype: 'frontend', depth, durationMin, seed })).toEqual(nominalMix(durationMin, depth));
  });

  it('gives the same counts for every seed where all items of a kind have one length (backend)', () => {
    for (const depth of DEPTH_IDS)
      for (const durationMin of MATRIX_DURATIONS) {
        const mixes = new Set(MATRIX_SEEDS.map((seed) => JSON.stringify(planMix({ archetype: 'backend', depth, durationMin, seed }))));
        expect(mixes.size, `${depth} ${durationMin} min`).toBe(1);
      }
  });

  it('rejects durations, depths, archetypes and seeds outside the product range with a clear error', () => {
    expect(() => planMix({ ...FE, durationMin: 10 })).toThrow(/between 15 and 120 minutes/);
    expect(() => planMix({ ...FE, durationMin: 121, depth: 'expert' })).toThrow(RangeError);
    expect(() => planMix({ ...FE, durationMin: Number.NaN })).toThrow(RangeError);
    expect(() => planMix({ ...FE, depth: 'guru' as CognitiveDepth })).toThrow(/Unknown cognitive depth/);
    expect(() => planMix({ ...FE, archetype: 'astronaut' as JobArchetype })).toThrow(/Unknown job archetype/);
    expect(() => planMix({ ...FE, seed: Number.NaN })).toThrow(/seed/);
    expect(() => nominalMix(10, 'standard')).toThrow(/between 15 and 120 minutes/);
    expect(() => nominalMix(45, 'guru' as CognitiveDepth)).toThrow(/Unknown cognitive depth/);
  });
});

describe('the announced mix is the generated plan', () => {
  it.each(ALL_PAIRS)(
    '$archetype/$depth: for 15 to 120 minutes and several seeds, planMix gives exactly the counts and minutes of generateOfflinePlan',
    ({ archetype, depth }) => {
      for (const durationMin of MATRIX_DURATIONS)
        for (const seed of MATRIX_SEEDS) {
          const req: PlanRequest = { archetype, depth, durationMin, seed };
          const where = `${archetype}/${depth} ${durationMin} min seed ${seed}`;
          const plan = generateOfflinePlan(req);
          const announced = planMix(req);
          expect(mixOfPlan(plan), where).toEqual(announced);
          expect(announced.estimatedMinutes, where).toBeLessThanOrEqual(durationMin);
          // Collected rather than asserted one by one: this loop covers over a thousand plans.
          const problems: string[] = [];
          if (new Set(ids(plan)).size !== plan.length) problems.push(`${where}: repeated id`);
          const prompts = plan.map(promptText);
          for (let i = 0; i < plan.length; i++)
            for (let j = i + 1; j < plan.length; j++)
              if (isNearDuplicateText(prompts[i]!, prompts[j]!)) problems.push(`${where}: ${plan[i]!.id} repeats ${plan[j]!.id}`);
          for (const q of plan)
            if (q.source !== 'bank' || !q.archetypes.includes(archetype) || !q.depths.includes(depth)) problems.push(`${where}: ${q.id} is not a ${archetype}/${depth} bank item`);
          expect(problems).toEqual([]);
        }
    },
  );
});

describe('describeMix', () => {
  it('says how many questions of which kind and how long', () => {
    expect(describeMix({ spoken: 6, mcq: 5, coding: 1, estimatedMinutes: 45 })).toBe(
      '12 questions, about 45 minutes (6 spoken, 5 multiple-choice, 1 coding)',
    );
  });
  it('leaves out kinds the plan does not have and handles one question', () => {
    expect(describeMix({ spoken: 3, mcq: 4, coding: 0, estimatedMinutes: 15 })).toBe(
      '7 questions, about 15 minutes (3 spoken, 4 multiple-choice)',
    );
    expect(describeMix({ spoken: 1, mcq: 0, coding: 0, estimatedMinutes: 5 })).toBe('1 question, about 5 minutes (1 spoken)');
    expect(describeMix({ spoken: 0, mcq: 0, coding: 0, estimatedMinutes: 2 })).toBe('No questions');
  });
  it('describes the planned mix of a real request', () => {
    expect(describeMix(planMix(FE))).toMatch(/^\d+ questions, about (4[0-5]|3\d) minutes \(\d+ spoken, \d+ multiple-choice, 1 coding\)$/);
  });
});

describe('bankFor', () => {
  it('returns only items for the archetype and depth, split by kind', () => {
    const slice = bankFor('frontend', 'standard');
    for (const k of KINDS) {
      expect(slice[k].length).toBeGreaterThanOrEqual(BANK_MINIMUM[k]);
      for (const q of slice[k]) {
        expect(q.kind).toBe(k);
        expect(q.archetypes).toContain('frontend');
        expect(q.depths).toContain('standard');
      }
    }
  });
  it('hands out fresh arrays, so a caller cannot corrupt the bank', () => {
    const first = bankFor('frontend', 'standard');
    const n = first.spoken.length;
    first.spoken.length = 0;
    expect(bankFor('frontend', 'standard').spoken.length).toBe(n);
  });
  it('rejects unknown archetypes', () => {
    expect(() => bankFor('astronaut' as JobArchetype, 'standard')).toThrow(/Unknown job archetype/);
  });
});

describe('generateOfflinePlan', () => {
  it('has complete content to plan from (frontend standard at least)', () => {
    expect(READY).toContainEqual({ archetype: 'frontend', depth: 'standard' });
  });

  it('gives the same interview for the same seed and a different one for a different seed', () => {
    const a = generateOfflinePlan(FE);
    const b = generateOfflinePlan({ ...FE });
    expect(b).toEqual(a);
    const plans = new Set(Array.from({ length: 12 }, (_, i) => ids(generateOfflinePlan({ ...FE, seed: i })).join(',')));
    expect(plans.size).toBe(12);
  });

  it.each(READY)('fills $archetype/$depth to the planned count of every kind the bank can supply', ({ archetype, depth }) => {
    for (const durationMin of DURATIONS) {
      const req = { archetype, depth, durationMin, seed: 7 };
      const mix = planMix(req);
      const actual = mixOfPlan(generateOfflinePlan(req));
      for (const k of KINDS) expect(actual[k], `${archetype}/${depth} ${durationMin} min ${k}`).toBe(mix[k]);
      // Long interviews use what the bank guarantees, not a trimmed-down plan.
      if (durationMin === 120) expect(actual.estimatedMinutes, `${archetype}/${depth}`).toBeGreaterThanOrEqual(84);
    }
  });

  it.each(READY)('balances topics within each kind for $archetype/$depth', ({ archetype, depth }) => {
    for (const seed of [1, 2, 3, 99]) {
      const plan = generateOfflinePlan({ archetype, depth, durationMin: 120, seed });
      const slice = bankFor(archetype, depth);
      for (const k of ['spoken', 'mcq'] as const) {
        expect(balanceViolations(ofKind(plan, k), slice[k], depth), `${archetype}/${depth} seed ${seed} ${k}`).toEqual([]);
      }
    }
  });

  it('orders the interview for delivery: a spoken opener, difficulty rising within each kind, MCQs in short blocks', () => {
    const plan = generateOfflinePlan({ ...FE, durationMin: 60 });
    expect(plan[0]!.kind).toBe('spoken');
    for (const k of KINDS) {
      const difficulties = ofKind(plan, k).map((q) => q.difficulty);
      expect(difficulties).toEqual([...difficulties].sort((a, b) => a - b));
    }
    let run = 0;
    let longest = 0;
    for (const q of plan) {
      run = q.kind === 'mcq' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeGreaterThan(1);
    expect(longest).toBeLessThanOrEqual(5);
  });

  it('returns copies: editing a plan never changes the bank', () => {
    const plan = generateOfflinePlan(FE);
    const first = plan[0]!;
    const original = first.kind === 'spoken' ? first.prompt : '';
    if (first.kind === 'spoken') first.prompt = 'edited by the host';
    const again = generateOfflinePlan(FE);
    expect(again[0]!.kind === 'spoken' ? again[0]!.prompt : '').toBe(original);
  });

  it('rejects a seed that is not a number', () => {
    expect(() => generateOfflinePlan({ ...FE, seed: Number.NaN })).toThrow(/seed/);
  });
});

describe('regenerateQuestion', () => {
  const plan = generateOfflinePlan(FE);

  it('returns a different bank question of the same kind for every slot', () => {
    plan.forEach((q, index) => {
      const next = regenerateQuestion(FE, plan, index, 1);
      expect(next.kind).toBe(q.kind);
      expect(ids(plan)).not.toContain(next.id);
      expect(plan.some((p) => isNearDuplicateText(promptText(p), promptText(next)))).toBe(false);
      expect(next.source).toBe('bank');
      expect(next.archetypes).toContain('frontend');
      expect(next.depths).toContain('standard');
    });
  });

  it('is deterministic for a seed and varies across seeds', () => {
    const index = plan.findIndex((q) => q.kind === 'mcq');
    expect(regenerateQuestion(FE, plan, index, 5)).toEqual(regenerateQuestion(FE, plan, index, 5));
    const seen = new Set(Array.from({ length: 10 }, (_, s) => regenerateQuestion(FE, plan, index, s).id));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('picks from the topics the rest of the plan covers least', () => {
    const slice = bankFor('frontend', 'standard');
    for (const kind of ['spoken', 'mcq'] as const) {
      plan.forEach((q, index) => {
        if (q.kind !== kind) return;
        const others = plan.filter((p, i) => i !== index && p.kind === kind);
        const counts = countBy(others, (p) => p.topic);
        const candidates = slice[kind].filter((c) => !ids(plan).includes(c.id));
        const least = Math.min(...candidates.map((c) => counts.get(c.topic) ?? 0));
        for (const seed of [1, 2, 3]) {
          const next = regenerateQuestion(FE, plan, index, seed);
          expect(counts.get(next.topic) ?? 0, `${kind} slot ${index}`).toBe(least);
        }
      });
    }
  });

  it('keeps the plan within its duration', () => {
    plan.forEach((_, index) => {
      const next = regenerateQuestion(FE, plan, index, 3);
      const edited = plan.map((q, i) => (i === index ? next : q));
      expect(estimateMinutes(edited)).toBeLessThanOrEqual(FE.durationMin);
    });
  });

  it('says plainly when the bank has nothing else of that kind, naming the role and depth as the form does', () => {
    const allCoding = bankFor('frontend', 'standard').coding;
    expect(() => regenerateQuestion(FE, allCoding, 0, 1)).toThrow(BankExhaustedError);
    expect(() => regenerateQuestion(FE, allCoding, 0, 1)).toThrow(
      'The built-in question bank has no other coding question for Frontend engineer interviews at Standard depth: all of them are already in this plan. Edit this question or add your own instead.',
    );
  });

  it('rejects a position outside the plan', () => {
    expect(() => regenerateQuestion(FE, plan, plan.length, 1)).toThrow(RangeError);
    expect(() => regenerateQuestion(FE, plan, -1, 1)).toThrow(RangeError);
  });
});

describe('canRegenerate', () => {
  function throwsExhausted(req: PlanRequest, current: readonly Question[], index: number): boolean {
    try {
      regenerateQuestion(req, current, index, 1);
      return false;
    } catch (err) {
      if (err instanceof BankExhaustedError) return true;
      throw err;
    }
  }

  it('is false exactly where regenerating would find nothing, for every slot of long plans that hold every coding task', () => {
    let exhaustedSlots = 0;
    for (const { archetype, depth } of READY) {
      const req: PlanRequest = { archetype, depth, durationMin: 120, seed: 3 };
      const plan = generateOfflinePlan(req);
      const kinds = regenerableKinds(req, plan);
      plan.forEach((q, index) => {
        const where = `${archetype}/${depth} slot ${index} (${q.kind})`;
        const can = canRegenerate(req, plan, index);
        expect(can, where).toBe(!throwsExhausted(req, plan, index));
        expect(kinds[q.kind], where).toBe(can);
        if (!can) exhaustedSlots++;
      });
    }
    // Where a 120-minute plan takes all of a bank's coding tasks, those slots cannot be regenerated.
    expect(exhaustedSlots).toBeGreaterThan(0);
  });

  it('turns false when the plan holds every bank item of the kind, and true again when one is removed', () => {
    const allCoding = bankFor('frontend', 'standard').coding;
    expect(canRegenerate(FE, allCoding, 0)).toBe(false);
    expect(canRegenerate(FE, allCoding.slice(1), 0)).toBe(true);
    // The same task in other words counts as present too.
    const reworded = allCoding.map((q) => (q.kind === 'coding' ? { ...q, id: `${q.id}-copy`, title: q.title.toUpperCase() } : q));
    expect(canRegenerate(FE, reworded, 0)).toBe(false);
  });

  it('is false for a position outside the plan', () => {
    const plan = generateOfflinePlan(FE);
    expect(canRegenerate(FE, plan, plan.length)).toBe(false);
    expect(canRegenerate(FE, plan, -1)).toBe(false);
    expect(canRegenerate(FE, plan, 0.5)).toBe(false);
  });
});

describe('topUpFromBank', () => {
  it('with nothing given, builds exactly the offline plan', () => {
    expect(topUpFromBank(FE, [])).toEqual(generateOfflinePlan(FE));
  });

  it('keeps the given questions first and fills each kind up to the planned count', () => {
    const given = [
      llmQuestion({
        id: 'llm-1', kind: 'spoken', topic: 'react-state', prompt: 'How do you share state between two sibling components in React?',
        referenceAnswer: 'Lift the state to the closest common parent and pass it down with callbacks.', keyConcepts: ['lift state', 'common parent', 'callbacks'],
      }),
      llmQuestion({
        id: 'llm-2', kind: 'mcq', topic: 'css-layout', prompt: 'Which display value creates a grid container?',
        options: ['display: grid', 'display: block', 'display: flex', 'display: table'], correctIndex: 0, explanation: 'display: grid makes the element a grid container.',
      }),
    ];
    const mix = planMix(FE);
    const result = topUpFromBank(FE, given);
    expect(result.slice(0, given.length)).toEqual(given);
    const added = result.slice(given.length);
    expect(added.every((q) => q.source === 'bank')).toBe(true);
    for (const k of KINDS) expect(ofKind(result, k).length, k).toBe(mix[k]);
    expect(new Set(ids(result)).size).toBe(result.length);
    expect(estimateMinutes(result)).toBeLessThanOrEqual(FE.durationMin);
  });

  it('never adds a bank item whose prompt the given questions already ask, even under another id', () => {
    const bankMcq = bankFor('frontend', 'standard').mcq;
    // The same questions in different case and punctuation, as an LLM might return them.
    const paraphrased = bankMcq.slice(0, 10).map((q, i) =>
      llmQuestion({ ...q, id: `llm-copy-${i}`, prompt: `${q.kind === 'mcq' ? q.prompt.toUpperCase().replace(/[?.]$/, '') : ''} ?` }),
    );
    const result = topUpFromBank({ ...FE, durationMin: 120 }, paraphrased);
    const addedIds = ids(result.slice(paraphrased.length));
    for (const q of bankMcq.slice(0, 10)) expect(addedIds).not.toContain(q.id);
    expect(ofKind(result, 'mcq').length).toBe(Math.min(planMix({ ...FE, durationMin: 120 }).mcq, bankMcq.length));
  });

  it('keeps extra given questions and adds nothing of a kind that is already full', () => {
    const mix = planMix({ ...FE, durationMin: 15 });
    const given = bankFor('frontend', 'standard').mcq.slice(0, mix.mcq + 2).map((q, i) => ({ ...q, id: `host-${i}`, source: 'host' as const }));
    const result = topUpFromBank({ ...FE, durationMin: 15 }, given);
    expect(result.slice(0, given.length)).toEqual(given);
    expect(ofKind(result.slice(given.length), 'mcq')).toEqual([]);
  });

  it('balances topics against what the given questions already cover', () => {
    const slice = bankFor('frontend', 'standard');
    const crowded = 'javascript-core';
    const given = [0, 1, 2].map((i) =>
      llmQuestion({
        id: `llm-js-${i}`, kind: 'mcq', topic: crowded, prompt: `Generated JavaScript question number ${i} about closures and scope?`,
        options: ['a', 'b', 'c', 'd'], correctIndex: i, explanation: 'Explanation of the generated answer.',
      }),
    );
    const need = planMix(FE).mcq - given.length;
    // Meaningful only when other topics alone can cover what is needed.
    expect(slice.mcq.filter((q) => q.topic !== crowded).length).toBeGreaterThanOrEqual(need);
    const topics = new Set(slice.mcq.filter((q) => q.topic !== crowded).map((q) => q.topic));
    const added = ofKind(topUpFromBank(FE, given).slice(given.length), 'mcq');
    expect(added.length).toBe(need);
    // Enough other topics exist, so the crowded one gets nothing and each addition opens a new topic.
    expect(need).toBeLessThanOrEqual(topics.size);
    expect(added.filter((q) => q.topic === crowded)).toEqual([]);
    expect(new Set(added.map((q) => q.topic)).size).toBe(need);
  });

  it('stops adding before the plan would run past its duration, and keeps a long given task', () => {
    const longTask = llmQuestion({
      id: 'llm-code', kind: 'coding', topic: 'algorithms', title: 'Long task', statement: 'A generated coding task that takes thirty minutes.',
      functionName: 'solve', signature: 'function solve(): number', starterCode: 'function solve() {}', referenceSolution: 'function solve() { return 1; }',
      exampleTests: [{ args: [], expected: 1 }], hiddenTests: [{ args: [], expected: 1 }, { args: [], expected: 1 }], timeLimitSec: 1800,
    });
    const result = topUpFromBank(FE, [longTask]);
    expect(result[0]).toEqual(longTask);
    expect(result.length).toBeGreaterThan(1);
    expect(estimateMinutes(result)).toBeLessThanOrEqual(FE.durationMin);
    expect(ofKind(result, 'coding')).toEqual([longTask]);
  });
});
