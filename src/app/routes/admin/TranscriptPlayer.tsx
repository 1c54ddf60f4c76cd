/** The answer's recording with its transcript: the word being spoken is highlighted, a click on a word seeks there. */
import { useEffect, useRef, useState } from 'react';
import { adminBlob } from '../../../api/admin-client';

export function TranscriptPlayer({ interviewId, recordingId, words }: { interviewId: string; recordingId: string; words: Array<{ start: number; end: number; text: string }> }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(0);
  useEffect(() => {
    let url: string | null = null;
    adminBlob(`/api/admin/results/${interviewId}/recordings/${encodeURIComponent(recordingId)}/audio`).then(
      (b) => setSrc((url = URL.createObjectURL(b))),
      (e: Error) => setError(e.message),
    );
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [interviewId, recordingId]);
  return (
    <div className="transcript-player">
      {error ? <p className="muted">Recording: {error}</p> : <audio ref={audio} controls src={src ?? undefined} onTimeUpdate={(e) => setNow(e.currentTarget.currentTime)} aria-label="Answer recording" />}
      <p className="transcript-words">
        {words.map((w, i) => (
          <button
            type="button"
            key={i}
            className={now >= w.start && now < w.end ? 'word current' : 'word'}
            aria-current={now >= w.start && now < w.end ? 'true' : undefined}
            onClick={() => {
              if (audio.current) audio.current.currentTime = w.start;
            }}
          >
            {w.text}
          </button>
        ))}
      </p>
    </div>
  );
}
