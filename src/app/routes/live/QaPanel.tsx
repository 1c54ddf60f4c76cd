/**
 * Audience Q&A for staff. The moderator (and the host) approve, edit or reject
 * submissions; the interviewer sees only the approved queue, in order.
 */
import { useId, useState } from 'react';
import type { DocHandle } from '../../../sync/doc-connection';
import { readSubmissions, type Submission } from '../../../sync/audience-doc';
import { decide, moderationView, readQueue, type ApprovedQuestion, type ModerationAction } from '../../../sync/moderation-doc';
import type { StaffAuthor } from '../../../sync/staff-doc';
import { useDocVersion } from '../../hooks/use-doc';
import { clockTime } from './format';

export function QaPanel({ me, audience, moderation }: { me: StaffAuthor; audience: DocHandle | null; moderation: DocHandle }) {
  const canModerate = me.role === 'moderator' || me.role === 'host';
  return canModerate && audience ? <ModeratorQa me={me} audience={audience} moderation={moderation} /> : <QueueOnly moderation={moderation} />;
}

function Queue({ items, title }: { items: ApprovedQuestion[]; title: string }) {
  const id = useId();
  return (
    <>
      <h3 id={id} className="small-heading">
        {title}
      </h3>
      {items.length === 0 ? (
        <p className="empty" data-testid="queue-empty">
          No approved audience questions yet.
        </p>
      ) : (
        <ol className="qa-queue" aria-labelledby={id} data-testid="qa-queue">
          {items.map((q) => (
            <li key={q.submissionId} data-submission-id={q.submissionId}>
              <span className="qa-text">{q.text}</span>{' '}
              <span className="muted">
                — {q.author}
                {q.edited ? ' (edited by the moderator)' : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function QueueOnly({ moderation }: { moderation: DocHandle }) {
  useDocVersion(moderation);
  return (
    <div className="qa">
      <p className="muted small-print">Questions from the audience that the moderator approved, in order.</p>
      <Queue items={readQueue(moderation.doc)} title="Audience questions to ask" />
    </div>
  );
}

function ModeratorQa({ me, audience, moderation }: { me: StaffAuthor; audience: DocHandle; moderation: DocHandle }) {
  useDocVersion(audience);
  useDocVersion(moderation);
  const [announce, setAnnounce] = useState('');
  const [error, setError] = useState<string | null>(null);
  const view = moderationView(readSubmissions(audience.doc), moderation.doc);

  function act(s: Submission, action: ModerationAction): boolean {
    const r = decide(moderation.doc, s, action, me, Date.now());
    if (!r.ok) {
      setError(r.reason);
      return false;
    }
    setError(null);
    setAnnounce(r.decision.status === 'approved' ? `Approved: ${r.decision.text}` : `Rejected: ${s.text}`);
    return true;
  }

  return (
    <div className="qa">
      <h3 className="small-heading" id="qa-pending-title">
        Waiting for review ({view.pending.length})
      </h3>
      {view.pending.length === 0 ? (
        <p className="empty" data-testid="pending-empty">
          No questions waiting. New audience questions appear here.
        </p>
      ) : (
        <ul className="qa-pending" aria-labelledby="qa-pending-title" data-testid="qa-pending">
          {view.pending.map((s) => (
            <PendingItem key={s.id} submission={s} onAct={(a) => act(s, a)} />
          ))}
        </ul>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      <Queue items={view.approved} title="Interviewer’s queue (approved)" />
      {view.rejected.length > 0 ? (
        <details className="qa-rejected">
          <summary>Rejected ({view.rejected.length})</summary>
          <ul data-testid="qa-rejected">
            {view.rejected.map(({ submission }) => (
              <li key={submission.id} data-submission-id={submission.id}>
                {submission.text} <span className="muted">— {submission.author}</span>{' '}
                <button type="button" className="secondary small" onClick={() => act(submission, { action: 'approve' })}>
                  Approve instead
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function PendingItem({ submission, onAct }: { submission: Submission; onAct(a: ModerationAction): boolean }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(submission.text);
  const editId = useId();
  return (
    <li className="qa-item" data-submission-id={submission.id}>
      <p className="qa-text">{submission.text}</p>
      <p className="muted small-print">
        {submission.author} · {clockTime(submission.at)}
      </p>
      {editing ? (
        <form
          className="qa-edit"
          onSubmit={(e) => {
            e.preventDefault();
            if (onAct({ action: 'approve', editedText: draft })) setEditing(false);
          }}
        >
          <label htmlFor={editId}>Edited question</label>
          <textarea id={editId} rows={2} value={draft} maxLength={500} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <div className="qa-actions">
            <button type="submit">Approve edited question</button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="qa-actions" role="group" aria-label={`Decide on: ${submission.text}`}>
          <button type="button" onClick={() => onAct({ action: 'approve' })}>
            Approve
          </button>
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="secondary danger" onClick={() => onAct({ action: 'reject' })}>
            Reject
          </button>
        </div>
      )}
    </li>
  );
}
