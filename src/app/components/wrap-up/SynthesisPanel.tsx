/**
 * The interview's final synthesis for host and interviewer: status, progress while it runs, the recommendation,
 * competencies, and every strength and concern with its quote. A quote opens the answer it comes from, highlighted,
 * with the moment in the recording. "Offline synthesis", "unreliable" and "out of date" are said where they apply.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../api/http-client';
import { fetchRecordingAudio } from '../../../api/recordings-client';
import { fetchSynthesis, followSynthesis, requestSynthesis, type SynthesisView } from '../../../api/synthesis-client';
import { locateQuote } from '../../../domain/wrap-up/quote-check';
import { STATUS_LABELS } from '../../../domain/wrap-up/status';
import { unavailableButton } from '../busy-button';
import { RECOMMENDATION_LABELS, type CheckedClaim, type Evidence } from '../../../domain/wrap-up/synthesis-schema';
import './synthesis.css';

export interface AnswerSource {
  prompt: string;
  /** The transcript of the take the quote is from, when this device has it. */
  transcript: (recordingId: string | null, questionId: string) => string | null;
}

interface Props {
  interviewId: string;
  token: string;
  /** Question prompts by id and transcripts, to open an answer; the live session passes its documents. */
  answers?: (questionId: string) => AnswerSource | null;
  /** Also move the page to that question (the live session's answer list). */
  onOpenQuestion?: (questionIndex: number) => void;
}

