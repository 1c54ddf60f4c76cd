/**
 * /admin/results/<interview>/<candidate>: each question with its prompt, the
 * recording synced with the transcript, the guest's flags, the first-pass score
 * and its explanation, the multiple-choice answer, the code and its tests, and
 * manual ratings (0–5 with a note, the same records as in the live session:
 * the AI's score is never overwritten and shows beside them), with this
 * candidate's Accuracy Delta. Print gives the report as PDF through the
 * browser; CSV and JSON download for ATS import; the host exports everything
 * held about the candidate (ZIP) or deletes it.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { adminGet, adminPost, adminToken, downloadAdminFile } from '../../../api/admin-client';
import type { Agreement } from '../../../domain/results/accuracy-delta';
import { RATING_SCALE } from '../../../sync/staff-doc';
import { DeleteCandidate } from './DeleteCandidate';
import { TranscriptPlayer } from './TranscriptPlayer';

interface Score {
  kind: 'spoken' | 'mcq' | 'coding';
  score?: number;
  accuracy?: { score: number; explanation: string; conceptsFound: Array<{ concept: string }>; conceptsMissed: Array<{ concept: string }> };
  explanation: string;
  correct?: boolean;
  passed?: number;
  total?: number;
  tests?: Array<{ hidden: boolean; state: string; args: string; expected: string }>;
}
interface Question {
  index: number;
  id: string;
  kind: string;
  prompt: string;
  options: string[] | null;
  answer: { recordingId: string | null; mcqChoice: number | null; code: string | null; text: string | null } | null;
  transcript: { text: string; words: Array<{ start: number; end: number; text: string }> } | null;
  flags: unknown[];
  score: Score | null;
  ratings: Array<{ by: string; role: string; score: number; note?: string }>;
  reactions: Array<{ kind: string; momentMs: number | null; by: string }>;
}
interface Detail {
  interviewId: string;
  candidate: string | null;
  summary: { title: string; status: string; ai_score: number | null; human_score: number | null };
  humanReviewOnly: boolean;
  questions: Question[];
  synthesis: { source: string; model: string | null; result: { recommendation?: string; summary?: string } | null } | null;
}

const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));

const aiOf = (s: Score | null) => (s === null ? null : s.kind === 'spoken' ? (s.accuracy?.score ?? null) : (s.score ?? null));

function RatingForm({ interviewId, questionId, onSaved }: { interviewId: string; questionId: string; onSaved: () => void }) {
  const [score, setScore] = useState('');
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  return (
    <form
      className="rating-form"
      onSubmit={(e) => {
        e.preventDefault();
        adminPost(`/api/admin/results/${interviewId}/ratings`, { questionId, score: Number(score), note }).then(
          () => (setMsg('Rating saved.'), onSaved()),
          (err: Error) => setMsg(err.message),
        );
      }}
    >
      <label>
        Your rating (0–5){' '}
        <select value={score} onChange={(e) => setScore(e.target.value)} required>
          <option value="">Choose</option>
          {RATING_SCALE.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit">Save rating</button>
      {msg && <span role="status">{msg}</span>}
    </form>
  );
}

export function CandidatePage() {
  const { interview = '' } = useParams();
  const [d, setD] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [delta, setDelta] = useState<Agreement | null>(null);
  const navigate = useNavigate();
  const load = useCallback(() => {
    adminGet<Detail>(`/api/admin/results/${interview}`).then(setD, (e: Error) => setError(e.message));
    // This candidate's answers only: the figure a reviewer's rating moves.
    adminGet<{ accuracyDelta: { overall: Agreement } }>(`/api/admin/metrics?ids=${encodeURIComponent(interview)}`).then(
      (m) => setDelta(m.accuracyDelta.overall),
      () => setDelta(null),
    );
  }, [interview]);
  useEffect(() => {
    load();
    void adminToken().then((t) => setRole(t?.role ?? null));
  }, [load]);
  if (error) return <p role="alert">{error}</p>;
  if (!d) return <p>Loading…</p>;
  return (
    <div className="admin-candidate">
      <p className="no-print">
        <Link to="/admin/results">All results</Link>
      </p>
      <h1>
        {d.candidate ?? '(no name)'}: {d.summary.title}
      </h1>
      <p>
        Status {d.summary.status}. First-pass AI score {d.summary.ai_score?.toFixed(2) ?? 'missing'}; human score {d.summary.human_score?.toFixed(2) ?? 'missing'}.
        {d.humanReviewOnly && ' The candidate asked for human review only: no AI scores.'}
      </p>
      {delta && (
        <p data-testid="candidate-accuracy-delta">
          Accuracy Delta for this candidate: mean absolute difference {f3(delta.meanAbsDiff)}, signed {f3(delta.signedMeanDiff)} (positive: the AI is kinder), over {delta.n}{' '}
          rated {delta.n === 1 ? 'answer' : 'answers'}.
        </p>
      )}
      <div className="no-print admin-actions">
        <button type="button" onClick={() => window.print()}>
          Print or save as PDF
        </button>
        <button type="button" onClick={() => void downloadAdminFile(`/api/admin/reports/${d.interviewId}.csv`, `interq-${d.interviewId}.csv`)}>
          Download CSV
        </button>
        <button type="button" onClick={() => void downloadAdminFile(`/api/admin/reports/${d.interviewId}.json`, `interq-${d.interviewId}.json`)}>
          Download JSON
        </button>
        {role === 'host' && (
          <button type="button" onClick={() => void downloadAdminFile(`/api/admin/candidates/${d.interviewId}/export`, `interq-${d.interviewId}-export.zip`)}>
            Export all data (ZIP)
          </button>
        )}
        {role === 'host' && (
          <DeleteCandidate
            interviewId={d.interviewId}
            name={d.candidate ?? d.interviewId}
            onDeleted={(message) => navigate('/admin/results', { state: { message } })}
          />
        )}
      </div>
      <section aria-labelledby="syn-h">
        <h2 id="syn-h">Synthesis</h2>
        {d.synthesis ? (
          <p>
            {d.synthesis.result?.recommendation ?? '—'} ({d.synthesis.source}
            {d.synthesis.model ? `, ${d.synthesis.model}` : ''}): {d.synthesis.result?.summary ?? ''}
          </p>
        ) : (
          <p>No synthesis yet.</p>
        )}
      </section>
      {d.questions.map((q) => (
        <section key={q.id} aria-labelledby={`q-${q.id}`} className="admin-question">
          <h2 id={`q-${q.id}`}>
            {q.index + 1}. {q.prompt}
          </h2>
          {q.answer?.recordingId && q.transcript && <TranscriptPlayer interviewId={d.interviewId} recordingId={q.answer.recordingId} words={q.transcript.words} />}
          {q.flags.length > 0 && <p>The candidate flagged {q.flags.length} passage(s) of this transcript as wrong.</p>}
          {q.options && (
            <p>
              Chose: {q.answer?.mcqChoice !== null && q.answer?.mcqChoice !== undefined ? q.options[q.answer.mcqChoice] : 'no answer'}
            </p>
          )}
          {q.answer?.code && <pre className="code-answer">{q.answer.code}</pre>}
          {q.score?.tests && (
            <p>
              Tests passed: {q.score.passed} of {q.score.total} ({q.score.tests.filter((t) => t.hidden).length} hidden)
            </p>
          )}
          <p>
            <strong>First-pass AI score:</strong> {aiOf(q.score)?.toFixed(2) ?? 'missing'}. {q.score?.explanation}
          </p>
          {q.score?.accuracy && (
            <p>
              Concepts found: {q.score.accuracy.conceptsFound.map((c) => c.concept).join(', ') || 'none'}; missed: {q.score.accuracy.conceptsMissed.map((c) => c.concept).join(', ') || 'none'}.
            </p>
          )}
          <p>
            <strong>Human ratings:</strong>{' '}
            {q.ratings.length === 0 ? 'none yet' : q.ratings.map((r) => `${r.score} by ${r.by} (${r.role})${r.note ? `: “${r.note}”` : ''}`).join('; ')}
          </p>
          {q.reactions.length > 0 && <p>Reactions: {q.reactions.map((r) => `${r.kind}${r.momentMs !== null ? ` at ${Math.round(r.momentMs / 1000)} s` : ''}`).join(', ')}</p>}
          <div className="no-print">
            <RatingForm interviewId={d.interviewId} questionId={q.id} onSaved={load} />
          </div>
        </section>
      ))}
    </div>
  );
}
