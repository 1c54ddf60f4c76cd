/**
 * The moment the first screen can be used, and the work that waits for it. On a thin link (a candidate on Slow 3G)
 * every byte fetched before the guest's technical check is interactive is a byte they wait for; everything
 * else (the interview's screens and sync, the service worker's precache, developer banners) is queued here and
 * runs afterwards at idle priority, one task at a time in order of priority, so it never competes with the
 * first screen and the most needed code arrives first.
 */

/** Lower runs first. */
export const IDLE_PRIORITY = {
  /** The code the guest needs next (the interview's screens, Yjs and the sync client). */
  interview: 0,
  /** Measuring the connection for the technical check. */
  measure: 1,
  /** Code that may be needed later in the interview (the code editor). */
  later: 2,
  /** The service worker's install, which downloads the whole app for offline use. */
  precache: 3,
} as const;

type Task = { priority: number; seq: number; run: () => unknown; cancelled: boolean };

let interactive = false;
const interactiveListeners: Array<() => void> = [];
const queue: Task[] = [];
let running = false;
let seq = 0;

/** Screens that never mark themselves still release the queue after this long. */
const FALLBACK_MS = 4000;
setTimeout(() => markFirstScreenInteractive(), FALLBACK_MS);

/** Called once by the screen a person came for as soon as they can use it (idempotent). */
export function markFirstScreenInteractive(): void {
  if (interactive) return;
  interactive = true;
  globalThis.performance?.mark?.('interq:first-screen-interactive');
  for (const listener of interactiveListeners.splice(0)) listener();
  pump();
}

export function isFirstScreenInteractive(): boolean {
  return interactive;
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    const ric = (globalThis as { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number }).requestIdleCallback;
    // The timeout keeps a busy page (a level meter animating) from starving the queue.
    if (ric) ric(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 50);
  });
}

async function pump(): Promise<void> {
  if (running || !interactive) return;
  running = true;
  try {
    for (;;) {
      // Chosen after the idle wait, so work queued in the same moment (a screen and its parent mounting) is
      // ordered by priority, not by which effect ran first.
      await idle();
      const live = queue.filter((t) => !t.cancelled).sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      queue.length = 0;
      const next = live.shift();
      queue.push(...live);
      if (!next) return;
      try {
        await next.run();
      } catch (error) {
        // A failed prefetch is retried by the import that needs it; it must not stop the queue.
        console.warn('Deferred work failed', error);
      }
    }
  } finally {
    running = false;
  }
}

/**
 * Runs `run` at idle priority once the first screen is interactive, after every task of a lower priority
 * number; a returned promise is awaited before the next task starts. Returns a cancel function.
 */
export function afterFirstScreen(run: () => unknown, priority: number = IDLE_PRIORITY.later): () => void {
  const task: Task = { priority, seq: seq++, run, cancelled: false };
  queue.push(task);
  void pump();
  return () => {
    task.cancelled = true;
  };
}
