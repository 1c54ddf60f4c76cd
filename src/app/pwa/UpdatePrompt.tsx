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

  // The "ready offline" note is informative only: it goes away by itself, but not while the keyboard or the
  // pointer is on it (someone reading it, or about to press Dismiss).
  const [noteFocused, setNoteFocused] = useState(false);
  const [noteHovered, setNoteHovered] = useState(false);
  useEffect(() => {
    if (!offlineReady || noteFocused || noteHovered) return;
    const t = setTimeout(() => setOfflineReady(false), 6000);
    return () => clearTimeout(t);
  }, [offlineReady, noteFocused, noteHovered]);
  const dismissNote = () => {
    // The Dismiss button goes with the note: keyboard focus goes to the page's content, not to the document's start.
    if (noteFocused) document.getElementById('main')?.focus();
    setNoteFocused(false);
    setNoteHovered(false);
    setOfflineReady(false);
  };

  // "A new version is ready" stays until answered; Later or Escape puts the update off for this page.
  const updatePrompt = useRef<HTMLDivElement>(null);
  const putOffUpdate = () => {
    // Its buttons go with it: keyboard focus goes to the page's content, not to the document's start.
    if (updatePrompt.current?.contains(document.activeElement)) document.getElementById('main')?.focus();
    setWaiting(false);
  };

  // Both notes come unasked (the offline one 10–15 s after the first load, the update one whenever a deployment
  // lands), while a guest may be pressing a button: they must not move the page. Their live region is always there
  // (a region added with its text is not reliably announced) and takes the header's free end, after the brand and
  // the Offline pill (styles.css .app-note-slot), taking no room in the page's flow. A polite status, not an alert:
  // neither is worth interrupting a guest's answer for.
  return (
    <div className="app-note-slot" role="status">
      {waiting ? (
        <div
          ref={updatePrompt}
          className="app-note app-note-over app-note-update"
          data-testid="update-ready"
          onKeyDown={(e) => {
            if (e.key === 'Escape') putOffUpdate();
          }}
        >
          <span>A new version is ready.</span>
          <span className="app-note-actions">
            <button
              type="button"
              onClick={() => {
                updateRequested.current = true;
                wb?.messageSkipWaiting();
              }}
            >
              {/* "Reload" alone on a phone narrower than 360 px (styles.css): the name stays "Reload to update". */}
              Reload<span className="app-note-wide"> to update</span>
            </button>
            <button type="button" className="secondary" onClick={putOffUpdate}>
              Later
            </button>
          </span>
        </div>
      ) : (
        offlineReady && (
          <div
            className="app-note app-note-over"
            data-testid="offline-ready"
            onMouseEnter={() => setNoteHovered(true)}
            onMouseLeave={() => setNoteHovered(false)}
            onFocus={() => setNoteFocused(true)}
            onBlur={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setNoteFocused(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') dismissNote();
            }}
          >
            InterQ is ready to work offline.
            <button type="button" className="secondary" onClick={dismissNote}>
              Dismiss
            </button>
          </div>
        )
      )}
    </div>
  );
}
