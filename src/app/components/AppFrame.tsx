/**
 * The frame around every screen: skip link, header with the home link and the offline pill, the developer's
 * test-model banner, the service worker's update prompt. It takes the home link from its caller so that the
 * invite page (JoinApp) can use it without the router. The banner's code (the model list and its schema) loads
 * only after the first screen is interactive: it is for developers, and no candidate should wait for it.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useOnline } from '../hooks/use-online';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { afterFirstScreen } from '../first-screen';

// A banner whose code cannot be fetched (the device went offline before it loaded) is left out: a failed lazy import
// with no error boundary would take the whole page down with it.
const TestModelBanner = lazy(() =>
  import('./ai/TestModelBanner').then(
    (m) => ({ default: m.TestModelBanner }),
    () => ({ default: () => null }),
  ),
);

export function AppFrame({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const online = useOnline();
  const [bannerDue, setBannerDue] = useState(false);
  useEffect(() => afterFirstScreen(() => setBannerDue(true)), []);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        {brand}
        {!online && (
          <span className="offline-pill" role="status">
            Offline
          </span>
        )}
        {/* Over the header's free end, out of the page's flow: it moves nothing and covers no content or control. */}
        <UpdatePrompt />
      </header>
      {bannerDue && (
        <Suspense fallback={null}>
          <TestModelBanner />
        </Suspense>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
