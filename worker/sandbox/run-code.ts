/**
 * Runs a candidate's code against test arguments in a fresh sandbox worker and reports each case. JavaScript in a
 * worker cannot be interrupted, so an endless loop is stopped the only way there is: the worker is terminated when
 * a case passes its time limit, and the cases after it are reported as not run. A sandbox stopped for its memory
 * (SandboxMemoryError from the port) is reported as such on the case it was running; one that dies otherwise as a
 * crash. Platform-free: the transport is passed in (frame-port.ts, node-port.ts).
 */
import { judge, memoryDetail, type CaseResult, type Judgement, type SandboxReport } from '../../src/domain/coding/judge';
import type { CodeTestCase } from '../../src/domain/questions';
import { isSandboxMessage, SANDBOX_PROTOCOL_VERSION, type SandboxLanguage, type SandboxRunRequest } from './protocol';

/** The worker seen as a message port. */
export interface SandboxPort {
  postMessage(message: SandboxRunRequest): void;
  /** Registers listeners; returns a function that removes them. */
  listen(onMessage: (data: unknown) => void, onFailure: (error: Error) => void): () => void;
  terminate(): void;
  /**
   * Whether the sandbox is still alive, asked when a case reaches its time limit: a sandbox whose process died of
   * running out of memory meanwhile is reported for its memory, not as an endless loop. Ports whose failures say
   * so themselves (a Node worker's resource limit, a browser worker's error) leave it out.
   */
  alive?(): Promise<boolean>;
}

/** The port's report that the code used more memory than the sandbox allows (`limitMb` null: the browser's own limit). */
export class SandboxMemoryError extends Error {
  constructor(readonly limitMb: number | null) {
    super(memoryDetail(limitMb));
    this.name = 'SandboxMemoryError';
  }
}

export interface RunCodeInput {
  source: string;
  language: SandboxLanguage;
  functionName: string;
  cases: unknown[][];
}

export interface RunCodeOptions {
  /** Longest one case may run (default 2 s: the bank's solutions take milliseconds). */
  perCaseMs?: number;
  /**
   * Longest the candidate's top-level code may run once the sandbox has started and compiled it (default 10 s): past
   * it, an endless loop outside the function.
   */
  loadMs?: number;
  /**
   * Longest the sandbox may take to start and compile the code (default 60 s): a busy device loading the worker and
   * the compiler, not the candidate's doing, so it has its own limit and its own words.
   */
  startMs?: number;
  signal?: AbortSignal;
  /** Called as cases finish, for a progress display. */
  onProgress?: (finished: number, total: number) => void;
}

export const DEFAULT_PER_CASE_MS = 2000;
export const DEFAULT_LOAD_MS = 10_000;
export const DEFAULT_START_MS = 60_000;

