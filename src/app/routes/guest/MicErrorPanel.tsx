/** The inline fix for a microphone failure: what happened, the exact steps for this browser, and Try again. */
import type { MediaErrorInfo } from '../../../media';

export function MicErrorPanel({ error, onRetry, retrying }: { error: MediaErrorInfo; onRetry?: () => void; retrying?: boolean }) {
  return (
    <section className="mic-error" aria-labelledby="mic-error-title" data-testid="mic-error" data-kind={error.kind}>
      <h3 id="mic-error-title">{error.title}</h3>
      <p>{error.message}</p>
      <p className="mic-error-fix-label">How to fix it:</p>
      <ol className="mic-error-fix">
        {error.fix.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {onRetry && (
        <button type="button" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Trying…' : 'Try again'}
        </button>
      )}
      {!error.retryable && <p className="hint">Trying again on this page will not help until the steps above are done.</p>}
      {error.technical && (
        <details className="hint">
          <summary>Technical details</summary>
          <code>{error.technical}</code>
        </details>
      )}
    </section>
  );
}
