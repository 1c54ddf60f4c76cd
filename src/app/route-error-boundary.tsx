/**
 * Every route's error boundary: when a screen throws while rendering, or its code cannot be loaded, the person
 * reads what happened and what to do, with a way to try again, instead of a blank page. The words are chosen by
 * the pure screenProblem (src/domain/screen-problem.ts); the technical message stays in a closed "Details".
 */
import { Component, useEffect, useRef, useState, type ErrorInfo, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { screenProblem, type ScreenProblem } from '../domain/screen-problem';
import { ScreenLoadError, retryFailedScreens } from './lazy-route';

interface BoundaryProps {
  children: ReactNode;
  /** A change (another address) clears the error: the person went elsewhere. */
  resetKey: string;
}

interface BoundaryState {
  error: unknown;
  /** Bumped by "Try again" so the screen mounts afresh. */
  attempt: number;
}

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever debugs it; the person sees words, not this.
    console.error('A screen failed', error, info.componentStack);
  }

  override componentDidUpdate(prev: BoundaryProps): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error !== null) this.setState({ error: null });
  }

  private readonly retry = () => {
    retryFailedScreens();
    this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
  };

  override render() {
    if (this.state.error !== null) return <ScreenFailed error={this.state.error} onRetry={this.retry} />;
    return <ScreenAttempt key={this.state.attempt}>{this.props.children}</ScreenAttempt>;
  }
}

function ScreenAttempt({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

function useOnlineNow(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

function ScreenFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const online = useOnlineNow();
  const problem: ScreenProblem = screenProblem({
    kind: isChunkLoadError(error) ? 'code-not-loaded' : 'crashed',
    online,
    screen: error instanceof ScreenLoadError ? error.screen : null,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  // The page changed under the person's eyes: move focus to the explanation so screen readers announce it.
  useEffect(() => heading.current?.focus(), []);
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (
    <section className="card narrow" role="alert" data-testid="screen-error" data-problem={problem.kind}>
      <h1 ref={heading} tabIndex={-1}>
        {problem.title}
      </h1>
      <p>{problem.explanation}</p>
      <div className="row">
        <button type="button" onClick={onRetry}>
          Try again
        </button>
        {problem.offerReload && (
          <button type="button" className="secondary" onClick={() => window.location.reload()}>
            Reload InterQ
          </button>
        )}
        <Link to="/">Go to the start page</Link>
      </div>
      <details>
        <summary>Details for technical support</summary>
        <code>{detail}</code>
      </details>
    </section>
  );
}

/** A screen's code (or a chunk it needs) could not be fetched: our own error, or the browser's for a failed import. */
export function isChunkLoadError(error: unknown): boolean {
  if (error instanceof ScreenLoadError) return true;
  if (!(error instanceof Error)) return false;
  return /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i.test(error.message);
}

/** Wraps one route's screen. */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <Boundary resetKey={location.pathname}>{children}</Boundary>;
}
