/**
 * The host's planning form ("Neural Generator"): four choices produce a complete
 * interview from the offline bank at once, saved on this device before anything
 * touches the network.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { COGNITIVE_DEPTHS, JOB_ARCHETYPES, MAX_DURATION_MIN, MIN_DURATION_MIN, type CognitiveDepth, type JobArchetype } from '../../domain/archetypes';
import { SESSION_ID_PATTERN, type InterviewPlan } from '../../domain/interview';
import { describeMix, generateOfflinePlan, planMix } from '../../domain/planning';
import { isSessionIdTaken, saveNewInterview, SessionIdTakenError } from '../../storage/interviews';

interface FormErrors {
  sessionId?: string;
  durationMin?: string;
  form?: string;
}

function validate(sessionId: string, durationMin: number): FormErrors {
  const errors: FormErrors = {};
  if (!sessionId) errors.sessionId = 'Enter a session identifier.';
  else if (!SESSION_ID_PATTERN.test(sessionId)) {
    errors.sessionId = 'Use 3 to 63 lowercase letters, digits or dashes, starting with a letter or digit.';
  }
  if (!Number.isInteger(durationMin) || durationMin < MIN_DURATION_MIN || durationMin > MAX_DURATION_MIN) {
    errors.durationMin = `Choose a whole number of minutes from ${MIN_DURATION_MIN} to ${MAX_DURATION_MIN}.`;
  }
  return errors;
}

export function CreateInterviewPage() {
  const navigate = useNavigate();
  const ids = { session: useId(), archetype: useId(), duration: useId(), depth: useId() };
  const [sessionId, setSessionId] = useState('');
  const [archetype, setArchetype] = useState<JobArchetype>('frontend');
  const [depth, setDepth] = useState<CognitiveDepth>('standard');
  const [durationMin, setDurationMin] = useState(45);
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);

  const mix = useMemo(() => {
    try {
      return describeMix(planMix(durationMin, depth));
    } catch {
      return null;
    }
  }, [durationMin, depth]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = sessionId.trim();
    const found = validate(id, durationMin);
    if (!found.sessionId && (await isSessionIdTaken(id))) {
      found.sessionId = `"${id}" is already one of your interviews. Pick another identifier.`;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(found.sessionId ? ids.session : ids.duration)?.focus();
      return;
    }
    setSaving(true);
    try {
      const now = Date.now();
      const seed = Math.floor(Math.random() * 2 ** 31);
      const plan: InterviewPlan = {
        meta: { id, title: id, archetype, depth, durationMin, createdAt: now, updatedAt: now, status: 'published', version: 1, seed },
        questions: generateOfflinePlan({ archetype, depth, durationMin, seed }),
      };
      await saveNewInterview(plan);
      navigate(`/interviews/${id}`);
    } catch (err) {
      setSaving(false);
      if (err instanceof SessionIdTakenError) setErrors({ sessionId: err.message });
      else setErrors({ form: `Could not save the interview: ${(err as Error).message}` });
    }
  }

  return (
    <section className="card narrow" aria-labelledby="create-title">
      <h1 id="create-title">Plan an interview</h1>
      <p className="muted">Questions come from InterQ's built-in bank, so this works offline too.</p>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={ids.session}>Session Identifier</label>
          <input
            id={ids.session}
            name="sessionId"
            value={sessionId}
            onChange={(e) => setSessionId(e.target.value.toLowerCase())}
            aria-invalid={errors.sessionId ? true : undefined}
            aria-describedby={`${ids.session}-hint${errors.sessionId ? ` ${ids.session}-error` : ''}`}
            autoComplete="off"
            required
          />
          <span id={`${ids.session}-hint`} className="hint">
            For example acme-frontend-jan. Lowercase letters, digits and dashes.
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
        {errors.form && (
          <p className="error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Create interview'}
        </button>
      </form>
    </section>
  );
}
