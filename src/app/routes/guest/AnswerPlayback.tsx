/** Lets the guest listen to a stored take, assembled from its chunks in IndexedDB on demand. */
import { useEffect, useState } from 'react';
import { assembleRecording } from '../../../storage/recordings';

export function AnswerPlayback({ recordingId, label = 'Listen to your answer' }: { recordingId: string; label?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setUrl(null);
    setError(null);
  }, [recordingId]);
  useEffect(() => (url ? () => URL.revokeObjectURL(url) : undefined), [url]);
  if (url) return <audio controls src={url} autoPlay aria-label={label} className="answer-playback" />;
  return (
    <span className="answer-playback">
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void assembleRecording(recordingId).then(
            (blob) => setUrl(URL.createObjectURL(blob)),
            (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
          )
        }
      >
        {label}
      </button>
      {error && <span className="error">{error}</span>}
    </span>
  );
}
