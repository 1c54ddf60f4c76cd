/**
 * The guest's part in tech support while the interview is open: publishes this device's diagnostics in its stage
 * presence, records incidents in the support document, and carries out support's actions (the guided fix is
 * returned for the screen to show).
 */
import { useEffect, useState } from 'react';
import type { GuestRuntime } from '../../../guest/runtime';
import { startDiagnosticsCollector } from '../../../guest/support/diagnostics-collector';
import { startDiagnosticsPublisher } from '../../../guest/support/publish-diagnostics';
import { followSupportActions } from '../../../guest/support/apply-support-actions';
import type { SupportAction } from '../../../domain/support/records';
import type { DocHandle } from '../../../sync/doc-connection';
import { appDb } from '../../../storage/db';

export function useGuestSupport(
  interviewId: string,
  guestName: string,
  docs: { stage: DocHandle | null; plan: DocHandle | null; support: DocHandle | null },
  runtime: GuestRuntime | null,
): { guidedFix: SupportAction | null; dismissGuidedFix: () => void } {
  const [guidedFix, setGuidedFix] = useState<SupportAction | null>(null);
  const { stage, plan, support } = docs;

  useEffect(() => {
    if (!stage || !runtime) return;
    const collector = startDiagnosticsCollector({
      interviewId,
      microphone: runtime.microphone,
      isRecording: () => runtime.session.getState().stage === 'recording',
      connection: stage,
      db: appDb(),
    });
    const stopPublisher = startDiagnosticsPublisher({
      awareness: stage.awareness(),
      collector,
      supportDoc: () => support?.doc ?? null,
      guestName,
      questionId: () => {
        const s = runtime.session.getState();
        return s.stage === 'setup' || s.stage === 'intro' ? null : (s.questions[s.currentIndex]?.id ?? null);
      },
      isOpen: () => runtime.session.getState().stage !== 'completed',
    });
    return () => {
      stopPublisher();
      collector.stop();
    };
  }, [interviewId, guestName, stage, support, runtime]);

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
