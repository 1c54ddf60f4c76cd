/**
 * Judges a run of a candidate's code against test cases: each case passed, failed (with what it returned or threw),
 * ran too long, crashed the sandbox, or did not run. The sandbox only ever sees the arguments; expected values are
 * compared here, outside it. Used for the guest's "Run examples" and for the staff device's hidden tests.
 */
import { jsonEqual } from '../json-equal';
import type { CodeTestCase } from '../questions';

/** What the sandbox reported for one case (worker/sandbox/run-code.ts). */
export type CaseResult =
  | { state: 'returned'; value: unknown; ms: number; logs: string[] }
  /** `line`: where in the candidate's code (1-based), when known. */
  | { state: 'threw'; error: string; line?: number; ms: number; logs: string[] }
  /** Still running at the per-case limit: the sandbox was stopped (an endless loop, or far too slow). */
  | { state: 'timeout'; limitMs: number }
  /**
   * The code used more memory than the sandbox allows and was stopped: `limitMb` when the limit is known (a Node
   * worker's resource limit), null when the browser's own heap limit stopped it (the sandbox's process died).
   */
  | { state: 'memory'; limitMb: number | null }
  /** The sandbox itself died during the case for another reason. */
  | { state: 'crashed'; error: string }
  /** Not run: an earlier case stopped the sandbox. */
  | { state: 'not-run' };

export interface SandboxReport {
  /** Why nothing ran (a syntax error, no such function, a sandbox that would not start); null when cases ran. */
  loadError: string | null;
  /** The line of the candidate's code the load error points at (a syntax error, a throw at load), when known. */
  loadErrorLine?: number;
  cases: CaseResult[];
}

export const VERDICT_STATES = ['passed', 'wrong', 'threw', 'timeout', 'memory', 'crashed', 'not-run'] as const;
export type VerdictState = (typeof VERDICT_STATES)[number];

export interface TestVerdict {
  index: number;
  state: VerdictState;
  args: unknown[];
  expected: unknown;
  /** What the code returned, when it returned. */
  got?: unknown;
  /** What went wrong, in words, when it did not pass. */
  detail?: string;
  /** The line of the candidate's code it threw at (1-based), when known. */
  line?: number;
  ms?: number;
  logs: string[];
}

export interface Judgement {
  loadError: string | null;
  loadErrorLine?: number;
  passed: number;
  total: number;
  verdicts: TestVerdict[];
}

export function judge(report: SandboxReport, tests: readonly CodeTestCase[]): Judgement {
  const verdicts = tests.map((test, index): TestVerdict => {
    const base = { index, args: test.args, expected: test.expected };
    const r: CaseResult = report.loadError ? { state: 'not-run' } : (report.cases[index] ?? { state: 'not-run' });
    switch (r.state) {
      case 'returned':
        return jsonEqual(r.value, test.expected)
          ? { ...base, state: 'passed', got: r.value, ms: r.ms, logs: r.logs }
          : { ...base, state: 'wrong', got: r.value, detail: 'returned a different value', ms: r.ms, logs: r.logs };
      case 'threw':
        return { ...base, state: 'threw', detail: r.error, ...(r.line !== undefined ? { line: r.line } : {}), ms: r.ms, logs: r.logs };
      case 'timeout':
        return { ...base, state: 'timeout', detail: `still running after ${r.limitMs / 1000} s, so it was stopped (an endless loop?)`, logs: [] };
      case 'memory':
        return { ...base, state: 'memory', detail: memoryDetail(r.limitMb), logs: [] };
      case 'crashed':
        return { ...base, state: 'crashed', detail: r.error, logs: [] };
      case 'not-run':
        return { ...base, state: 'not-run', detail: report.loadError ?? 'not run: an earlier test stopped the sandbox', logs: [] };
    }
  });
  return { loadError: report.loadError, ...(report.loadErrorLine !== undefined ? { loadErrorLine: report.loadErrorLine } : {}), passed: verdicts.filter((v) => v.state === 'passed').length, total: tests.length, verdicts };
}

/** What a person reads for a run stopped for its memory, a loading one included (worker/sandbox/run-code.ts). */
export function memoryDetail(limitMb: number | null): string {
  return limitMb === null
    ? "used more memory than the sandbox allows (the browser's limit), so it was stopped"
    : `used more than ${limitMb} MB of memory, so it was stopped`;
}
