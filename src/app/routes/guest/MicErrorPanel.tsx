/**
 * The inline fix for a microphone failure: what happened, the exact steps for this browser, and Try again. While it
 * tries, Try again is unavailable (aria-disabled, its press refused) rather than disabled, so the keyboard's focus
 * stays on it for a second try when the microphone is refused again; a status says it is trying.
 */
import type { MediaErrorInfo } from '../../../media';
import { unavailableButton } from '../../components/busy-button';

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
        <div>
          <button type="button" {...unavailableButton(retrying === true, onRetry)}>
            Try again
          </button>
          {/* For screen readers: a line shown under the button moved the steps below it (and the technical check's
              connection) down and up again as the browser answered. The button is drawn unavailable meanwhile. */}
          <p role="status" className="sr-only" data-testid="mic-retrying">
            {retrying ? 'Trying the microphone again…' : ''}
          </p>
        </div>
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
