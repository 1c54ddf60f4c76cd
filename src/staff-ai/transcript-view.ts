/**
 * What staff scoring reads as "the transcripts": the stage document's, plus those an interviewer's device made from
 * queued answers and keeps in the staff document (it may not write the stage). scoreNewAnswers reads transcripts
 * from one stage document, so when the staff document holds any the stage lacks, it gets a throwaway document with
 * both; otherwise the stage document itself.
 */
import * as Y from 'yjs';
import { readAllTranscripts, readStaffTranscripts } from '../sync/answer-results';

export function transcriptsForScoring(stageDoc: Y.Doc, staffDoc: Y.Doc): Y.Doc {
  if (readStaffTranscripts(staffDoc).length === 0) return stageDoc;
  const view = new Y.Doc();
  const map = view.getMap<unknown>('transcripts');
  for (const t of readAllTranscripts(stageDoc, staffDoc)) map.set(t.recordingId, t);
  return view;
}
