/**
 * The host's planning form ("Neural Generator"): four choices produce a complete
 * interview from the offline bank at once, saved on this device before anything
 * touches the network.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { COGNITIVE_DEPTHS, JOB_ARCHETYPES, MAX_DURATION_MIN, MIN_DURATION_MIN, type CognitiveDepth, type JobArchetype } from '../../domain/archetypes';
import { SESSION_ID_PATTERN, slugifySessionId, type InterviewPlan } from '../../domain/interview';
import { describeCodingRule, describeMix, planMix } from '../../domain/planning';
import type { GenerateEvent } from '../../domain/generation/protocol';
import { generateInterview, planOffline } from '../../api/generate-client';
import { ensureQuestionBank } from '../../api/bank-client';
import { hostCredential } from '../../auth/credentials';
import { isSessionIdTaken, saveNewInterview, SessionIdTakenError } from '../../storage/interviews';
import { GenerationProgress, type ProgressState } from '../components/GenerationProgress';

interface FormErrors {
  title?: string;
  sessionId?: string;
  durationMin?: string;
  form?: string;
}

/** Longest title (InterviewMeta.title). */
const MAX_TITLE = 120;

function validate(title: string, sessionId: string, durationMin: number): FormErrors {
  const errors: FormErrors = {};
  if (!title) errors.title = 'Enter a title for the interview, for example “Frontend engineer, January”.';
  else if (title.length > MAX_TITLE) errors.title = `Shorten the title to ${MAX_TITLE} characters or fewer.`;
  if (!sessionId) errors.sessionId = 'Enter a session identifier.';
  else if (!SESSION_ID_PATTERN.test(sessionId)) {
    errors.sessionId = 'Use 3 to 63 lowercase letters, digits or dashes, starting with a letter or digit.';
  }
  if (!Number.isInteger(durationMin) || durationMin < MIN_DURATION_MIN || durationMin > MAX_DURATION_MIN) {
    errors.durationMin = `Choose a whole number of minutes from ${MIN_DURATION_MIN} to ${MAX_DURATION_MIN}.`;
  }
  return errors;
}

function reduceProgress(p: ProgressState, ev: GenerateEvent): ProgressState {
  switch (ev.type) {
    case 'progress':
      return { ...p, fraction: ev.fraction, message: ev.message };
    case 'question':
      return ev.source === 'llm' ? { ...p, llm: p.llm + 1 } : { ...p, bank: p.bank + 1 };
    case 'rejected':
      return { ...p, rejected: ev.total };
    case 'fallback':
      return { ...p, fallback: ev.message };
    case 'done':
      return { ...p, fraction: 1, message: 'Plan ready' };
    default:
      return p;
  }
}

