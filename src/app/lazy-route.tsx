/**
 * A screen loaded on first use (its own chunk), whose import is retried before it counts as failed.
 *
 * Why: on a first visit the page is not yet controlled by the service worker while it precaches; a screen opened
 * offline in that window, or on a flaky connection, fails to import ("Failed to fetch dynamically imported
 * module"). React.lazy keeps a failed import forever, so the screen stayed blank until a reload. Here a failed
 * import waits for a better chance (the service worker taking control, which serves the chunk from its precache;
 * the browser coming back online; or a short delay) and tries again. If it still fails, it throws a
 * ScreenLoadError for the route's error boundary (route-error-boundary.tsx), whose "Try again" calls
 * retryFailedScreens() so the next render imports afresh.
 */
import { lazy, type ComponentType } from 'react';

/** A screen's code could not be loaded after the retries: neither on this device nor from the server. */
export class ScreenLoadError extends Error {
  override name = 'ScreenLoadError';
  constructor(
    readonly screen: string,
    readonly failure: unknown,
  ) {
    super(`The ${screen} screen could not be loaded: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
}

/** Imports tried in all before ScreenLoadError (the first one included). */
export const IMPORT_ATTEMPTS = 3;
/** Longest wait for a better chance between two attempts. */
const RETRY_WAIT_MS = [400, 1500];

/**
 * Resolves at the first sign that an import could now succeed: a service worker took control of the page (it
 * serves precached chunks), the browser came online, or the wait ran out.
 */
function nextChance(waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sw = typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : null;
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      sw?.removeEventListener('controllerchange', done);
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    window.addEventListener('online', done);
    sw?.addEventListener('controllerchange', done);
  });
}

export async function importWithRetry<T>(screen: string, load: () => Promise<T>, attempts = IMPORT_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (err) {
      if (attempt >= attempts) throw new ScreenLoadError(screen, err);
      await nextChance(RETRY_WAIT_MS[Math.min(attempt - 1, RETRY_WAIT_MS.length - 1)]!);
    }
  }
}

/** Screens whose import failed; "Try again" gives each a fresh import. */
const failed = new Set<() => void>();

export function retryFailedScreens(): void {
  for (const reset of [...failed]) reset();
  failed.clear();
}

/** A route's screen component; `preload` starts its import before the route renders and settles when it is done (or failed). */
export type LazyScreen<P extends object> = ComponentType<P> & { preload(): Promise<void> };

/**
 * A route's screen, loaded on first render (or earlier through `preload`). `screen` names it in the error a person
 * may see ("the planning screen"); `load` is the dynamic import, e.g. `() => import('./routes/HomePage').then((m) => m.HomePage)`.
 * Once the import has resolved the screen renders directly, without suspending: React holds back content that
 * replaces a Suspense fallback until 300 ms after the fallback showed, so a preloaded screen would otherwise wait.
 */
export function lazyRoute<P extends object>(screen: string, load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  // One import (with its retries) until "Try again": a preload that failed is the failure the route then shows.
  const importOnce = () => (pending ??= importWithRetry(screen, load).then((Component) => (loaded = Component)));
  const make = () =>
    lazy(() =>
      importOnce().then(
        (Component) => ({ default: Component }),
        (err: unknown) => {
          failed.add(reset);
          throw err;
        },
      ),
    );
  let Current = make();
  function reset() {
    pending = null;
    Current = make();
  }
  function LazyScreen(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Current {...props} />;
  }
  LazyScreen.displayName = `LazyScreen(${screen})`;
  LazyScreen.preload = () => importOnce().then(
    () => undefined,
    () => undefined,
  );
  return LazyScreen;
}
