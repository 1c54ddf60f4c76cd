/**
 * Plugs the on-device AI processor into the guest's processing queue for as long as the guest screens are open
 * (GuestEntry calls it once). Registering before the runtime opens is fine: the queue drains when a processor
 * arrives.
 *
 * Also the rest of the guest's part in staff-device transcription: the upload queue (src/upload, run by
 * useGuestUploadQueue) sends every finished take to the sync server, and each uploaded take is announced in the
 * stage document with where it is transcribed (a staff device when this device queued it); transcripts a staff
 * device publishes for those takes are shown on the guest's answers.
 */
import { useEffect, useMemo } from 'react';
import { parseDocName } from '../../../domain/access';
import { credentialFor } from '../../../auth/credentials';
import { createGuestAiProcessor, followStaffTranscripts, transcribeOnFor } from '../../../guest/ai-processor';
import { registerAnswerProcessor } from '../../../guest/processing-queue';
import type { DocHandle } from '../../../sync/doc-connection';
import { publishUpload } from '../../../sync/answer-results';
import { useGuestUploadQueue, type GuestUploadQueueOptions } from '../upload/use-guest-upload-queue';

export function useGuestAi(stageDoc: DocHandle | null): void {
  const uploads = useMemo<GuestUploadQueueOptions | null>(() => {
    const interviewId = stageDoc ? parseDocName(stageDoc.name)?.interviewId : undefined;
    if (!stageDoc || !interviewId) return null;
    return {
      interviewId,
      token: async () => (await credentialFor(interviewId))?.token ?? null,
      // Decided by the processor, which may finish after the upload: onUploaded asks again, and the processor
      // updates the record itself when it queues a take already announced.
      transcribeOn: () => 'guest-device',
      onUploaded: async (record) => publishUpload(stageDoc.doc, { ...record, transcribeOn: await transcribeOnFor(record.recordingId) }),
    };
  }, [stageDoc]);
  useGuestUploadQueue(uploads);

  useEffect(() => {
    if (!stageDoc) return;
    // New takes reach the upload queue through useUploadNewTakes (GuestEntry), whether or not they are processed.
    const unregister = registerAnswerProcessor(createGuestAiProcessor({ stageDoc: () => stageDoc.doc }));
    const unfollow = followStaffTranscripts(stageDoc.doc);
    return () => {
      unregister();
      unfollow();
    };
  }, [stageDoc]);
}
