/**
 * Holds the whole curated bank (all archetype files, whatever they contain) to the
 * standard the product promises: every item complete and correct, every coding
 * task's reference solution passing its own tests, and enough items for every
 * archetype and depth.
 */
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ARCHETYPE_IDS, DEPTH_IDS } from '../../src/domain/archetypes';
import { RAW_BANK } from '../../src/domain/bank/index';
import { CodingTask, McqQuestion, Question, SpokenQuestion, type CodeTestCase, type QuestionKind } from '../../src/domain/questions';
import { normalizePrompt, promptText } from '../../src/domain/planning/near-duplicate';

const MINIMUM: Record<QuestionKind, number> = { spoken: 12, mcq: 20, coding: 3 };
const KIND_NAME: Record<QuestionKind, string> = { spoken: 'spoken questions', mcq: 'multiple-choice questions', coding: 'coding tasks' };
const RUN_TIMEOUT_MS = 1_000;

function label(item: unknown, i: number): string {
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' ? id : `bank item #${i}`;
}

const parsed: Question[] = [];
const parseFailures: string[] = [];
RAW_BANK.forEach((item, i) => {
  const result = Question.safeParse(item);
  if (result.success) parsed.push(result.data);
  else parseFailures.push(`${label(item, i)}: ${result.error.issues.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`);
});
const spoken = parsed.filter((q): q is SpokenQuestion => q.kind === 'spoken');
const mcqs = parsed.filter((q): q is McqQuestion => q.kind === 'mcq');
const coding = parsed.filter((q): q is CodingTask => q.kind === 'coding');

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Runs `source` (plain JavaScript defining `functionName`) in a fresh V8 context
 * and calls the function with the case's arguments. Arguments travel as JSON and
 * the result comes back as JSON, exactly as test cases are stored, so values from
 * the other realm compare cleanly. The timeout covers definition and call.
 */
