/**
 * The guest's part in tech support while the interview is open: publishes this device's diagnostics in its stage
 * presence, records incidents in the support document, and carries out support's actions (the guided fix is
 * returned for the screen to show).
 *
 * The diagnostics start with the stage document alone, not with the runtime: a guest whose microphone fails on the
 * technical check is the guest support most needs to see, and the runtime waits for the plan, the stage's first
 * sync and this device's storage. The microphone is the page's one GuestMicrophone (the runtime takes over the same
 * object), so its error is there from the check on; what only the runtime knows (recording, the question on
 * screen) is read from it once it has opened.
 */
import { useEffect, useRef, useState } from 'react';
import type { GuestRuntime } from '../../../guest/runtime';
import { guestMicrophone } from '../../../guest/microphone';
import { startDiagnosticsCollector } from '../../../guest/support/diagnostics-collector';
import { startDiagnosticsPublisher } from '../../../guest/support/publish-diagnostics';
import { followSupportActions } from '../../../guest/support/apply-support-actions';
import type { SupportAction } from '../../../domain/support/records';
import type { DocHandle } from '../../../sync/doc-connection';
import { readStageState } from '../../../sync/stage-doc';
import { appDb } from '../../../storage/db';

export function useGuestSupport(
  interviewId: string,
  guestName: string,
  docs: { stage: DocHandle | null; plan: DocHandle | null; support: DocHandle | null },
  runtime: GuestRuntime | null,
): { guidedFix: SupportAction | null; dismissGuidedFix: () => void } {
  const [guidedFix, setGuidedFix] = useState<SupportAction | null>(null);
  const { stage, plan, support } = docs;
  // Read by the publisher on each tick: the runtime's arrival must not restart it (that would count the
  // connection's reconnects from zero and record the microphone's incident a second time).
  const runtimeRef = useRef(runtime);
  useEffect(() => {
    runtimeRef.current = runtime;
  }, [runtime]);

  useEffect(() => {
    if (!stage) return;
    const collector = startDiagnosticsCollector({
      interviewId,
      microphone: guestMicrophone,
      isRecording: () => runtimeRef.current?.session.getState().stage === 'recording',
      connection: stage,
      db: appDb(),
    });
    const stopPublisher = startDiagnosticsPublisher({
      awareness: stage.awareness(),
      collector,
      supportDoc: () => support?.doc ?? null,
      guestName,
      questionId: () => {
        const s = runtimeRef.current?.session.getState();
        return !s || s.stage === 'setup' || s.stage === 'intro' ? null : (s.questions[s.currentIndex]?.id ?? null);
      },
      // Before the runtime opened, the stage document says whether this interview was already completed.
      isOpen: () => (runtimeRef.current?.session.getState() ?? readStageState(stage.doc))?.stage !== 'completed',
    });
    return () => {
      stopPublisher();
      collector.stop();
    };
  }, [interviewId, guestName, stage, support]);

  useEffect(() => {
    if (!support || !plan || !runtime) return;
    let stop: (() => void) | null = null;
    let alive = true;
    // Answer only actions that synced in, not a stale local copy being loaded.
    void support.whenLocal.then(() => {
      if (!alive) return;
      stop = followSupportActions({ supportDoc: support.doc, planDoc: plan.doc, runtime, guestName, showGuidedFix: setGuidedFix });
    });
    return () => {
      alive = false;
      stop?.();
    };
  }, [support, plan, runtime, guestName]);

  return { guidedFix, dismissGuidedFix: () => setGuidedFix(null) };
}
