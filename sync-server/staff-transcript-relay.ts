/**
 * On the server: whenever an interview's assessment document changes, copies the transcripts an interviewer's device
 * made of queued answers to the stage document (src/sync/relay-staff-transcripts.ts). An interviewer may not write
 * the stage, so without this the guest's device would learn its answer was processed only while a host's device
 * is open. The change goes through the stage document's usual path: stored in SQLite, then sent to its readers.
 */
import type * as Y from 'yjs';
import { docName, parseDocName } from '../src/domain/access';
import { observeStaffTranscripts, readStaffTranscripts } from '../src/sync/answer-results';
import { relayStaffTranscripts } from '../src/sync/relay-staff-transcripts';
import type { Logger } from './log';

export function staffTranscriptRelay(openDoc: (name: string) => Promise<Y.Doc>, log: Logger): (name: string, doc: Y.Doc) => void {
  /** Assessment documents (as loaded in memory) whose transcripts are watched; scores and claims cost nothing. */
  const watched = new WeakSet<Y.Doc>();
  return (name, doc) => {
    const parsed = parseDocName(name);
    if (parsed?.kind !== 'assessment' || watched.has(doc)) return;
    watched.add(doc);
    const relay = () => {
      if (readStaffTranscripts(doc).length === 0) return;
      void openDoc(docName(parsed.interviewId, 'stage')).then(
        (stage) => {
          const copied = relayStaffTranscripts(stage, doc);
          if (copied.length > 0) log('info', 'Relayed staff-device transcripts to the stage document', { doc: name, recordings: copied });
        },
        (err: unknown) => log('warn', 'Could not relay staff-device transcripts', { doc: name, error: err instanceof Error ? err.message : String(err) }),
      );
    };
    // Once for what the document already holds, then whenever its transcripts change (chat and reactions do not).
    relay();
    observeStaffTranscripts(doc, relay);
  };
}
