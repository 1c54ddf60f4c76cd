/**
 * Plugs the on-device AI processor into the guest's processing queue for as long as the guest screens are open
 * (GuestEntry calls it once). Registering before the runtime opens is fine: the queue drains when a processor
 * arrives. Also follows the stage document for transcripts a staff device made of answers queued for staff.
 */
import { useEffect } from 'react';
import { createGuestAiProcessor, followStaffTranscripts } from '../../../guest/ai-processor';
import { registerAnswerProcessor } from '../../../guest/processing-queue';
import type { DocHandle } from '../../../sync/doc-connection';

export function useGuestAi(stageDoc: DocHandle | null): void {
  useEffect(() => {
    if (!stageDoc) return;
    const unregister = registerAnswerProcessor(createGuestAiProcessor({ stageDoc: () => stageDoc.doc }));
    const unfollow = followStaffTranscripts(stageDoc.doc);
    return () => {
      unregister();
      unfollow();
    };
  }, [stageDoc]);
}
