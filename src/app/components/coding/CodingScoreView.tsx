/**
 * Staff view of a coding answer's first-pass score: how many example and hidden tests the submitted code passed,
 * the explanation, and every test with its verdict. Hidden tests are shown here only: this view is on staff screens,
 * reading the assessment document the guest never opens.
 */
import type { CodingScoreRecord } from '../../../sync/answer-results';
import { VerdictList, type VerdictRow } from './TestVerdicts';

/** `[[1,2],3]` (the arguments array as JSON) shown as a call: `sum([1,2], 3)`. */
function callText(functionName: string, argsJson: string): string {
  const inner = argsJson.startsWith('[') && argsJson.endsWith(']') ? argsJson.slice(1, -1) : argsJson;
  return `${functionName}(${inner})`;
}

export function CodingScoreView({ score, functionName }: { score: CodingScoreRecord; functionName: string }) {
  let example = 0;
  let hidden = 0;
  const rows: VerdictRow[] = score.tests.map((t, i) => ({
    key: String(i),
    label: t.hidden ? `Hidden test ${++hidden}` : `Example ${++example}`,
    state: t.state,
    call: callText(functionName, t.args),
    got: t.got,
    expected: t.expected,
    detail: t.detail,
    logs: [],
  }));
  return (
    <div className="ai-score" data-testid="ai-coding-score" data-score={score.score} data-passed={score.passed} data-total={score.total}>
      <p>
        <strong>
          Tests passed: {score.passed} of {score.total}
        </strong>{' '}
        ({score.examplesPassed} of {score.examplesTotal} examples, {score.passed - score.examplesPassed} of {score.total - score.examplesTotal} hidden) · score{' '}
        {score.score.toFixed(1)} / 5
      </p>
      <p data-testid="ai-coding-explanation">{score.explanation}</p>
      {score.loadError === null && (
        <details>
          <summary>Every test ({score.total})</summary>
          <VerdictList rows={rows} />
        </details>
      )}
      <p className="muted ai-where">Run against the answer key's tests in the code sandbox on a staff device ({score.scoredBy}).</p>
    </div>
  );
}