export function CreateInterviewPage() {
  const navigate = useNavigate();
  const ids = { title: useId(), session: useId(), archetype: useId(), duration: useId(), depth: useId() };
  const [title, setTitle] = useState('');
  const [sessionId, setSessionId] = useState('');
  // The identifier follows the title until the host types one of their own.
  const [idEdited, setIdEdited] = useState(false);
  const [archetype, setArchetype] = useState<JobArchetype>('frontend');
  const [depth, setDepth] = useState<CognitiveDepth>('standard');
  const [durationMin, setDurationMin] = useState(45);
  // Chosen up front so the mix announced below is worked out from the very questions this seed picks.
  const [seed] = useState(() => Math.floor(Math.random() * 2 ** 31));
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const [progress, setProgress] = useState<ProgressState | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  // The bank is not part of the app (it holds the answer keys): this device's copy, downloaded with the host link.
  const [bank, setBank] = useState<{ ready: boolean; error: string | null }>({ ready: false, error: null });
  useEffect(() => {
    let live = true;
    void (async () => {
      const cred = await hostCredential();
      await ensureQuestionBank(cred?.token ?? null);
    })().then(
      () => live && setBank({ ready: true, error: null }),
      (err: unknown) => live && setBank({ ready: false, error: (err as Error).message }),
    );
    return () => {
      live = false;
    };
  }, []);

  const mix = useMemo(() => {
    if (!bank.ready) return null;
    try {
      return describeMix(planMix({ archetype, depth, durationMin, seed }));
    } catch {
      return null;
    }
  }, [archetype, depth, durationMin, seed, bank.ready]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = sessionId.trim();
    const name = title.trim();
    const found = validate(name, id, durationMin);
    if (!found.sessionId && (await isSessionIdTaken(id))) {
      found.sessionId = `"${id}" is already one of your interviews. Pick another identifier.`;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(found.title ? ids.title : found.sessionId ? ids.session : ids.duration)?.focus();
      return;
    }
    setSaving(true);
    const abort = new AbortController();
    abortRef.current = abort;
    setProgress({ fraction: 0, message: 'Starting…', llm: 0, bank: 0, rejected: 0, fallback: null });
    try {
      const cred = await hostCredential();
      const onEvent = (ev: GenerateEvent) => setProgress((p) => (p ? reduceProgress(p, ev) : p));
      const request = { archetype, depth, durationMin, seed, sessionTitle: name };
      // Without a host link there is no server to ask: plan from the bank on this device.
      const done = cred
        ? await generateInterview(request, { token: cred.token, signal: abort.signal, onEvent })
        : await planOffline(request, 'no-host-link', { onEvent });
      const now = Date.now();
      const plan: InterviewPlan = {
        meta: { id, title: name, archetype, depth, durationMin, createdAt: now, updatedAt: now, status: 'draft', version: 0, seed },
        questions: done.questions,
      };
      await saveNewInterview(plan, { note: done.note, counts: done.counts, fallback: done.fallback, rejected: done.rejected, model: done.model });
      navigate(`/interviews/${id}`);
    } catch (err) {
      setSaving(false);
      setProgress(null);
      if ((err as Error).name === 'AbortError') setErrors({ form: 'Generation cancelled. Nothing was saved.' });
      else if (err instanceof SessionIdTakenError) setErrors({ sessionId: err.message });
      else setErrors({ form: `Could not create the interview: ${(err as Error).message}` });
    }
  }

  return (
    <section className="card narrow" aria-labelledby="create-title">
      <h1 id="create-title">Plan an interview</h1>
      <p className="muted">
        “Sync with AI” asks the AI service configured on the server for questions and fills any gap from InterQ's built-in bank, which also
        works offline. You review everything before the guest sees it.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={ids.title}>Interview title</label>
          <input
            id={ids.title}
            name="title"
            value={title}
            maxLength={MAX_TITLE + 20}
            onChange={(e) => {
              setTitle(e.target.value);
              if (!idEdited) setSessionId(e.target.value.trim() ? slugifySessionId(e.target.value) : '');
            }}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={`${ids.title}-hint${errors.title ? ` ${ids.title}-error` : ''}`}
            autoComplete="off"
            required
          />
          <span id={`${ids.title}-hint`} className="hint">
            What you, your colleagues and the candidate see, for example “Frontend engineer, January”.
          </span>
          {errors.title && (
            <span id={`${ids.title}-error`} className="error" role="alert">
              {errors.title}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.session}>Session Identifier</label>
          <input
            id={ids.session}
            name="sessionId"
            value={sessionId}
            onChange={(e) => {
              setSessionId(e.target.value.toLowerCase());
              setIdEdited(e.target.value !== '');
            }}
            aria-invalid={errors.sessionId ? true : undefined}
            aria-describedby={`${ids.session}-hint${errors.sessionId ? ` ${ids.session}-error` : ''}`}
            autoComplete="off"
            required
          />
          <span id={`${ids.session}-hint`} className="hint">
            Part of every link to the interview: made from the title unless you change it. Lowercase letters, digits and dashes, for example
            acme-frontend-jan.
          </span>
          {errors.sessionId && (
            <span id={`${ids.session}-error`} className="error" role="alert">
              {errors.sessionId}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.archetype}>Job Archetype</label>
          <select id={ids.archetype} name="archetype" value={archetype} onChange={(e) => setArchetype(e.target.value as JobArchetype)}>
            {JOB_ARCHETYPES.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>Cognitive Depth</legend>
          <div className="radio-row">
            {COGNITIVE_DEPTHS.map((d) => (
              <label key={d.id} className="radio">
                <input type="radio" name="depth" value={d.id} checked={depth === d.id} onChange={() => setDepth(d.id)} />
                {d.label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={ids.duration}>Duration (minutes)</label>
          <input
            id={ids.duration}
            name="durationMin"
            type="number"
            min={MIN_DURATION_MIN}
            max={MAX_DURATION_MIN}
            step={5}
            value={Number.isNaN(durationMin) ? '' : durationMin}
            onChange={(e) => setDurationMin(e.target.valueAsNumber)}
            aria-invalid={errors.durationMin ? true : undefined}
            aria-describedby={errors.durationMin ? `${ids.duration}-error` : undefined}
          />
          {errors.durationMin && (
            <span id={`${ids.duration}-error`} className="error" role="alert">
              {errors.durationMin}
            </span>
          )}
        </div>
        {mix && (
          <p className="mix" aria-live="polite" data-testid="mix-summary">
            {mix}
          </p>
        )}
        <p className="hint" data-testid="coding-rule">
          {describeCodingRule(depth)}
        </p>
        {bank.error && (
          <p className="notice" data-testid="bank-unavailable">
            {bank.error}
          </p>
        )}
        {errors.form && (
          <p className="error" role="alert">
            {errors.form}
          </p>
        )}
        {progress && <GenerationProgress state={progress} onCancel={() => abortRef.current?.abort()} />}
        <button type="submit" disabled={saving}>
          {saving ? 'Generating…' : 'Sync with AI'}
        </button>
      </form>
    </section>
  );
}
