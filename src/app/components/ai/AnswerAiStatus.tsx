/**
 * On a guest's recorded answer: where it was processed ("Transcribed on this device", "Queued for a staff device",
 * "Processed on a staff device") or why it could not be ("could not transcribe: …") with a Retry button. The
 * recording is kept in every case.
 */
import './ai.css';
import { useState, type ReactNode } from 'react';
import { activeGuestAi, loadAiStatus, type AiAnswerStatus } from '../../../guest/ai-processor';
import { PROCESSED_ON_LABEL } from '../../../sync/answer-results';
import { useLive } from '../../hooks/use-live';

const LABEL: Record<AiAnswerStatus['state'], string> = {
  deciding: 'Getting ready to transcribe…',
  transcribing: 'Transcribing on this device…',
  transcribed: 'Transcribed on this device',
  'queued-staff': 'Queued for a staff device',
  failed: 'Could not transcribe',
};

/**
 * `untilDecided` is shown in its place until the device has decided where the answer is transcribed (no status yet,
 * or "deciding"): the guest's queue note, which this status then replaces in the same place.
 */
export function AnswerAiStatus({ recordingId, untilDecided = null }: { recordingId: string; untilDecided?: ReactNode }) {
  const status = useLive(() => loadAiStatus(recordingId), [recordingId]);
  const [retrying, setRetrying] = useState(false);
  if (!status || (status.state === 'deciding' && untilDecided)) return untilDecided;
  const label = status.state === 'transcribed' && status.processedOn === 'staff-device' ? PROCESSED_ON_LABEL['staff-device'] : LABEL[status.state];
  const retry = async () => {
    const ai = activeGuestAi();
    if (!ai) return;
    setRetrying(true);
    try {
      await ai.retry(recordingId);
    } finally {
      setRetrying(false);
    }
  };
  return (
    <div className="ai-answer-status" data-testid="ai-answer-status" data-ai-state={status.state} data-processed-on={status.processedOn ?? ''} role="status" aria-live="polite">
      <strong>{label}</strong>
      {status.state === 'failed' ? (
        <>
          <span className="error"> {status.detail}. Your recording is saved.</span>{' '}
          {!status.retryable && <span className="hint"> Record the answer again if re-records are left.</span>}
          {status.retryable && (
            <button type="button" className="secondary" onClick={() => void retry()} disabled={retrying || !activeGuestAi()}>
              {retrying ? 'Retrying…' : 'Retry'}
            </button>
          )}
        </>
      ) : status.state === 'queued-staff' ? (
        <span className="muted">
          : {status.detail.replace(/^queued for a staff device: /, '')}. Your recording is saved on this device; it is uploaded when the connection allows, and the interviewer's or host's device transcribes it.
        </span>
      ) : status.state === 'transcribed' ? (
        <span className="muted">
          {' '}
          ({status.model}, {status.backend})
        </span>
      ) : null}
    </div>
  );
}
