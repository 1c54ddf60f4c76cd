/**
 * Plugs the on-device AI processor into the guest's processing queue for as long as the guest screens are open
 * (GuestEntry calls it once). Registering before the runtime opens is fine: the queue drains when a processor
 * arrives.
 */
import { useEffect } from 'react';
import { createGuestAiProcessor } from '../../../guest/ai-processor';
import { registerAnswerProcessor } from '../../../guest/processing-queue';
import type { DocHandle } from '../../../sync/doc-connection';

export function useGuestAi(stageDoc: DocHandle | null): void {
  useEffect(() => {
    if (!stageDoc) return;
    return registerAnswerProcessor(createGuestAiProcessor({ stageDoc: () => stageDoc.doc }));
  }, [stageDoc]);
}
