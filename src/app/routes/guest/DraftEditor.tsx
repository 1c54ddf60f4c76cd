/** A text area whose content is kept on this device as the guest types (src/guest/drafts.ts), restored after a reload. */
import { useEffect, useRef, useState } from 'react';
import { loadDraft, saveDraft } from '../../../guest/drafts';

export function useDraft(interviewId: string, questionId: string, initial: string): [string, (v: string) => void, boolean] {
  const [value, setValue] = useState(initial);
  const [loaded, setLoaded] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(value);
  useEffect(() => {
    let alive = true;
    void loadDraft(interviewId, questionId).then((draft) => {
      if (!alive) return;
      if (draft !== null) {
        setValue(draft);
        latest.current = draft;
      }
      setLoaded(true);
    });
    return () => {
      alive = false;
      // Write what is pending right away when the screen goes.
      if (timer.current) {
        clearTimeout(timer.current);
        void saveDraft(interviewId, questionId, latest.current);
      }
    };
  }, [interviewId, questionId]);
  const update = (v: string) => {
    setValue(v);
    latest.current = v;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void saveDraft(interviewId, questionId, v);
    }, 400);
  };
  return [value, update, loaded];
}
