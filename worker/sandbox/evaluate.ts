/**
 * Loads a candidate's compiled code and calls its function once per case. Platform-free: the browser worker and the
 * Node test worker both use it. Whatever the candidate's code does to the globals (JSON, console, Array.prototype),
 * the results are serialised with the functions captured here, at load, before any of it runs.
 */
import { MAX_LOG_CHARS, MAX_LOG_LINES, type CaseOutcome } from './protocol';

const { stringify, parse } = JSON;
const now = () => performance.now();
/** A returned value larger than this is refused rather than shipped around and shown. */
export const MAX_RESULT_CHARS = 100_000;

type CandidateFunction = (...args: unknown[]) => unknown;

/** Collects what the code prints, per case; lines past the limits are dropped with a note. */
export class LogCollector {
  private lines: string[] = [];
  private dropped = 0;

  readonly console = Object.freeze({
    log: (...args: unknown[]) => this.add(args),
    info: (...args: unknown[]) => this.add(args),
    debug: (...args: unknown[]) => this.add(args),
    warn: (...args: unknown[]) => this.add(args),
    error: (...args: unknown[]) => this.add(args),
  });

  private add(args: unknown[]): void {
    if (this.lines.length >= MAX_LOG_LINES) {
      this.dropped += 1;
      return;
    }
    const text = args.map(describe).join(' ');
    this.lines.push(text.length > MAX_LOG_CHARS ? `${text.slice(0, MAX_LOG_CHARS)}…` : text);
  }

  take(): string[] {
    const out = this.dropped > 0 ? [...this.lines, `(${this.dropped} more lines not shown)`] : this.lines;
    this.lines = [];
    this.dropped = 0;
    return out;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** An error in the candidate's code, with the line of their source it points at (1-based) when known. */
export class CodeError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * The line of the candidate's source an error was thrown at, from its stack: code made by the Function constructor
 * shows as `<anonymous>:line:column`, two lines below the source (the constructor's own header), and sucrase keeps
 * the source's lines. Undefined when the stack does not say (a thrown non-error, a stack the code replaced).
 */
export function candidateLine(err: unknown): number | undefined {
  try {
    const stack = err instanceof Error ? err.stack : undefined;
    const m = typeof stack === 'string' ? /<anonymous>:(\d+):\d+/.exec(stack) : null;
    const line = m ? Number(m[1]) - FUNCTION_HEADER_LINES : NaN;
    return Number.isInteger(line) && line >= 1 ? line : undefined;
  } catch {
    return undefined;
  }
}
const FUNCTION_HEADER_LINES = 2;

function errorText(err: unknown): string {
  try {
    if (err instanceof Error) return `${err.name}: ${err.message}`;
    return `threw ${describe(err)}`;
  } catch {
    return 'threw a value that cannot be shown';
  }
}

/** Evaluates the script and returns the named function; throws a readable error when it cannot. */
export function loadFunction(script: string, functionName: string, logs: LogCollector): CandidateFunction {
  const exportsObject: Record<string, unknown> = {};
  const moduleObject = { exports: exportsObject };
  let found: unknown;
  try {
    // The Function constructor, not eval: the code sees the (locked-down) globals, never this module's variables.
    const factory = new Function('exports', 'module', 'console', `${script}\n;return typeof ${functionName} === 'function' ? ${functionName} : undefined;`) as (
      e: unknown,
      m: unknown,
      c: unknown,
    ) => unknown;
    found = factory(exportsObject, moduleObject, logs.console);
  } catch (err) {
    throw new CodeError(`the code failed while loading: ${errorText(err)}`, candidateLine(err));
  }
  const exported = (moduleObject.exports as Record<string, unknown> | null)?.[functionName] ?? exportsObject[functionName];
  const fn = typeof found === 'function' ? found : exported;
  if (typeof fn !== 'function') throw new Error(`the code does not define a function named ${functionName}`);
  return fn as CandidateFunction;
}

/** Calls the function with a fresh copy of the arguments; awaits a returned promise. */
export async function runCase(fn: CandidateFunction, args: readonly unknown[], logs: LogCollector): Promise<CaseOutcome> {
  const started = now();
  const done = (outcome: { ok: true; value: unknown } | { ok: false; error: string; line?: number }): CaseOutcome => ({ ...outcome, ms: Math.round((now() - started) * 10) / 10, logs: logs.take() });
  let value: unknown;
  try {
    value = fn(...(parse(stringify(args)) as unknown[]));
    if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') value = await value;
  } catch (err) {
    const line = candidateLine(err);
    return done(line === undefined ? { ok: false, error: errorText(err) } : { ok: false, error: errorText(err), line });
  }
  let json: string | undefined;
  try {
    json = stringify(value === undefined ? null : value);
  } catch (err) {
    return done({ ok: false, error: `returned a value that cannot be compared: ${errorText(err)}` });
  }
  if (json === undefined) return done({ ok: false, error: `returned a ${typeof value}, which cannot be compared` });
  if (json.length > MAX_RESULT_CHARS) return done({ ok: false, error: `returned more than ${MAX_RESULT_CHARS / 1000} KB` });
  return done({ ok: true, value: parse(json) as unknown });
}
