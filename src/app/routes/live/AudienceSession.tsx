/**
 * The audience's view: submit a question for the interviewer and follow what
 * the moderator approved. Audience members hold only the audience and
 * moderation documents: never the plan, the guest's progress or staff talk.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { fetchInterviewTitle } from '../../../api/interviews-client';
import type { Credential } from '../../../storage/db';
import type { DocHandle } from '../../../sync/doc-connection';
import { MAX_SUBMISSION_CHARS, readSubmissions, submitQuestion } from '../../../sync/audience-doc';
import { readDecisions, readQueue } from '../../../sync/moderation-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { useDocVersion } from '../../hooks/use-doc';
import { SyncBadge } from '../../components/SyncBadge';
import { browserKey } from '../../browser-key';

/** A random key per device, so "your questions" works even when two people share a name. */
const deviceKey = () => browserKey('interq-audience-key');

interface Props {
  interviewId: string;
  credential: Credential;
  audience: DocHandle | null;
  moderation: DocHandle | null;
  status: SyncStatus | null;
}

export function AudienceSession({ interviewId, credential, audience, moderation, status }: Props) {
  useDocVersion(audience);
  useDocVersion(moderation);
  const ids = { input: useId(), error: useId() };
  const [authorKey] = useState(deviceKey);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  // The audience holds no plan document: the title comes from the server's list (the identifier until then, or offline).
  const [title, setTitle] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void fetchInterviewTitle(interviewId, credential.token).then((t) => live && setTitle(t));
    return () => {
      live = false;
    };
  }, [interviewId, credential.token]);

  const mine = audience ? readSubmissions(audience.doc).filter((s) => s.authorKey === authorKey) : [];
  const decisions = moderation ? readDecisions(moderation.doc) : new Map();
  const approved = moderation ? readQueue(moderation.doc) : [];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!audience) return;
    const r = submitQuestion(audience.doc, text, { author: credential.subject, authorKey }, Date.now());
    if (!r.ok) {
      setError(r.reason);
      return;
    }
    setError(null);
    setText('');
    setNotice(
      status?.state === 'synced'
        ? 'Sent. The moderator reviews it before it reaches the interviewer.'
        : 'Saved on this device. It is sent as soon as you are back online.',
    );
  }

  return (
    <div className="stack live-audience">
      <section className="card" aria-labelledby="aud-title">
        <div className="title-row">
          <h1 id="aud-title">Questions for {title ?? interviewId}</h1>
          <SyncBadge status={status} />
        </div>
        <p className="muted">
          Signed in as {credential.subject} (audience). Your questions go to a moderator first; approved ones reach the interviewer.
        </p>
        <form onSubmit={submit} className="audience-form">
          <label htmlFor={ids.input}>Your question</label>
          <textarea
            id={ids.input}
            rows={3}
            value={text}
            maxLength={MAX_SUBMISSION_CHARS}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
          />
          {error ? (
            <span id={ids.error} className="error" role="alert">
              {error}
            </span>
          ) : null}
          <button type="submit" disabled={!audience}>
            Submit question
          </button>
          <p role="status" aria-live="polite" className="muted">
            {notice}
          </p>
        </form>
      </section>

      <section className="card" aria-labelledby="mine-title">
        <h2 id="mine-title">Your questions</h2>
        {mine.length === 0 ? (
          <p className="empty">You have not asked anything yet.</p>
        ) : (
          <ul data-testid="my-questions">
            {mine.map((s) => {
              const d = decisions.get(s.id);
              return (
                <li key={s.id} data-submission-id={s.id}>
                  {s.text} —{' '}
                  <span className="muted" data-testid="my-question-status">
                    {!d ? 'waiting for the moderator' : d.status === 'approved' ? (d.edited ? `approved as “${d.text}”` : 'approved') : 'not selected'}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="approved-title">
        <h2 id="approved-title">Approved questions</h2>
        {approved.length === 0 ? (
          <p className="empty" data-testid="approved-empty">
            No approved questions yet.
          </p>
        ) : (
          <ol data-testid="approved-questions">
            {approved.map((q) => (
              <li key={q.submissionId}>
                {q.text} <span className="muted">— {q.author}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
