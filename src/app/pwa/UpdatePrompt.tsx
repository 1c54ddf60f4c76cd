/**
 * Registers the service worker and offers a reload when a new version is waiting.
 * Never reloads by itself: a guest may be mid-answer.
 */
import { useEffect, useRef, useState } from 'react';
import { Workbox } from 'workbox-window';

export function UpdatePrompt() {
  const [wb, setWb] = useState<Workbox | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  // Reload only after the user asked for the update, never on a controller change they did not cause.
  const updateRequested = useRef(false);

  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    const workbox = new Workbox('/sw.js', { scope: '/' });
    workbox.addEventListener('waiting', () => setWaiting(true));
    workbox.addEventListener('installed', (e) => {
      if (!e.isUpdate) setOfflineReady(true);
    });
    workbox.addEventListener('controlling', () => {
      if (updateRequested.current) window.location.reload();
    });
    workbox.register().catch((err: unknown) => console.warn('Service worker registration failed', err));
    setWb(workbox);
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
