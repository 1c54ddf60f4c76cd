/**
 * Registers the service worker and offers a reload when a new version is waiting.
 * Never reloads by itself: a guest may be mid-answer.
 *
 * Registration waits until the first screen is interactive and the interview's own code has loaded (the
 * last of the deferred tasks, src/app/first-screen.ts): installing downloads the whole app for offline use,
 * which on a thin link would otherwise compete with what the guest is waiting for. workbox-window itself is
 * fetched then too (it is not needed before).
 */
import { useEffect, useRef, useState } from 'react';
import type { Workbox } from 'workbox-window';
import { afterFirstScreen, IDLE_PRIORITY } from '../first-screen';

export function UpdatePrompt() {
  const [wb, setWb] = useState<Workbox | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  // Reload only after the user asked for the update, never on a controller change they did not cause.
  const updateRequested = useRef(false);

  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    let alive = true;
    const cancel = afterFirstScreen(async () => {
      const { Workbox } = await import('workbox-window');
      if (!alive) return;
      const workbox = new Workbox('/sw.js', { scope: '/' });
      workbox.addEventListener('waiting', () => setWaiting(true));
      // "Ready to work offline" only once this page is controlled by the service worker (it claims the page when its
      // precache is complete): before that, a screen opened offline could not be fetched.
      workbox.addEventListener('controlling', (e) => {
        if (updateRequested.current) window.location.reload();
        else if (!e.isUpdate) setOfflineReady(true);
      });
      setWb(workbox);
      // immediate: the page's load event is long past by now.
      await workbox.register({ immediate: true }).catch((err: unknown) => console.warn('Service worker registration failed', err));
    }, IDLE_PRIORITY.precache);
    return () => {
      alive = false;
      cancel();
    };
  }, []);

  // The "ready offline" note is informative only: it goes away by itself (it sits in the header, never over the page).
  useEffect(() => {
    if (!offlineReady) return;
    const t = setTimeout(() => setOfflineReady(false), 6000);
    return () => clearTimeout(t);
  }, [offlineReady]);

  if (waiting) {
    return (
      <div className="app-note" role="alert">
        A new version of InterQ is ready.
        <button
          type="button"
          onClick={() => {
            updateRequested.current = true;
            wb?.messageSkipWaiting();
          }}
        >
          Reload to update
        </button>
        <button type="button" className="secondary" onClick={() => setWaiting(false)}>
          Later
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="app-note" role="status" data-testid="offline-ready">
        InterQ is ready to work offline.
        <button type="button" className="secondary" onClick={() => setOfflineReady(false)}>
          Dismiss
        </button>
      </div>
    );
  }
  return null;
}
