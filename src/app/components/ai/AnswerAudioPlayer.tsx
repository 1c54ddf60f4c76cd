/**
 * "Listen" on an uploaded answer, for host and interviewer in the live session: loads the take on request (this
 * device's copy, else the server with the person's token, src/staff-ai/answer-audio.ts) and plays it from a blob:
 * URL, next to the transcript the caller shows beside it.
 */
import { useEffect, useState } from 'react';
import { loadAnswerAudio, type AnswerAudioSource } from '../../../staff-ai/answer-audio';

interface Props {
  interviewId: string;
  recordingId: string;
  token: string;
  expectedSha256?: string;
  /** "Q2": names the player for screen readers. */
  label: string;
}

const SOURCE_TEXT: Record<AnswerAudioSource, string> = {
  'this-device': 'from this device',
  server: 'from the server',
};

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; url: string; source: AnswerAudioSource } | { kind: 'failed'; message: string };

export function AnswerAudioPlayer({ interviewId, recordingId, token, expectedSha256, label }: Props) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  // The object URL lives as long as the player shows it.
  useEffect(() => (state.kind === 'ready' ? () => URL.revokeObjectURL(state.url) : undefined), [state]);

  async function load() {
    setState({ kind: 'loading' });
    try {
      const { audio, source } = await loadAnswerAudio({ interviewId, recordingId, token, expectedSha256 });
      setState({ kind: 'ready', url: URL.createObjectURL(audio), source });
    } catch (err) {
      setState({ kind: 'failed', message: (err as Error).message });
    }
  }

  if (state.kind === 'ready') {
    return (
      <div className="answer-audio" data-testid="answer-audio" data-source={state.source}>
        <audio controls autoPlay src={state.url} aria-label={`Recording of the answer to ${label}`} />
        <span className="muted"> Played {SOURCE_TEXT[state.source]}.</span>
      </div>
    );
  }
  return (
    <div className="answer-audio" data-testid="answer-audio" data-source="none">
      <button type="button" className="secondary small" onClick={() => void load()} disabled={state.kind === 'loading'}>
        {state.kind === 'loading' ? 'Loading the recording…' : `Listen to the answer to ${label}`}
      </button>
      {state.kind === 'failed' && (
        <span className="error" role="alert">
          Could not play the recording: {state.message}
        </span>
      )}
    </div>
  );
}
