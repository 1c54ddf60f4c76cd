/**
 * Copies transcripts an interviewer's device made of queued answers (assessment document, which it may write) to the
 * stage document (which it may not), so the guest's device learns its answer was processed and where. The sync
 * server runs it whenever an assessment document changes (sync-server/staff-transcript-relay.ts), so this works with no
 * host device open; a host's device runs it too, for sessions it holds offline.
 *
 * Only takes the guest's device queued for staff, only for the question the take answers, and only where the stage
 * has no transcript yet: the assessment document can never overwrite what the guest's device or a host wrote.
 */
import type * as Y from 'yjs';
import { publishTranscript, readStaffTranscripts, readTranscript, readUpload } from './answer-results';

/** Returns the recording ids copied. */
export function relayStaffTranscripts(stageDoc: Y.Doc, assessmentDoc: Y.Doc): string[] {
  const copied: string[] = [];
  for (const t of readStaffTranscripts(assessmentDoc)) {
    if (readTranscript(stageDoc, t.recordingId)) continue;
    const upload = readUpload(stageDoc, t.recordingId);
    if (!upload || upload.transcribeOn !== 'staff-device' || upload.questionId !== t.questionId) continue;
    publishTranscript(stageDoc, t);
    copied.push(t.recordingId);
  }
  return copied;
}
