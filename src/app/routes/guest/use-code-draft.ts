/**
 * The guest's code, kept on this device as it is typed (src/guest/drafts.ts), without copying the whole text on
 * every keystroke: a 10,000-line draft is 0.5 MB, and turning it into a string, comparing it and rendering the
 * coding screen with it on each key made typing stutter (bench:coding's long tasks). The editor holds the live
 * text; each keystroke only says that it changed (`changed`, with a way to read it), and the text is taken — read
 * once, rendered and saved — when the typing pauses for SETTLE_MS, at least every MAX_UNSAVED_MS while it goes on,
 * when the page is hidden or left, when the screen goes, and whenever a button needs it (`take`).
 *
 * What a crash can lose is the typing of the last MAX_UNSAVED_MS at most (a reload or a closed tab goes through
 * `pagehide`, which saves at once); while online, every keystroke is also in the code document on the server.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadDraft, saveDraft } from '../../../guest/drafts';

/** A pause in typing after which the text is taken and saved. */
export const SETTLE_MS = 150;
/** The longest typing goes on without the text being saved. */
export const MAX_UNSAVED_MS = 1000;

export interface CodeDraft {
  /** The text as last taken: what the screen renders (behind the editor while `pending`). */
  code: string;
  /** The saved draft has been read (the editor starts from it). */
  loaded: boolean;
  /** The editor has changes not yet taken. */
  pending: boolean;
  /** The editor's text changed; `text` reads all of it, and is called only when the text is taken. */
  changed(text: () => string): void;
  /** Takes the text now (and saves it when it changed): for Submit and Run examples. */
  take(): string;
  /** The editor's text now, without taking it (nothing is rendered or saved). */
  current(): string;
}

export function useCodeDraft(interviewId: string, questionId: string, initial: string): CodeDraft {
  const [code, setCode] = useState(initial);
  const [loaded, setLoaded] = useState(false);
  const [pending, setPending] = useState(false);
  const taken = useRef(initial);
  /** Reads the editor's text; null when nothing changed since the text was last taken. */
  const untaken = useRef<(() => string) | null>(null);
  const settleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const maxTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const take = useCallback((): string => {
    if (settleTimer.current) clearTimeout(settleTimer.current);
    if (maxTimer.current) clearTimeout(maxTimer.current);
    settleTimer.current = null;
    maxTimer.current = null;
    const read = untaken.current;
    if (!read) return taken.current;
    untaken.current = null;
    const text = read();
    taken.current = text;
    setCode(text);
    setPending(false);
    void saveDraft(interviewId, questionId, text);
    return text;
  }, [interviewId, questionId]);

  useEffect(() => {
    let alive = true;
    void loadDraft(interviewId, questionId).then((draft) => {
      if (!alive) return;
      if (draft !== null) {
        taken.current = draft;
        setCode(draft);
      }
      setLoaded(true);
    });
    // Leaving or hiding the page (reload, closed tab, switched app on a phone) saves what is pending right away.
    const leave = () => {
      if (untaken.current) take();
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') leave();
    };
    addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      alive = false;
      removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
      // The screen goes: what is pending is saved now.
      leave();
    };
  }, [interviewId, questionId, take]);

  const changed = useCallback(
    (text: () => string) => {
      untaken.current = text;
      // The same value on later keystrokes: React renders nothing for them.
      setPending(true);
      if (settleTimer.current) clearTimeout(settleTimer.current);
      settleTimer.current = setTimeout(take, SETTLE_MS);
      maxTimer.current ??= setTimeout(take, MAX_UNSAVED_MS);
    },
    [take],
  );

  const current = useCallback(() => (untaken.current ? untaken.current() : taken.current), []);

  return { code, loaded, pending, changed, take, current };
}
