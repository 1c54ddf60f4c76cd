/**
 * One answer's transcript on the completed screen, in a disclosure whose one line ("Transcript") is there from the
 * first frame. A transcript already on the device when the screen opens shows open, as before. One the device makes
 * after that (the answer was still waiting for transcription) arrives closed: opened by itself it pushed every later
 * answer down under the guest reading them. The guest opens it when they choose.
 *
 * A guest who opened it while it said "Not made yet" is not handed the transcript either: swapped in, it pushed the
 * answers below as the other one did. "Your transcript is ready: show it" takes the note's place, in a cell that keeps
 * the note's room, is said politely to a screen reader (the cell is a live region), and shows the transcript when
 * pressed, with the focus on it.
 */
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { loadTranscript } from '../../../guest/transcripts';
import { useLive } from '../../hooks/use-live';
import { TranscriptCheck } from './TranscriptCheck';

export function CompletedTranscript({ recordingId, stageDoc }: { recordingId: string; stageDoc: Y.Doc | null }) {
  const transcript = useLive(() => loadTranscript(recordingId), [recordingId]);
  const [open, setOpen] = useState(false);
  const [firstRead, setFirstRead] = useState(true);
  // Opened by the guest while the transcript was not there: it waits behind "show it" when it comes.
  const [openedWaiting, setOpenedWaiting] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const focusBody = useRef(false);
  useEffect(() => {
    if (transcript === undefined || !firstRead) return;
    // The device's first answer decides: there already (open, as the screen arrives), or not yet (stay closed).
    setFirstRead(false);
    if (transcript) setOpen(true);
  }, [transcript, firstRead]);
  const shown = Boolean(transcript) && !openedWaiting;
  useEffect(() => {
    if (!shown || !focusBody.current) return;
    focusBody.current = false;
    body.current?.focus();
  }, [shown]);
  const onToggle = (isOpen: boolean) => {
    setOpen(isOpen);
    // Closed, it has nothing to hold back: opened again, whatever is there shows, as the guest asked.
    setOpenedWaiting(isOpen && !transcript);
  };
  return (
    <details className="completed-transcript" data-testid="completed-transcript" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>Transcript</summary>
      {shown ? (
        <div ref={body} tabIndex={-1} className="completed-transcript-body">
          <TranscriptCheck recordingId={recordingId} stageDoc={stageDoc} heading="Transcript" headingSeen={false} />
        </div>
      ) : (
        <div className="completed-transcript-wait" aria-live="polite">
          <p className="hint" data-testid="transcript-not-yet" aria-hidden={transcript ? true : undefined} data-unseen={transcript ? true : undefined}>
            Not made yet: it shows here once your device has made it from your recording.
          </p>
          {transcript && (
            <button
              type="button"
              className="completed-transcript-ready"
              data-testid="transcript-ready"
              onClick={() => {
                focusBody.current = true;
                setOpenedWaiting(false);
              }}
            >
              Your transcript is ready: show it
            </button>
          )}
        </div>
      )}
    </details>
  );
}
