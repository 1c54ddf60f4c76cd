/**
 * React side of the one-tab guard (src/guest/tab-lock.ts): which tab runs the guest's interview, and the handoff
 * that lets the guest continue in this tab. The runtime is handed over only when nothing is being recorded, after
 * its state is saved and it is closed, so the next tab resumes exactly where this one stopped.
 */
import { useEffect, useRef, useState } from 'react';
import type { GuestRuntime } from '../../../guest/runtime';
import { holdInterviewTab, type InterviewTab, type TabLockState } from '../../../guest/tab-lock';

const RECORDING = new Set(['starting', 'recording', 'paused', 'stopping']);

export interface InterviewTabControl {
  state: TabLockState | null;
  /** True when this tab may open the runtime. */
  runsHere: boolean;
  takeOver(): void;
  /** The runtime this tab opened, so a handoff can save and close it. */
  runtimeRef: React.MutableRefObject<GuestRuntime | null>;
}

export function useInterviewTab(interviewId: string): InterviewTabControl {
  const [state, setState] = useState<TabLockState | null>(null);
  const runtimeRef = useRef<GuestRuntime | null>(null);
  const tabRef = useRef<InterviewTab | null>(null);
  useEffect(() => {
    const tab = holdInterviewTab({
      interviewId,
      onChange: setState,
      release: async () => {
        const rt = runtimeRef.current;
        if (!rt) return null;
        if (RECORDING.has(rt.takes.getView().status)) return 'an answer is being recorded in the other tab. Stop the recording there first';
        await rt.session.flush();
        rt.dispose();
        runtimeRef.current = null;
        return null;
      },
    });
    tabRef.current = tab;
    return () => {
      tab.close();
      tabRef.current = null;
    };
  }, [interviewId]);
  const runsHere = state?.kind === 'held' || state?.kind === 'unsupported';
  return { state, runsHere, takeOver: () => tabRef.current?.takeOver(), runtimeRef };
}
