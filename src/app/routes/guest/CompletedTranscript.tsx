/**
 * One answer's transcript on the completed screen, in a disclosure whose one line ("Transcript") is there from the
 * first frame. A transcript already on the device when the screen opens shows open, as before. One the device makes
 * after that (the answer was still waiting for transcription) arrives closed: opened by itself it pushed every later
 * answer down under the guest reading them. The guest opens it when they choose.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { loadTranscript } from '../../../guest/transcripts';
import { useLive } from '../../hooks/use-live';
import { TranscriptCheck } from './TranscriptCheck';

export function CompletedTranscript({ recordingId, stageDoc }: { recordingId: string; stageDoc: Y.Doc | null }) {
  const transcript = useLive(() => loadTranscript(recordingId), [recordingId]);
  const [open, setOpen] = useState(false);
  const [firstRead, setFirstRead] = useState(true);
  useEffect(() => {
    if (transcript === undefined || !firstRead) return;
    // The device's first answer decides: there already (open, as the screen arrives), or not yet (stay closed).
    setFirstRead(false);
    if (transcript) setOpen(true);
  }, [transcript, firstRead]);
  return (
    <details className="completed-transcript" data-testid="completed-transcript" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Transcript</summary>
      {transcript ? (
        <TranscriptCheck recordingId={recordingId} stageDoc={stageDoc} heading="Transcript" headingSeen={false} />
      ) : (
        <p className="hint" data-testid="transcript-not-yet">
          Not made yet: it shows here once your device has made it from your recording.
        </p>
      )}
    </details>
  );
}