export function runCode(spawn: () => SandboxPort, input: RunCodeInput, options: RunCodeOptions = {}): Promise<SandboxReport> {
  const perCaseMs = options.perCaseMs ?? DEFAULT_PER_CASE_MS;
  const loadMs = options.loadMs ?? DEFAULT_LOAD_MS;
  const startMs = options.startMs ?? DEFAULT_START_MS;
  const total = input.cases.length;
  return new Promise<SandboxReport>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('The run was cancelled', 'AbortError'));
      return;
    }
    const results: CaseResult[] = input.cases.map(() => ({ state: 'not-run' }));
    let loadError: string | null = null;
    let loadErrorLine: number | undefined;
    /** Where the sandbox is: starting (the worker and compiler), loading (the code's top level), or past both. */
    let phase: 'starting' | 'loading' | 'loaded' = 'starting';
    let running: number | null = null;
    let finished = 0;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const port = spawn();

    /**
     * A limit (start, load or case) is judged only after what the sandbox sent before it has been read. On a busy
     * device this page and the sandbox are starved together, and when they run again the timer can come before a
     * message that was already waiting (Node runs due timers before it reads a worker's messages): that step had
     * finished, and was reported as over its limit. One more turn of the event loop reads the waiting messages; a
     * message that arrives meanwhile counts (`stillDue` is false then) and the run goes on as if the timer had not
     * fired.
     */
    const armLimit = (ms: number, stillDue: () => boolean, onLimit: () => void) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        setTimeout(() => {
          if (stillDue()) onLimit();
        }, 0);
      }, ms);
    };
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      unlisten();
      options.signal?.removeEventListener('abort', onAbort);
      port.terminate();
      if (error) reject(error);
      else resolve(loadErrorLine === undefined ? { loadError, cases: results } : { loadError, loadErrorLine, cases: results });
    };
    const onAbort = () => finish(new DOMException('The run was cancelled', 'AbortError'));

    const unlisten = port.listen(
      (data) => {
        if (settled || !isSandboxMessage(data)) return;
        switch (data.type) {
          case 'loading':
            phase = 'loading';
            armLimit(
              loadMs,
              () => !settled && phase === 'loading',
              () => {
                loadError = `the code did not finish loading within ${loadMs / 1000} s (an endless loop outside the function?)`;
                finish();
              },
            );
            return;
          case 'ready':
            phase = 'loaded';
            if (timer) clearTimeout(timer);
            return;
          case 'case-start': {
            const index = data.index;
            running = index;
            // The port's "are you alive" question is a round trip behind the waiting messages too.
            const stillRunning = () => !settled && running === index;
            const report = (result: CaseResult) => {
              if (!stillRunning()) return;
              results[index] = result;
              finish();
            };
            armLimit(perCaseMs, stillRunning, () => {
              if (!port.alive) report({ state: 'timeout', limitMs: perCaseMs });
              else
                void port.alive().then(
                  (alive) => report(alive ? { state: 'timeout', limitMs: perCaseMs } : { state: 'memory', limitMb: null }),
                  () => report({ state: 'timeout', limitMs: perCaseMs }),
                );
            });
            return;
          }
          case 'case': {
            if (timer) clearTimeout(timer);
            running = null;
            const o = data.outcome;
            if (data.index >= 0 && data.index < total) {
              results[data.index] = o.ok ? { state: 'returned', value: o.value, ms: o.ms, logs: o.logs } : { state: 'threw', error: o.error, ...(typeof o.line === 'number' ? { line: o.line } : {}), ms: o.ms, logs: o.logs };
            }
            finished += 1;
            options.onProgress?.(finished, total);
            return;
          }
          case 'load-error':
            phase = 'loaded';
            if (timer) clearTimeout(timer);
            loadError = data.message;
            if (typeof data.line === 'number') loadErrorLine = data.line;
            return;
          case 'done':
            finish();
            return;
        }
      },
      (error) => {
        if (settled) return;
        if (error instanceof SandboxMemoryError) {
          if (running !== null) results[running] = { state: 'memory', limitMb: error.limitMb };
          else if (finished === 0) loadError = `the code ${error.message} while loading`;
          finish();
          return;
        }
        const why = error.message || 'the sandbox stopped';
        if (running !== null) results[running] = { state: 'crashed', error: `the sandbox stopped during this test: ${why}` };
        else if (finished === 0) loadError = `the sandbox stopped before running the code: ${why}`;
        finish();
      },
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // Until the sandbox says it runs the code, only the start is timed (a sandbox of an older build never says so, and
    // is judged by this limit alone).
    armLimit(
      startMs,
      () => !settled && phase === 'starting',
      () => {
        loadError = `the sandbox did not start within ${startMs / 1000} s (the device is busy; the code itself never ran)`;
        finish();
      },
    );
    port.postMessage({ v: SANDBOX_PROTOCOL_VERSION, type: 'run', ...input });
  });
}

/** Runs the code against test cases and judges each result; the expected values stay out of the sandbox. */
export async function runTests(spawn: () => SandboxPort, code: Omit<RunCodeInput, 'cases'>, tests: readonly CodeTestCase[], options?: RunCodeOptions): Promise<Judgement> {
  return judge(await runCode(spawn, { ...code, cases: tests.map((t) => t.args) }, options), tests);
}
