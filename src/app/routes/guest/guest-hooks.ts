/** React bindings for the guest runtime (src/guest): external stores read with useSyncExternalStore. */
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { createLevelMeter, type LevelMeter } from '../../../media/level-meter';
import type { StageState } from '../../../domain/stage';
import type { GuestRuntime } from '../../../guest/runtime';
import type { TakeView } from '../../../guest/take-controller';
import type { ProcessingView } from '../../../guest/processing-queue';
import type { PersistStatus } from '../../../guest/session';

export function useStageState(runtime: GuestRuntime): StageState {
  return useSyncExternalStore(runtime.session.subscribe, runtime.session.getState);
}

export function usePersistStatus(runtime: GuestRuntime): PersistStatus {
  return useSyncExternalStore(runtime.session.subscribePersist, runtime.session.getPersistStatus);
}

export function useTakeView(runtime: GuestRuntime): TakeView {
  return useSyncExternalStore(runtime.takes.subscribe, runtime.takes.getView);
}

/**
 * One field of the take's view: the component re-renders only when that field
 * changes, not on every stored chunk (once a second while recording).
 */
export function useTakeField<K extends keyof TakeView>(runtime: GuestRuntime, key: K): TakeView[K] {
  return useSyncExternalStore(runtime.takes.subscribe, () => runtime.takes.getView()[key]);
}

export function useProcessingView(runtime: GuestRuntime): ProcessingView {
  return useSyncExternalStore(runtime.queue.subscribe, runtime.queue.getView);
}

export interface MeterState {
  meter: LevelMeter | null;
  /** False while the browser holds the audio back until a click (autoplay rules). */
  running: boolean;
  /** Starts it from a click when the browser did not let it start by itself. */
  start(): void;
}

/** A level meter on `stream` for the component's lifetime. */
export function useLevelMeter(stream: MediaStream | null): MeterState {
  const [meter, setMeter] = useState<LevelMeter | null>(null);
  const [running, setRunning] = useState(false);
  useEffect(() => {
    if (!stream) return;
    let m: LevelMeter;
    try {
      m = createLevelMeter(stream);
    } catch (error) {
      console.warn('The level meter could not start', error);
      return;
    }
    let alive = true;
    setMeter(m);
    void m.start().then(
      () => alive && setRunning(m.running),
      (error: unknown) => console.warn('The level meter could not start', error),
    );
    return () => {
      alive = false;
      m.stop();
      setMeter(null);
      setRunning(false);
    };
  }, [stream]);
  return {
    meter,
    running,
    start: () => {
      if (meter) void meter.start().then(() => setRunning(meter.running));
    },
  };
}

/**
 * Gives the element the focus once `ready`, but only when the focus was lost
 * (it fell back to the page body because the control that had it went away,
 * as Record does when recording starts, or is about to because that control was
 * disabled, as Save is once saved): a keyboard user carries on from the
 * control that replaced it instead of from the top of the page. Never takes
 * the focus from anything else. A change of `when` checks again (a second
 * save that disables the same button).
 */
export function useFocusWhenLost<T extends HTMLElement>(ready: boolean, when?: unknown): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    // A control just disabled still holds the focus until the browser's next rendering step drops it to the body; one
    // marked busy (aria-disabled, as Record and Stop are while they work) keeps it for what replaces it.
    // `:disabled` also names a control inside a disabled fieldset (the multiple-choice answers once locked).
    const lost = active === null || active === document.body || active.matches(':disabled') || active.getAttribute('aria-disabled') === 'true';
    if (ready && lost) ref.current?.focus();
  }, [ready, when]);
  return ref;
}

/**
 * Moves focus to the element once it mounts (new screen: screen readers start
 * reading there). `enabled` false leaves focus to a child that needs it more
 * (children's effects run first, so a parent would otherwise take it back).
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
    // Mount only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}

/**
 * A new screen of the interview (intro, question, break, error, the end) starts as a new page would: at the page's
 * top, with the focus on its heading (give the returned ref to it) so screen readers start reading there. The guest
 * presses what moves them on at the bottom of the window (the docked bar) or of a long screen, and the next screen
 * showed as far down as the last one had been scrolled: a question's first lines out of sight and its Record under
 * the bar, the end's thanks above the window. Scrolled before the first frame, so nothing is seen to move. `focus`
 * false leaves the focus to a child that needs it more (children's effects run first, so a parent would otherwise
 * take it back).
 */
export function useScreenStart<T extends HTMLElement>(focus = true): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useLayoutEffect(() => {
    // Braces: in some browsers scrollTo returns a promise, which React would take for a cleanup function.
    window.scrollTo(0, 0);
  }, []);
  useEffect(() => {
    if (!focus) return;
    ref.current?.focus({ preventScroll: true });
    // Again: a child's own focus on mount (a stored answer's message, when the screen comes back from a break) has
    // scrolled to it by now.
    window.scrollTo(0, 0);
    // Mount only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}