/** Pauses before following again after the stream ended or failed, growing while it keeps failing. */
const RECONNECT_MS = [1000, 2000, 5000, 10_000, 30_000];

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function SynthesisPanel({ interviewId, token, answers, onOpenQuestion }: Props) {
  const [view, setView] = useState<SynthesisView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [opened, setOpened] = useState<Evidence | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setView(await fetchSynthesis(interviewId, token));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, [interviewId, token]);

  // The server sends the view when it changes (status, a run starting or ending) and a run's progress as it moves;
  // nothing is polled. When the stream ends (offline, a server restart) it is opened again after a pause.
  useEffect(() => {
    const abort = new AbortController();
    let failures = 0;
    const follow = async () => {
      while (!abort.signal.aborted) {
        try {
          await followSynthesis(
            interviewId,
            token,
            {
              view: (v) => {
                failures = 0;
                setView(v);
                setProgress(v.running?.progress ?? null);
                setError(null);
              },
              progress: setProgress,
            },
            abort.signal,
          );
        } catch (err) {
          if (abort.signal.aborted) return;
          setError(err instanceof ApiError ? err.message : 'The server cannot be reached. Check the connection; nothing was lost.');
        }
        await pause(RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]!, abort.signal);
      }
    };
    void follow();
    return () => abort.abort();
  }, [interviewId, token]);

  const rerun = async (offline: boolean) => {
    setBusy(true);
    try {
      await requestSynthesis(interviewId, token, offline);
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const status = view?.status ?? null;
  /** A run asked for or going on: Re-run and Offline synthesis wait for it. */
  const runPending = busy || Boolean(view?.running);
  const latest = view?.latest ?? null;
  const result = latest?.result ?? null;
  const open = (e: Evidence) => {
    setOpened(e);
    onOpenQuestion?.(e.questionIndex);
  };

  return (
    <section className="card synthesis" aria-labelledby="synthesis-title" data-testid="synthesis-panel">
      <div className="title-row">
        <h2 id="synthesis-title">Final synthesis</h2>
        <span className="tag" data-testid="interview-status">
          {status ? STATUS_LABELS[status.status] : 'No status yet'}
        </span>
      </div>
      {status && (
        <p className="muted">
          {status.answers} answers · {status.uploaded}/{status.recordings} uploaded · {status.transcribed}/{status.recordings} transcribed · {status.scored}/{status.toScore} scored
        </p>
      )}
      {status?.humanReviewOnly && <p className="notice">The candidate declined AI scoring: human review only, no AI synthesis.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {view?.running && (
        <p className="notice" role="status" data-testid="synthesis-progress">
          Synthesizing… {progress ?? view.running.progress}
        </p>
      )}
      {!view?.running && view?.resynthesisDueAt != null && (
        <p className="notice" data-testid="synthesis-due">
          The review changed since this synthesis (ratings, reactions or flags). A new one is made at {new Date(view.resynthesisDueAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} if
          nothing else changes by then; Re-run synthesis makes it now.
        </p>
      )}
      {result && latest && (
        <div data-testid="synthesis-result" data-kind={result.kind}>
          <p>
            <strong data-testid="synthesis-label">{result.label}</strong>
            {latest.model ? ` · ${latest.model}` : ''} · <span data-testid="synthesis-recommendation">{RECOMMENDATION_LABELS[result.recommendation]}</span>, confidence{' '}
            {Math.round(result.confidence * 100)}%
          </p>
          {!result.reliable && (
            <p className="notice" data-testid="synthesis-unreliable">
              Unreliable: read the answers before trusting it.
            </p>
          )}
          {latest.stale && <p className="notice">Out of date: the interview changed while it was made. Re-run it.</p>}
          {result.notes.length > 0 && (
            <ul className="muted">
              {result.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <p>{result.summary}</p>
          {result.competencies.length > 0 && (
            <table className="synthesis-competencies">
              <caption>Competencies</caption>
              <tbody>
                {result.competencies.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.label}</th>
                    <td>{c.rating === null ? 'not assessed' : `${c.rating} / 5`}</td>
                    <td className="muted">{c.rationale}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Claims title="Strengths" claims={result.strengths} onOpen={open} />
          <Claims title="Concerns" claims={result.concerns} onOpen={open} />
          {result.uncovered.length > 0 && <List title="Not covered" items={result.uncovered} />}
          {result.followUps.length > 0 && <List title="Follow-up questions" items={result.followUps} />}
          <p className="muted small">
            {latest.claimsKept} claims kept, {latest.claimsDropped} dropped for quotes not in the answer · prompt {latest.promptVersion}
            {latest.tokensPrompt > 0 ? ` · ${latest.tokensPrompt + latest.tokensCompletion} tokens` : ''}. {result.fairness}
          </p>
        </div>
      )}
      {opened && <EvidenceView evidence={opened} source={answers?.(opened.questionId) ?? null} interviewId={interviewId} token={token} onClose={() => setOpened(null)} />}
      {!status?.humanReviewOnly && (
        <p className="row">
          {/* Unavailable, not disabled, while a run is asked for or goes on: the focus stays on the button pressed. */}
          <button type="button" {...unavailableButton(runPending, () => void rerun(false))}>
            {latest ? 'Re-run synthesis' : 'Make synthesis'}
          </button>{' '}
          <button type="button" className="secondary" {...unavailableButton(runPending, () => void rerun(true))}>
            Offline synthesis
          </button>
        </p>
      )}
    </section>
  );
}

function Claims({ title, claims, onOpen }: { title: string; claims: CheckedClaim[]; onOpen: (e: Evidence) => void }) {
  if (claims.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="synthesis-claims">
        {claims.map((c, i) => (
          <li key={`${c.evidence.questionId}-${i}`}>
            {c.claim}{' '}
            <button type="button" className="link-button quote" data-question-id={c.evidence.questionId} onClick={() => onOpen(c.evidence)}>
              “{c.evidence.quote}” (question {c.evidence.questionIndex + 1}
              {c.evidence.momentMs !== null ? `, at ${clock(c.evidence.momentMs)}` : ''})
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function List({ title, items }: { title: string; items: string[] }) {
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {items.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </>
  );
}

function EvidenceView({ evidence, source, interviewId, token, onClose }: { evidence: Evidence; source: AnswerSource | null; interviewId: string; token: string; onClose: () => void }) {
  const text = source?.transcript(evidence.recordingId, evidence.questionId) ?? null;
  const at = text ? locateQuote(evidence.quote, text) : null;
  const [audio, setAudio] = useState<string | null>(null);
  const [audioError, setAudioError] = useState<string | null>(null);
  useEffect(() => () => void (audio && URL.revokeObjectURL(audio)), [audio]);
  const play = async () => {
    if (!evidence.recordingId) return;
    try {
      const blob = await fetchRecordingAudio(interviewId, evidence.recordingId, token);
      setAudio(URL.createObjectURL(blob));
    } catch (err) {
      setAudioError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="synthesis-evidence" role="region" aria-label="Answer" data-testid="synthesis-evidence" data-question-id={evidence.questionId}>
      <p>
        <strong>Question {evidence.questionIndex + 1}</strong>
        {source ? `: ${source.prompt}` : ''}
      </p>
      {text && at ? (
        <p className="prewrap" data-testid="evidence-answer">
          {text.slice(0, at.start)}
          <mark>{text.slice(at.start, at.end)}</mark>
          {text.slice(at.end)}
        </p>
      ) : (
        <p className="prewrap">“{evidence.quote}”</p>
      )}
      {evidence.recordingId && (
        <p>
          {evidence.momentMs !== null ? `Said at ${clock(evidence.momentMs)} in the recording. ` : ''}
          {audio ? (
            <audio
              controls
              src={audio}
              onLoadedMetadata={(e) => {
                if (evidence.momentMs !== null) e.currentTarget.currentTime = evidence.momentMs / 1000;
              }}
            />
          ) : (
            <button type="button" className="secondary" onClick={() => void play()}>
              Play from there
            </button>
          )}
          {audioError && <span className="error"> {audioError}</span>}
        </p>
      )}
      <button type="button" className="link-button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