function runCase(source: string, functionName: string, testCase: CodeTestCase): Outcome {
  const context = vm.createContext({ __args: JSON.stringify(testCase.args) });
  const program = `${source}
;(() => {
  if (typeof ${functionName} !== 'function') throw new Error('${functionName} is not defined as a function');
  const result = ${functionName}(...JSON.parse(__args));
  return JSON.stringify(result === undefined ? null : result);
})()`;
  try {
    const json = vm.runInContext(program, context, { timeout: RUN_TIMEOUT_MS }) as string;
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function transpileStarter(task: CodingTask): { js: string; errors: string[] } {
  const out = ts.transpileModule(task.starterCode, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
    reportDiagnostics: true,
  });
  const errors = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { js: out.outputText, errors };
}

describe('curated question bank', () => {
  it('is not empty', () => {
    expect(RAW_BANK.length).toBeGreaterThan(0);
  });

  it('parses every item with the question schema', () => {
    expect(parseFailures, parseFailures.join('\n')).toEqual([]);
  });

  it('uses unique ids across all archetypes', () => {
    const seen = new Map<string, number>();
    for (const q of parsed) seen.set(q.id, (seen.get(q.id) ?? 0) + 1);
    const duplicates = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    expect(duplicates, `duplicate ids: ${duplicates.join(', ')}`).toEqual([]);
  });

  it('does not hold the same prompt twice for one archetype and depth', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const q of parsed) {
      const text = normalizePrompt(promptText(q));
      for (const a of q.archetypes)
        for (const d of q.depths) {
          const key = `${a}/${d}/${q.kind}/${text}`;
          const other = seen.get(key);
          if (other !== undefined && other !== q.id) clashes.push(`${q.id} repeats ${other} (${a}/${d})`);
          seen.set(key, q.id);
        }
    }
    expect(clashes, clashes.join('\n')).toEqual([]);
  });

  it('gives every MCQ four distinct options and exactly one correct answer', () => {
    const problems: string[] = [];
    for (const q of mcqs) {
      const normalized = q.options.map((o) => o.trim().toLowerCase());
      if (q.options.length !== 4) problems.push(`${q.id}: ${q.options.length} options`);
      if (new Set(normalized).size !== q.options.length) problems.push(`${q.id}: repeated options`);
      if (!Number.isInteger(q.correctIndex) || q.correctIndex < 0 || q.correctIndex >= q.options.length)
        problems.push(`${q.id}: correctIndex ${q.correctIndex} is not an option`);
      if (q.options.some((o) => /^(all|none) of the above$/i.test(o.trim())))
        problems.push(`${q.id}: "all/none of the above" makes more than one option defensible`);
      if (q.explanation.trim().length < 10) problems.push(`${q.id}: no explanation`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('gives every spoken question a reference answer and at least three key concepts', () => {
    const problems: string[] = [];
    for (const q of spoken) {
      if (q.referenceAnswer.trim().length < 20) problems.push(`${q.id}: reference answer missing or too short`);
      const concepts = q.keyConcepts.map((c) => c.trim().toLowerCase()).filter((c) => c.length >= 2);
      if (new Set(concepts).size < 3) problems.push(`${q.id}: ${new Set(concepts).size} distinct key concepts`);
      if (!(q.timeLimitSec > 0)) problems.push(`${q.id}: no time limit`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it("passes every coding task's example and hidden tests with its reference solution", () => {
    const failures: string[] = [];
    for (const task of coding) {
      const cases = [...task.exampleTests.map((c) => ['example', c] as const), ...task.hiddenTests.map((c) => ['hidden', c] as const)];
      cases.forEach(([set, testCase], i) => {
        const outcome = runCase(task.referenceSolution, task.functionName, testCase);
        const where = `${task.id} ${set} test ${i + 1} (${JSON.stringify(testCase.args).slice(0, 80)})`;
        if (!outcome.ok) failures.push(`${where}: threw ${outcome.error}`);
        else if (!isDeepStrictEqualJson(outcome.value, testCase.expected))
          failures.push(`${where}: expected ${JSON.stringify(testCase.expected)}, got ${JSON.stringify(outcome.value)}`);
      });
    }
    expect(coding.length).toBeGreaterThan(0);
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('gives every coding task TypeScript starter code that compiles, defines the function and does not already pass', () => {
    const problems: string[] = [];
    for (const task of coding) {
      const { js, errors } = transpileStarter(task);
      if (errors.length > 0) {
        problems.push(`${task.id}: starter code does not compile: ${errors.join('; ')}`);
        continue;
      }
      if (!new RegExp(`\\b${task.functionName}\\b`).test(task.starterCode)) problems.push(`${task.id}: starter code lacks ${task.functionName}`);
      if (!task.signature.includes(task.functionName)) problems.push(`${task.id}: signature does not name ${task.functionName}`);
      const allPass = task.hiddenTests.every((c) => {
        const outcome = runCase(js, task.functionName, c);
        return outcome.ok && isDeepStrictEqualJson(outcome.value, c.expected);
      });
      if (allPass) problems.push(`${task.id}: the unmodified starter code already passes every hidden test`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  describe.each(ARCHETYPE_IDS)('%s', (archetype) => {
    it.each(DEPTH_IDS)('has enough questions of every kind at %s depth', (depth) => {
      const slice = parsed.filter((q) => q.archetypes.includes(archetype) && q.depths.includes(depth));
      const short = (Object.keys(MINIMUM) as QuestionKind[])
        .map((kind) => ({ kind, have: slice.filter((q) => q.kind === kind).length }))
        .filter(({ kind, have }) => have < MINIMUM[kind])
        .map(({ kind, have }) => `${archetype}/${depth}: ${have} ${KIND_NAME[kind]}, needs at least ${MINIMUM[kind]}`);
      expect(short, short.join('\n')).toEqual([]);
    });
  });
});

/** Test cases are JSON, so JSON deep equality is the right comparison (key order ignored). */
function isDeepStrictEqualJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => isDeepStrictEqualJson(x, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => Object.hasOwn(bo, k) && isDeepStrictEqualJson(ao[k], bo[k]));
}
