/**
 * "Run examples" under a coding answer: runs the code as it stands against the task's example tests in the sandbox
 * worker and shows each verdict. An endless loop is stopped after a few seconds and said so; the page stays usable
 * throughout (the code never runs on the page). Running is optional and changes nothing that is submitted.
 */
import { useEffect } from 'react';
import type { Judgement } from '../../../domain/coding/judge';
import type { PublicCoding } from '../../../domain/plan-split';
import { TestVerdicts } from '../../components/coding/TestVerdicts';
import { useCodeRun } from '../../components/coding/use-code-run';
import { unavailableButton } from '../../components/busy-button';

/** The lines a run's failures point at, with what went wrong there: marked in the editor. */
export function errorLines(judgement: Judgement): { line: number; message: string }[] {
  if (judgement.loadError) return judgement.loadErrorLine !== undefined ? [{ line: judgement.loadErrorLine, message: judgement.loadError }] : [];
  const seen = new Map<number, string>();
  for (const v of judgement.verdicts) if (v.line !== undefined && !seen.has(v.line)) seen.set(v.line, `Example ${v.index + 1}: ${v.detail ?? v.state}`);
  return [...seen].map(([line, message]) => ({ line, message }));
}

export interface RunExamplesProps {
  question: PublicCoding;
  code: string;
  /** Reads the code as it stands when a run starts (the editor may be ahead of `code`); `code` without it. */
  takeCode?: () => string;
  /** The lines the last run's errors point at (empty when it passed, or the code changed since). */
  onErrorLines?: (lines: { line: number; message: string }[]) => void;
  /** Takes the person to a line of the code (the editor's). */
  onLine?: (line: number) => void;
  /** Each finished run, for the staff's live view (src/sync/code-doc.ts). */
  onRun?: (code: string, judgement: Judgement) => void;
}

export function RunExamples({ question, code, takeCode, onErrorLines, onLine, onRun }: RunExamplesProps) {
  const { state, run, stop } = useCodeRun();
  const running = state.phase === 'running';
  const stale = state.phase === 'done' && state.code !== code;
  const judgement = state.phase === 'done' ? state.judgement : null;
  useEffect(() => {
    onErrorLines?.(judgement && !stale ? errorLines(judgement) : []);
    // Only when the run's result or its freshness changes, not on each render of the callback.
  }, [judgement, stale]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (state.phase === 'done') onRun?.(state.code, state.judgement);
  }, [state]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="run-examples" aria-label="Run the examples" data-testid="run-examples">
      <div className="run-row">
        {/* Unavailable, not disabled, while it runs: the focus stays on it (the status counts the examples) and is on
            "Run examples again" when the run ends. */}
        <button
          type="button"
          className="secondary"
          {...unavailableButton(running || !code.trim(), () =>
            run({ source: takeCode ? takeCode() : code, language: question.language, functionName: question.functionName }, question.exampleTests),
          )}
        >
          {state.phase === 'done' ? 'Run examples again' : 'Run examples'}
        </button>
        {running && (
          <button type="button" className="secondary" onClick={stop}>
            Stop
          </button>
        )}
        <span role="status" aria-live="polite" data-testid="run-status">
          {running ? `Running example ${Math.min(state.finished + 1, state.total)} of ${state.total}…` : stale ? 'The code changed since this run.' : ''}
        </span>
      </div>
      {state.phase === 'failed' && (
        <p className="error" role="alert">
          The examples could not be run on this device: {state.message}
        </p>
      )}
      {state.phase === 'done' && <TestVerdicts judgement={state.judgement} functionName={question.functionName} noun="example" onLine={onLine} />}
    </section>
  );
}
