/**
 * The host deletes everything held about one candidate (an erasure request): recordings, rows, the interview's
 * documents and the dashboard's projection, through DELETE /api/admin/candidates/<id> (logged with who and when).
 * A second, explicit step confirms it, since nothing brings the data back.
 */
import { useState } from 'react';
import { adminDelete } from '../../../api/admin-client';

export function DeleteCandidate({ interviewId, name, onDeleted }: { interviewId: string; name: string; onDeleted: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete this candidate’s data
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm deletion" className="confirm-delete">
      <p>
        Delete everything held about {name}: recordings, answers, ratings, the interview’s documents and its results? This cannot be undone; export the
        data first if it must be kept.
      </p>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          adminDelete(`/api/admin/candidates/${encodeURIComponent(interviewId)}`).then(
            () => onDeleted(`Deleted everything held about ${name}.`),
            (err: Error) => (setError(err.message), setBusy(false)),
          );
        }}
      >
        Delete permanently
      </button>
      <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
