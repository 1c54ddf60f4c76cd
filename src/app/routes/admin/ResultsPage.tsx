/**
 * /admin/results: every candidate interview, searchable, filterable, sortable
 * and paged by the server's read model. Rows are rendered in a window (only
 * those in view), so a 200-row page stays light. The last answer is kept in
 * IndexedDB: offline, the page shows it and says when it was loaded. Ticked
 * rows open side by side in Solution Analysis (/admin/compare).
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { adminGet, adminToken } from '../../../api/admin-client';
import { appDb } from '../../../storage/db';
import { INTERVIEW_STATUSES, STATUS_LABELS, type InterviewStatus } from '../../../domain/wrap-up/status';
import { ReviewerLinkForm } from './ReviewerLinkForm';

interface Row {
  interviewId: string;
  candidate: string | null;
  title: string;
  archetype: string;
  depth: string;
  startedAt: number | null;
  status: InterviewStatus;
  aiScore: number | null;
  humanScore: number | null;
  reviewState: string;
  recommendation: string | null;
}
interface ListBody {
  total: number;
  offset: number;
  limit: number;
  rows: Row[];
}

// The metrics and their charts load after the list has arrived: the list is what a person came for, and across
// thousands of interviews the metrics are the slower query.
const MetricsPanel = lazy(() => import('./MetricsPanel').then((m) => ({ default: m.MetricsPanel })));

const ROW_HEIGHT = 44;
const VIEW_ROWS = 14;
const PAGE = 100;
const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(2));

export function ResultsPage() {
  const [search, setSearch] = useState('');
  // The search as sent: follows the field 150 ms after the last keystroke, so typing sends one request, not one per key.
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [review, setReview] = useState('');
  const [sort, setSort] = useState('started');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<ListBody | null>(null);
  const [offlineSince, setOfflineSince] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [role, setRole] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  // A sentence another page left for this one (the candidate page after a deletion).
  const message = (useLocation().state as { message?: string } | null)?.message ?? null;

  const query = useMemo(() => {
    const p = new URLSearchParams({ sort, dir, offset: String(offset), limit: String(PAGE) });
    if (q.trim()) p.set('q', q.trim());
    if (status) p.set('status', status);
    if (review) p.set('review', review);
    return p.toString();
  }, [q, status, review, sort, dir, offset]);

  useEffect(() => {
    void adminToken().then((t) => setRole(t?.role ?? null));
  }, []);

  useEffect(() => {
    if (search === q) return;
    const timer = setTimeout(() => {
      setQ(search);
      setOffset(0);
    }, 150);
    return () => clearTimeout(timer);
  }, [search, q]);

  useEffect(() => {
    let live = true;
    const cacheKey = `admin-results:${query}`;
    adminGet<ListBody>(`/api/admin/results?${query}`).then(
      async (body) => {
        if (!live) return;
        setData(body);
        setOfflineSince(null);
        setError(null);
        await appDb().kv.put({ key: cacheKey, value: { at: Date.now(), body } });
      },
      async (err: Error) => {
        const cached = (await appDb().kv.get(cacheKey))?.value as { at: number; body: ListBody } | undefined;
        if (!live) return;
        if (cached) {
          setData(cached.body);
          setOfflineSince(cached.at);
        } else setError(err.message);
      },
    );
    return () => {
      live = false;
    };
  }, [query]);

  const rows = data?.rows ?? [];
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 2);
  const visible = rows.slice(first, first + VIEW_ROWS + 4);

  return (
    <div className="admin-results">
      <h1>Results</h1>
      {message && <p role="status">{message}</p>}
      {role === 'host' && <ReviewerLinkForm />}
      {role === null && <p role="alert">Open this page through the host link or a reviewer link.</p>}
      {offlineSince !== null && (
        <p role="status" className="offline-note">
          Offline: showing the results this device loaded on {new Date(offlineSince).toLocaleString()}. Ratings and exports need the server.
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      <form className="admin-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter results">
        <label>
          Search <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Candidate, interview" />
        </label>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => (setStatus(e.target.value), setOffset(0))}>
            <option value="">Any</option>
            {INTERVIEW_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Human review{' '}
          <select value={review} onChange={(e) => (setReview(e.target.value), setOffset(0))}>
            <option value="">Any</option>
            <option value="pending">Pending</option>
            <option value="done">Done</option>
            <option value="none">Nothing to review</option>
          </select>
        </label>
        <label>
          Sort{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="started">Date</option>
            <option value="candidate">Candidate</option>
            <option value="ai">AI score</option>
            <option value="human">Human score</option>
            <option value="status">Status</option>
            <option value="title">Interview</option>
          </select>
        </label>
        <button type="button" onClick={() => setDir(dir === 'asc' ? 'desc' : 'asc')}>
          {dir === 'asc' ? 'Ascending' : 'Descending'}
        </button>
      </form>
      <p className="compare-picked">
        {picked.length < 2 ? (
          <span>Tick two or more candidates to compare them in Solution Analysis.</span>
        ) : (
          <Link to={`/admin/compare?ids=${picked.map(encodeURIComponent).join(',')}`}>Compare {picked.length} selected candidates</Link>
        )}
        {picked.length > 0 && (
          <button type="button" onClick={() => setPicked([])}>
            Clear selection
          </button>
        )}
      </p>
      <p aria-live="polite">{data ? `${data.total} candidate interviews; showing ${data.total === 0 ? 0 : offset + 1}–${Math.min(offset + PAGE, data.total)}` : 'Loading…'}</p>
      {data && data.total === 0 && (
        <p data-testid="results-empty" className="results-empty">
          {q.trim() || status || review
            ? 'No candidate interview matches these filters. Clear the search or choose Any to see them all.'
            : 'No candidate interviews yet. Each published interview appears here with its candidate’s progress: plan one and invite a guest from the home page.'}
        </p>
      )}
      <div role="table" aria-label="Candidate interviews" aria-rowcount={rows.length + 1} className="results-table">
        <div role="row" className="results-row results-head">
          {['Compare', 'Candidate', 'Interview', 'Archetype', 'Depth', 'Date', 'Status', 'AI score', 'Human score', 'Synthesis', 'Review'].map((h) => (
            <span role="columnheader" key={h}>
              {h}
            </span>
          ))}
        </div>
        <div className="results-window" style={{ height: data && data.total === 0 ? 0 : ROW_HEIGHT * VIEW_ROWS, overflowY: 'auto' }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
            {visible.map((r, i) => (
              <div role="row" aria-rowindex={first + i + 2} className="results-row" key={r.interviewId} style={{ position: 'absolute', top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}>
                <span role="cell">
                  <input
                    type="checkbox"
                    aria-label={`Compare ${r.candidate ?? r.interviewId}`}
                    checked={picked.includes(r.interviewId)}
                    onChange={(e) => setPicked(e.target.checked ? [...picked, r.interviewId].slice(-50) : picked.filter((id) => id !== r.interviewId))}
                  />
                </span>
                <span role="cell">
                  <Link to={`/admin/results/${r.interviewId}/${encodeURIComponent(r.candidate ?? 'candidate')}`}>{r.candidate ?? '(no name)'}</Link>
                </span>
                <span role="cell">{r.title}</span>
                <span role="cell">{r.archetype}</span>
                <span role="cell">{r.depth}</span>
                <span role="cell">{r.startedAt ? new Date(r.startedAt).toLocaleDateString() : '—'}</span>
                <span role="cell">{STATUS_LABELS[r.status] ?? r.status}</span>
                <span role="cell">{fmt(r.aiScore)}</span>
                <span role="cell">{fmt(r.humanScore)}</span>
                <span role="cell">{r.recommendation ?? '—'}</span>
                <span role="cell">{r.reviewState === 'done' ? 'Done' : r.reviewState === 'pending' ? 'Pending' : '—'}</span>
              </div>
            ))}
          </div>
        </div>
      </div>
      <nav aria-label="Pages" className="admin-pages">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </button>
        <button type="button" disabled={!data || offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </button>
      </nav>
      {(data || error) && (
        <Suspense fallback={<p>Loading metrics…</p>}>
          <MetricsPanel />
        </Suspense>
      )}
    </div>
  );
}
