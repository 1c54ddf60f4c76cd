/**
 * The verdict of each test case of a coding answer: passed, returned something else (both shown), threw (the
 * message), stopped at the time limit, stopped for using too much memory, crashed the sandbox, or not run, with what the code printed. Shared by the
 * guest's "Run examples" (from a fresh judgement) and the staff's results (from the stored coding score).
 */
import './coding.css';
import type { Judgement, VerdictState } from '../../../domain/coding/judge';

const MARK: Record<VerdictState, string> = { passed: '✓', wrong: '✗', threw: '✗', timeout: '⏱', memory: '✗', crashed: '✗', 'not-run': '–' };
const LABEL: Record<VerdictState, string> = { passed: 'Passed', wrong: 'Failed', threw: 'Error', timeout: 'Stopped', memory: 'Out of memory', crashed: 'Crashed', 'not-run': 'Not run' };

/** One test as shown: values already as JSON text. */
export interface VerdictRow {
  key: string;
  label: string;
  state: VerdictState;
  call: string;
  got: string | null;
  expected: string;
  detail: string | null;
  /** The line of the code it failed at, when known. */
  line?: number;
  logs: readonly string[];
}

export function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `onLine`: shows the line a failure points at as a button that takes the person there (the guest's editor). */
export function VerdictList({ rows, onLine }: { rows: readonly VerdictRow[]; onLine?: (line: number) => void }) {
  return (
    <ol className="verdict-list">
      {rows.map((v) => (
        <li key={v.key} className={`verdict verdict-${v.state}`} data-testid="test-verdict" data-state={v.state}>
          {/* Drawn by CSS from data-mark: a decorative symbol (the state is the words beside it) in the text's own colour,
              whose contrast axe cannot compute for a symbol as text and listed "to review" on every coding screen. */}
          <span className="verdict-mark" data-mark={MARK[v.state]} aria-hidden="true" />{' '}
          <strong>
            {v.label}: {LABEL[v.state]}
          </strong>{' '}
          <code>{v.call}</code>
          {v.state === 'passed' && v.got !== null && <span className="muted"> → {v.got}</span>}
          {v.state === 'wrong' && (
            <span className="verdict-detail">
              returned <code>{v.got}</code>, expected <code>{v.expected}</code>
            </span>
          )}
          {v.state !== 'passed' && v.state !== 'wrong' && v.detail && (
            <span className="verdict-detail">
              {v.detail}
              {v.line !== undefined && <LineLink line={v.line} onLine={onLine} />}
            </span>
          )}
          {v.logs.length > 0 && (
            <details>
              <summary>Output ({v.logs.length === 1 ? '1 line' : `${v.logs.length} lines`})</summary>
              <pre className="verdict-logs">{v.logs.join('\n')}</pre>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

function LineLink({ line, onLine }: { line: number; onLine: ((line: number) => void) | undefined }) {
  return onLine ? (
    <button type="button" className="secondary verdict-line" onClick={() => onLine(line)}>
      Go to line {line}
    </button>
  ) : (
    <span className="muted"> (line {line})</span>
  );
}

export function TestVerdicts({ judgement, functionName, noun, onLine }: { judgement: Judgement; functionName: string; noun: string; onLine?: (line: number) => void }) {
  const { passed, total, loadError } = judgement;
  const title = `${noun[0]!.toUpperCase()}${noun.slice(1)}`;
  const rows: VerdictRow[] = judgement.verdicts.map((v) => ({
    key: String(v.index),
    label: `${title} ${v.index + 1}`,
    state: v.state,
    call: `${functionName}(${v.args.map(show).join(', ')})`,
    got: v.got === undefined ? null : show(v.got),
    expected: show(v.expected),
    detail: v.detail ?? null,
    ...(v.line !== undefined ? { line: v.line } : {}),
    logs: v.logs,
  }));
  return (
    <div className="test-verdicts" data-testid="test-verdicts" data-passed={passed} data-total={total}>
      {loadError ? (
        <p className="error" role="alert">
          The code could not run: {loadError}
          {judgement.loadErrorLine !== undefined && <LineLink line={judgement.loadErrorLine} onLine={onLine} />}
        </p>
      ) : (
        <>
          <p className="verdict-summary">
            {passed} of {total} {total === 1 ? noun : `${noun}s`} passed.
          </p>
          <VerdictList rows={rows} onLine={onLine} />
        </>
      )}
    </div>
  );
}
