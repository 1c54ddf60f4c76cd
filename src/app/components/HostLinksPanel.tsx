/**
 * The host's links to this workspace: when each was made, until when it works, which one this device uses.
 * A leaked link is revoked here (its open connections close at once); a new one is made here to move to
 * another device, instead of restarting the server.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { createHostLink, listHostLinks, revokeHostLink, type HostLinkSummary } from '../../api/host-links-client';

const day = (ms: number) => new Date(ms).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' });

export function HostLinksPanel({ token }: { token: string }) {
  const titleId = useId();
  const [links, setLinks] = useState<HostLinkSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newUrl, setNewUrl] = useState<string | null>(null);
  const [confirmOwn, setConfirmOwn] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const refresh = useCallback(() => {
    listHostLinks(token).then(
      (l) => {
        setLinks(l);
        setError(null);
      },
      (err: unknown) => setError((err as Error).message),
    );
  }, [token]);
  useEffect(refresh, [refresh]);

  async function onCreate() {
    try {
      setNewUrl((await createHostLink(token)).url);
      setMessage('New host link made. Open it on the other device; keep it private.');
      refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function onRevoke(link: HostLinkSummary) {
    if (link.current && !confirmOwn) {
      setConfirmOwn(true);
      return;
    }
    try {
      await revokeHostLink(token, link.jti);
      setConfirmOwn(false);
      setMessage(link.current ? "This device's host link is revoked: open another host link to keep planning here." : 'Host link revoked.');
      if (!link.current) refresh();
      else setLinks((l) => l?.map((x) => (x.jti === link.jti ? { ...x, revoked: true } : x)) ?? null);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <section aria-labelledby={titleId} data-testid="host-links">
      <div className="title-row">
        <h2 id={titleId}>Host links</h2>
        <button type="button" className="secondary" onClick={() => void onCreate()}>
          New host link
        </button>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {message}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {newUrl && (
        <div className="field">
          <label htmlFor={`${titleId}-new`}>New host link (open it on the other device; keep it private)</label>
          <input id={`${titleId}-new`} readOnly value={newUrl} onFocus={(e) => e.currentTarget.select()} data-testid="new-host-link" />
        </div>
      )}
      {links === null ? (
        !error && <p role="status">Loading…</p>
      ) : (
        <ul className="interview-list">
          {links.map((l) => {
            const state = l.revoked ? 'revoked' : l.expired ? 'expired' : 'valid';
            return (
              <li key={l.jti} data-testid="host-link" data-state={state} data-current={l.current ? 'yes' : 'no'}>
                Made {day(l.createdAt)}, {state === 'valid' ? `works until ${day(l.expiresAt)}` : state}
                {l.current && <span className="tag"> this device</span>}
                {state === 'valid' && (
                  <button
                    type="button"
                    className="secondary danger"
                    onClick={() => void onRevoke(l)}
                    aria-label={l.current && confirmOwn ? undefined : l.current ? "Revoke this device's host link" : `Revoke the host link made ${day(l.createdAt)}`}
                  >
                    {l.current && confirmOwn ? "Revoke this device's link too" : 'Revoke'}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
