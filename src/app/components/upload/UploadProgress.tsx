/**
 * Where a recorded answer's upload to the server stands: a labelled progress
 * bar while it is sent, "Uploaded" once the server holds it, and the reason plus
 * a Retry button when it failed. The recording stays on the device in every case.
 */
import './upload.css';
import { useId } from 'react';
import type { UploadStatus } from '../../../upload/protocol';
import { readUploadStatus } from '../../../upload/upload-status';
import { useLive } from '../../hooks/use-live';
import { activeUploadQueue } from './active-upload-queue';

export function uploadLabel(status: UploadStatus): string {
  const pct = status.totalBytes > 0 ? Math.floor((status.sentBytes / status.totalBytes) * 100) : 0;
  switch (status.state) {
    case 'uploaded':
      return 'Answer uploaded';
    case 'uploading':
      return `Uploading answer: ${pct}%`;
    case 'waiting':
      return status.detail ?? 'Answer waiting to upload';
    case 'failed':
      return `Upload failed: ${status.detail ?? 'unknown reason'}`;
  }
}

/** Presentational: one upload status. */
export function UploadStatusView({ status, onRetry }: { status: UploadStatus; onRetry?: () => void }) {
  const labelId = useId();
  const pct = status.totalBytes > 0 ? Math.min(100, Math.floor((status.sentBytes / status.totalBytes) * 100)) : 0;
  return (
    <div className="upload-status" data-testid="upload-status" data-upload-state={status.state}>
      <span id={labelId} className="upload-label" aria-live="polite">
        {uploadLabel(status)}
      </span>
      {status.state !== 'failed' && (
        <div
          className="upload-bar"
          role="progressbar"
          aria-labelledby={labelId}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={`${pct}% uploaded`}
        >
          <span style={{ width: `${pct}%` }} />
        </div>
      )}
      {status.state === 'failed' && (
        <p className="muted">
          Your recording is saved on this device.{' '}
          {onRetry && (
            <button type="button" className="secondary" onClick={onRetry}>
              Retry upload
            </button>
          )}
        </p>
      )}
    </div>
  );
}

/** Before the queue has looked at a finished take (offline, or just stopped): it waits, and the guest is told why. */
function notYetQueued(recordingId: string): UploadStatus {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return {
    recordingId,
    interviewId: '',
    questionId: '',
    state: 'waiting',
    sentBytes: 0,
    totalBytes: 0,
    detail: offline ? 'Answer saved on this device; it uploads when you are back online' : 'Answer waiting to upload',
    at: 0,
  };
}

/** Live from IndexedDB. */
export function UploadProgress({ recordingId }: { recordingId: string }) {
  const stored = useLive(() => readUploadStatus(recordingId), [recordingId]);
  const status = stored ?? notYetQueued(recordingId);
  const retry = () => activeUploadQueue()?.notifyNewTake();
  return <UploadStatusView status={status} onRetry={retry} />;
}
