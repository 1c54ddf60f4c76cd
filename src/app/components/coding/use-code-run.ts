/**
 * Runs code against test cases in the sandbox (a sandboxed frame's worker, worker/sandbox/frame-port.ts, so code
 * that runs out of memory takes the frame's process down, not the guest's page) and judges the result, for a
 * screen: the sandbox module is imported on first use (neither the compiler nor the worker is in the first load),
 * one run at a time, cancellable, with progress. A run that cannot start at all (the worker failed to load) is an error state, not a verdict.
 * While the screen is shown, a sandbox frame is kept started ahead of the next run (keepSandboxFrameWarm), so
 * Run examples does not wait for a new frame's process and worker.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Judgement } from '../../../domain/coding/judge';
import type { CodeTestCase } from '../../../domain/questions';
import type { RunCodeInput } from '../../../../worker/sandbox/run-code';

export type CodeRunState =
  | { phase: 'idle' }
  | { phase: 'running'; finished: number; total: number }
  | { phase: 'done'; judgement: Judgement; code: string }
  | { phase: 'failed'; message: string };

export interface CodeRun {
  state: CodeRunState;
  run(input: Omit<RunCodeInput, 'cases'>, tests: readonly CodeTestCase[]): void;
  stop(): void;
}

export function useCodeRun(): CodeRun {
  const [state, setState] = useState<CodeRunState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    let release: (() => void) | null = null;
    let alive = true;
    void import('../../../../worker/sandbox/frame-port').then(
      ({ keepSandboxFrameWarm }) => {
        if (alive) release = keepSandboxFrameWarm();
      },
      // Not loaded now: the first run loads it again, and says why if it still cannot.
      () => undefined,
    );
    return () => {
      alive = false;
      release?.();
    };
  }, []);

  const run = useCallback((input: Omit<RunCodeInput, 'cases'>, tests: readonly CodeTestCase[]) => {
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setState({ phase: 'running', finished: 0, total: tests.length });
    void (async () => {
      try {
        const { runTestsInSandboxFrame } = await import('../../../../worker/sandbox/frame-port');
        const judgement = await runTestsInSandboxFrame(input, tests, {
          signal: mine.signal,
          onProgress: (finished, total) => !mine.signal.aborted && setState({ phase: 'running', finished, total }),
        });
        if (!mine.signal.aborted) setState({ phase: 'done', judgement, code: input.source });
      } catch (err) {
        if (mine.signal.aborted) return;
        setState({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    })();
  }, []);

  const stop = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ phase: 'idle' });
  }, []);

  return { state, run, stop };
}
