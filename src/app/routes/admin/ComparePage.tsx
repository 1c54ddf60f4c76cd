/**
 * /admin/compare?ids=a,b,c (or ?archetype=x): Solution Analysis. Candidates side by side from GET /api/admin/compare:
 * the ranking with ties shown and AI-only scores marked, per-question AI and human scores, the score distributions
 * (each chart with the same figures in a table beside it), coding results, and similar coding submissions flagged
 * for a person to review (never a penalty). Every figure is text a keyboard or screen reader reaches.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { adminGet, downloadAdminFile } from '../../../api/admin-client';
import { BarChart } from './BarChart';

interface Comparison {
  candidates: Array<{ interviewId: string; title: string; archetype: string; candidate: string | null; aiScore: number | null; humanScore: number | null }>;
  questions: Array<{ questionId: string; kind: string; prompt: string; scores: Array<{ interviewId: string; ai: number | null; human: number | null }> }>;
  ranking: Array<{ interviewId: string; rank: number; tied: boolean; score: number | null; aiOnly: boolean }>;
  distributions: { ai: Array<{ from: number; to: number; count: number }>; human: Array<{ from: number; to: number; count: number }> };
  coding: Array<{ interviewId: string; questionId: string; passed: number; total: number; score: number; timeUsedMs: number | null }>;
  similarSubmissions: { threshold: number; note: string; pairs: Array<{ questionId: string; a: string; b: string; similarity: number }> };
}

const f = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const minutes = (ms: number | null) => (ms === null ? '—' : `${(ms / 60_000).toFixed(1)} min`);

export function ComparePage() {
  const [params] = useSearchParams();
  const query = params.toString();
  const [c, setC] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    adminGet<Comparison>(`/api/admin/compare?${query}`).then(setC, (e: Error) => setError(e.message));
  }, [query]);
  if (error) return <p role="alert">{error}</p>;
  if (!c) return <p role="status">Loading…</p>;
  const name = (id: string) => c.candidates.find((x) => x.interviewId === id)?.candidate ?? id;
  const maxCount = Math.max(1, ...c.distributions.ai.map((b) => b.count), ...c.distributions.human.map((b) => b.count));
  const promptOf = (qid: string) => c.questions.find((q) => q.questionId === qid)?.prompt ?? qid;
  return (
    <div className="admin-compare">
      <p className="no-print">
        <Link to="/admin/results">All results</Link>
      </p>
      <h1>Solution Analysis: {c.candidates.length} candidates</h1>
      {c.candidates.length === 0 && <p>No candidate interview matches this comparison.</p>}
      <div className="no-print admin-actions">
        <button type="button" onClick={() => window.print()}>
          Print or save as PDF
        </button>
        <button type="button" onClick={() => void downloadAdminFile(`/api/admin/reports/comparison.csv?${query}`, 'interq-comparison.csv')}>
          Download CSV
        </button>
        <button type="button" onClick={() => void downloadAdminFile(`/api/admin/reports/comparison.json?${query}`, 'interq-comparison.json')}>
          Download JSON
        </button>
      </div>

      <section aria-labelledby="rank-h">
        <h2 id="rank-h">Ranking</h2>
        <p>The human score counts where a person rated; otherwise the first-pass AI score, marked “AI only”. Equal scores share a rank.</p>
        <table>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Candidate</th>
              <th scope="col">Score</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {c.ranking.map((r) => (
              <tr key={r.interviewId}>
                <td>
                  {r.rank}
                  {r.tied ? ' (tie)' : ''}
                </td>
                <th scope="row">{name(r.interviewId)}</th>
                <td>{f(r.score)}</td>
                <td>{r.score === null ? 'no score' : r.aiOnly ? 'AI only' : 'human'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="q-h">
        <h2 id="q-h">Per question: AI and human scores</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Per-question scores">
          <table>
            <thead>
              <tr>
                <th scope="col">Question</th>
                {c.candidates.map((x) => (
                  <th scope="col" key={x.interviewId}>
                    {x.candidate ?? x.interviewId}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.questions.map((q) => (
                <tr key={q.questionId}>
                  <th scope="row">{q.prompt.slice(0, 80)}</th>
                  {q.scores.map((s) => (
                    <td key={s.interviewId}>
                      AI {f(s.ai)} · human {f(s.human)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="dist-h">
        <h2 id="dist-h">Score distributions</h2>
        <BarChart title="Candidates by AI score" bars={c.distributions.ai.map((b) => ({ label: `${b.from}–${b.to}`, value: b.count }))} max={maxCount} digits={0} />
        <BarChart title="Candidates by human score" bars={c.distributions.human.map((b) => ({ label: `${b.from}–${b.to}`, value: b.count }))} max={maxCount} digits={0} />
      </section>

      <section aria-labelledby="code-h">
        <h2 id="code-h">Coding results</h2>
        {c.coding.length === 0 ? (
          <p>No coding answers among these candidates.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Question</th>
                <th scope="col">Tests passed</th>
                <th scope="col">Time used</th>
              </tr>
            </thead>
            <tbody>
              {c.coding.map((x) => (
                <tr key={`${x.interviewId}-${x.questionId}`}>
                  <th scope="row">{name(x.interviewId)}</th>
                  <td>{promptOf(x.questionId).slice(0, 60)}</td>
                  <td>
                    {x.passed} of {x.total}
                  </td>
                  <td>{minutes(x.timeUsedMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="sim-h">
        <h2 id="sim-h">Similar coding submissions</h2>
        <p>{c.similarSubmissions.note} Pairs at or above {Math.round(c.similarSubmissions.threshold * 100)} % token similarity (renaming and reformatting do not hide it).</p>
        {c.similarSubmissions.pairs.length === 0 ? (
          <p>No similar submissions.</p>
        ) : (
          <ul data-testid="similar-pairs">
            {c.similarSubmissions.pairs.map((p) => (
              <li key={`${p.questionId}-${p.a}-${p.b}`}>
                {name(p.a)} and {name(p.b)}: {Math.round(p.similarity * 100)} % similar on “{promptOf(p.questionId).slice(0, 60)}”. For review, not a penalty.
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
