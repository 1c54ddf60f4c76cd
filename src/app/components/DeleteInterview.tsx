/**
 * The host's Delete for one interview: a confirmation dialog that says what goes, then the server deletes its
 * documents, recordings and links (DELETE /api/interviews/<id>, logged there), then this device forgets its own
 * copies (src/storage/forget-interview.ts). If the server cannot be reached nothing is removed anywhere, so the
 * host can try again; a draft that never reached the server is removed from this device alone.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { deleteInterviewOnServer } from '../../api/interviews-client';
import { forgetInterviewOnDevice } from '../../storage/forget-interview';

interface Props {
  interviewId: string;
  title: string;
  /** The host's token; null when this device has no host link (the interview never left it). */
  hostToken: string | null;
}

export function DeleteInterview({ interviewId, title, hostToken }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const titleId = useId();

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const server = hostToken ? await deleteInterviewOnServer(interviewId, hostToken) : null;
      const device = await forgetInterviewOnDevice(interviewId);
      const there = server ? ` and from the server (${server.recordings} recording${server.recordings === 1 ? '' : 's'}, ${server.invitesRevoked} link${server.invitesRevoked === 1 ? '' : 's'} revoked)` : '';
      const message = `Deleted “${title}” from this device${there}.`;
      console.info(message, { server, device });
      navigate('/', { state: { notice: message } });
    } catch (err) {
      setBusy(false);
      setError(`Nothing was deleted: ${(err as Error).message}`);
    }
  }

  return (
    <>
      <button type="button" className="secondary danger" onClick={() => setOpen(true)}>
        Delete interview
      </button>
      {error && !open && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)} data-testid="delete-dialog">
        <h2 id={titleId}>Delete “{title}”?</h2>
        <p>
          This deletes the interview’s questions, the candidate’s answers and recordings, transcripts, scores, chat and every invite link, on the
          server and on this device. It cannot be undone.
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="button" className="danger-solid" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Deleting…' : 'Delete for good'}
          </button>
          <button type="button" className="secondary" onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
