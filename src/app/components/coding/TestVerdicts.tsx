/**
 * The verdict of each test case of a coding answer: passed, returned something else (both shown), threw (the
 * message), stopped at the time limit, crashed the sandbox, or not run, with what the code printed. Shared by the
 * guest's "Run examples" and the staff's hidden-test results.
 */
import './coding.css';
import type { Judgement, TestVerdict, VerdictState } from '../../../domain/coding/judge';

const MARK: Record<VerdictState, string> = { passed: '✓', wrong: '✗', threw: '✗', timeout: '⏱', crashed: '✗', 'not-run': '–' };
const LABEL: Record<VerdictState, string> = { passed: 'Passed', wrong: 'Failed', threw: 'Error', timeout: 'Stopped', crashed: 'Crashed', 'not-run': 'Not run' };

export function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function Verdict({ v, functionName, label }: { v: TestVerdict; functionName: string; label: string }) {
  return (
    <li className={`verdict verdict-${v.state}`} data-testid="test-verdict" data-state={v.state}>
      <span className="verdict-mark" aria-hidden="true">
        {MARK[v.state]}
      </span>{' '}
      <strong>
        {label}: {LABEL[v.state]}
      </strong>{' '}
      <code>
        {functionName}({v.args.map(show).join(', ')})
      </code>
      {v.state === 'passed' && <span className="muted"> → {show(v.got)}</span>}
      {v.state === 'wrong' && (
        <span className="verdict-detail">
          returned <code>{show(v.got)}</code>, expected <code>{show(v.expected)}</code>
        </span>
      )}
      {v.state !== 'passed' && v.state !== 'wrong' && v.detail && <span className="verdict-detail">{v.detail}</span>}
      {v.logs.length > 0 && (
        <details>
          <summary>Output ({v.logs.length === 1 ? '1 line' : `${v.logs.length} lines`})</summary>
          <pre className="verdict-logs">{v.logs.join('\n')}</pre>
        </details>
      )}
    </li>
  );
}

export function TestVerdicts({ judgement, functionName, noun }: { judgement: Judgement; functionName: string; noun: string }) {
  const { passed, total, loadError } = judgement;
  return (
    <div className="test-verdicts" data-testid="test-verdicts" data-passed={passed} data-total={total}>
      {loadError ? (
        <p className="error" role="alert">
          The code could not run: {loadError}
        </p>
      ) : (
        <p className="verdict-summary">
          {passed} of {total} {total === 1 ? noun : `${noun}s`} passed.
        </p>
      )}
      {!loadError && (
        <ol className="verdict-list">
          {judgement.verdicts.map((v) => (
            <Verdict key={v.index} v={v} functionName={functionName} label={`${noun[0]!.toUpperCase()}${noun.slice(1)} ${v.index + 1}`} />
          ))}
        </ol>
      )}
    </div>
  );
}
