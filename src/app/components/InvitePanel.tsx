/** Creates and lists role links for one interview. Needs the network: tokens are signed by the server. */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Role } from '../../domain/access';
import { createInvite, listInvites, revokeInvite, type InviteSummary, type IssuedInvite } from '../../api/invites-client';
import { useOnline } from '../hooks/use-online';

const INVITE_ROLES: { id: Exclude<Role, 'host'>; label: string }[] = [
  { id: 'guest', label: 'Guest (candidate)' },
  { id: 'interviewer', label: 'Interviewer' },
  { id: 'moderator', label: 'Moderator' },
  { id: 'tech-support', label: 'Tech support' },
  { id: 'audience', label: 'Audience' },
];

export function InvitePanel({ interviewId, hostToken }: { interviewId: string; hostToken: string }) {
  const online = useOnline();
  const ids = { role: useId(), name: useId() };
  const [role, setRole] = useState<Exclude<Role, 'host'>>('guest');
  const [subject, setSubject] = useState('');
  const [issued, setIssued] = useState<IssuedInvite | null>(null);
  const [invites, setInvites] = useState<InviteSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const refresh = useCallback(() => {
    listInvites(hostToken, interviewId).then(setInvites, () => undefined);
  }, [hostToken, interviewId]);
  useEffect(() => {
    if (online) refresh();
  }, [online, refresh]);

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setCopied(false);
    setBusy(true);
    try {
      setIssued(await createInvite(hostToken, interviewId, role, subject.trim() || role));
      refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function onRevoke(jti: string) {
    try {
      await revokeInvite(hostToken, jti);
      if (issued?.jti === jti) setIssued(null);
      refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <section className="card" aria-labelledby="invites-title">
      <h2 id="invites-title">Invite links</h2>
      {!online && <p className="notice">You are offline. Links are signed by the server, so create them when the connection returns.</p>}
      <form className="inline-form" onSubmit={onCreate}>
        <div className="field">
          <label htmlFor={ids.role}>Role</label>
          <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Exclude<Role, 'host'>)}>
            {INVITE_ROLES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} value={subject} onChange={(e) => setSubject(e.target.value)} placeholder="e.g. Ada Lovelace" maxLength={80} />
        </div>
        <button type="submit" disabled={!online || busy}>
          {busy ? 'Creating…' : 'Create link'}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {issued && (
        <div className="issued" data-testid="issued-invite">
          <label htmlFor="issued-url">
            Link for {issued.subject} ({issued.role}), valid until {new Date(issued.expiresAt).toLocaleDateString()}
          </label>
          <div className="copy-row">
            <input id="issued-url" readOnly value={issued.url} data-testid="invite-url" onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(issued.url).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      )}
      {invites.length > 0 ? (
        <table className="invites">
          <caption className="sr-only">Links issued for this interview</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.map((i) => (
              <tr key={i.jti}>
                <td>{i.subject}</td>
                <td>{i.role}</td>
                <td>{new Date(i.expiresAt).toLocaleDateString()}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => void onRevoke(i.jti)} aria-label={`Revoke link for ${i.subject}`}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        online && <p className="muted">No links yet.</p>
      )}
    </section>
  );
}
