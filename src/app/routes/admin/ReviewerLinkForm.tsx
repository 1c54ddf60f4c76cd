/**
 * The host issues a read-only reviewer link for the hiring committee (POST /api/admin/reviewer-links): it opens
 * this dashboard, shows results, syntheses and reports, takes the reviewer's own ratings, never plans or hidden
 * tests. The link is shown once to copy; DELETE /api/invites/<id> revokes it like any invite.
 */
import { useState } from 'react';
import { adminPost } from '../../../api/admin-client';

export function ReviewerLinkForm() {
  const [name, setName] = useState('');
  const [link, setLink] = useState<{ url: string; subject: string; expiresAt: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <details className="reviewer-link no-print">
      <summary>Reviewer link for the hiring committee</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          adminPost<{ url: string; subject: string; expiresAt: number }>('/api/admin/reviewer-links', { name }).then(setLink, (err: Error) => setError(err.message));
        }}
      >
        <label>
          Reviewer’s name <input value={name} maxLength={80} required onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit">Create reviewer link</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {link && (
        <p role="status">
          Reviewer link for {link.subject} (valid until {new Date(link.expiresAt).toLocaleDateString()}):{' '}
          <input readOnly aria-label="Reviewer link" value={link.url} onFocus={(e) => e.currentTarget.select()} size={60} />
        </p>
      )}
    </details>
  );
}
