/**
 * Schedules the 15-second warning and the automatic stop of a take from the
 * stage machine's timestamps (`timerView(state, now)`), never from a counter, so
 * it stays right after a pause, a host extension or a reload: call it again
 * with the new view whenever the state changes.
 */

export interface TimeLimitHandlers {
  onWarning?: () => void;
  onLimit: () => void;
}

export interface TimeLimitDeps {
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function watchTimeLimit(
  view: { deadline: number | null; warnAt: number | null },
  handlers: TimeLimitHandlers,
  deps: TimeLimitDeps = {},
): () => void {
  const now = deps.now ?? (() => Date.now());
  const setTimer = deps.setTimer ?? ((cb, ms) => globalThis.setTimeout(cb, ms));
  const clearTimer = deps.clearTimer ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
  if (view.deadline === null) return () => undefined; // frozen (paused): nothing runs down

  const deadline = view.deadline;
  const warnAt = view.warnAt ?? deadline;
  let warned = false;
  let done = false;
  let handle: unknown = null;

  const check = () => {
    handle = null;
    if (done) return;
    const t = now();
    if (!warned && t >= warnAt) {
      warned = true;
      if (t < deadline) handlers.onWarning?.();
    }
    if (t >= deadline) {
      done = true;
      handlers.onLimit();
      return;
    }
    // Timers can fire early after clock changes or late in background tabs: always re-measure.
    const nextAt = warned ? deadline : Math.min(warnAt, deadline);
    handle = setTimer(check, Math.max(0, nextAt - t));
  };
  check();

  return () => {
    done = true;
    if (handle !== null) clearTimer(handle);
  };
}
