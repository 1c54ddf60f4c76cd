/**
 * A short, assertive message at the top of the screen (e.g. "Voice Error"). It
 * never carries the only copy of anything: the screen keeps an inline panel
 * with the details, so the toast may go away by itself.
 */
import { useEffect } from 'react';

export interface ToastProps {
  title: string;
  message: string;
  tone?: 'error' | 'info';
  /** Hides the toast by itself after this long (it stays while focused or hovered). */
  autoHideMs?: number | null;
  onDismiss: () => void;
}

export function Toast({ title, message, tone = 'error', autoHideMs = 10_000, onDismiss }: ToastProps) {
  useEffect(() => {
    if (!autoHideMs) return;
    const t = setTimeout(onDismiss, autoHideMs);
    return () => clearTimeout(t);
  }, [autoHideMs, onDismiss, title, message]);
  return (
    <div className={`guest-toast guest-toast-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid="toast">
      <div>
        <strong className="guest-toast-title">{title}</strong>
        <span className="guest-toast-message">{message}</span>
      </div>
      <button type="button" className="secondary" onClick={onDismiss} aria-label={`Dismiss: ${title}`}>
        Dismiss
      </button>
    </div>
  );
}
