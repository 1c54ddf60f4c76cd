/**
 * The frame around every screen: skip link, header with the home link and the offline pill, the developer's
 * test-model banner, the service worker's update prompt. It takes the home link from its caller so that the
 * invite page (JoinApp) can use it without the router. The banner's check (the model list and its schema) loads
 * only after the first screen is interactive: it is for developers, and no candidate should wait for it. Where the
 * page's HTML said the server offers test models, the banner shows from the first frame (test-models-cookie.ts):
 * arriving seconds later, it pushed the page down 134 px on a phone, under a guest's finger.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useOnline } from '../hooks/use-online';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { afterFirstScreen } from '../first-screen';
import { testModelsAnnounced } from './ai/test-models-cookie';
import { TestModelNotice } from './ai/TestModelNotice';

// A check whose code cannot be fetched (the device went offline before it loaded) leaves the banner as announced: a
// failed lazy import with no error boundary would take the whole page down with it.
const TestModelBanner = lazy(() =>
  import('./ai/TestModelBanner').then(
    (m) => ({ default: m.TestModelBanner }),
    () => ({ default: ({ announced }: { announced: boolean }) => (announced ? <TestModelNotice /> : null) }),
  ),
);

export function AppFrame({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const online = useOnline();
  const [bannerDue, setBannerDue] = useState(false);
  const [announced] = useState(testModelsAnnounced);
  useEffect(() => afterFirstScreen(() => setBannerDue(true)), []);
  const announcedBanner = announced ? <TestModelNotice /> : null;
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
        {/* The rest of the header's row, within its height: it moves nothing and covers no content, control or pill. */}
        <UpdatePrompt />
      </header>
      {bannerDue ? (
        <Suspense fallback={announcedBanner}>
          <TestModelBanner announced={announced} />
        </Suspense>
      ) : (
        announcedBanner
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
