/**
 * "Run examples" under a coding answer: runs the code as it stands against the task's example tests in the sandbox
 * worker and shows each verdict. An endless loop is stopped after a few seconds and said so; the page stays usable
 * throughout (the code never runs on the page). Running is optional and changes nothing that is submitted.
 */
import type { PublicCoding } from '../../../domain/plan-split';
import { TestVerdicts } from '../../components/coding/TestVerdicts';
import { useCodeRun } from '../../components/coding/use-code-run';

export function RunExamples({ question, code }: { question: PublicCoding; code: string }) {
  const { state, run, stop } = useCodeRun();
  const running = state.phase === 'running';
  const stale = state.phase === 'done' && state.code !== code;
  return (
    <section className="run-examples" aria-label="Run the examples" data-testid="run-examples">
      <div className="run-row">
        <button
          type="button"
          className="secondary"
          disabled={running || !code.trim()}
          onClick={() => run({ source: code, language: question.language, functionName: question.functionName }, question.exampleTests)}
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
      {state.phase === 'done' && <TestVerdicts judgement={state.judgement} functionName={question.functionName} noun="example" />}
    </section>
  );
}
