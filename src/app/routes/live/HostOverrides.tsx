/**
 * The host's manual override: moves the guest's session on, pauses, resumes,
 * extends time or marks a technical block. Each press appends a command to the
 * stage document with who and when; the guest's device applies it through its
 * stage machine (within a second when online, on return when offline) and the
 * outcome shows in the log below.
 */
import { useId, useState, type FormEvent } from 'react';
import type { StageState } from '../../../domain/stage';
import type { DocHandle } from '../../../sync/doc-connection';
import { commandResult, listCommands } from '../../../sync/stage-doc';
import { unavailableButton } from '../../components/busy-button';
import { useDocVersion } from '../../hooks/use-doc';
import { clockTime } from './format';
import { buildOverride, commandLabel, issueOverride, nextLabel, unavailableReason, type OverrideType } from './override-commands';

const EXTENSIONS = [30, 60, 120, 300];

export function HostOverrides({ stage, state, issuedBy }: { stage: DocHandle; state: StageState | null; issuedBy: string }) {
  useDocVersion(stage);
  const ids = { extend: useId(), reason: useId(), hint: useId() };
  const [extraSec, setExtraSec] = useState(60);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [lastSent, setLastSent] = useState<string | null>(null);

  const commands = listCommands(stage.doc);
  const pendingCount = commands.filter((c) => !commandResult(stage.doc, c.id)).length;

  function send(type: OverrideType) {
    if (!state) return;
    if (type === 'HOST_MARK_BLOCKED' && reason.trim() === '') {
      setReasonError('Say what blocked the question (for example: microphone not working).');
      return;
    }
    setReasonError(null);
    const now = Date.now();
    const event = buildOverride(type, state, { extraSec, reason }, issuedBy, now);
    const cmd = issueOverride(stage.doc, event, issuedBy, now);
    setLastSent(cmd.id);
    if (type === 'HOST_MARK_BLOCKED') setReason('');
  }

  const button = (type: OverrideType, label: string) => {
    const why = unavailableReason(state, type);
    // Unavailable, not disabled: Pause pressed becomes unavailable once the guest's device applies it, under the
    // host's focus, and a disabled button would drop that focus to the page's body.
    return (
      <button type="button" {...unavailableButton(why !== null, () => send(type))} title={why ?? undefined} aria-describedby={why ? ids.hint : undefined}>
        {label}
      </button>
    );
  };

  const blockUnavailable = unavailableReason(state, 'HOST_MARK_BLOCKED') !== null;
  const onBlock = (e: FormEvent) => {
    e.preventDefault();
    // Enter in the reason's field submits the form too: the same condition as the button's.
    if (!blockUnavailable) send('HOST_MARK_BLOCKED');
  };

  const last = lastSent ? commands.find((c) => c.id === lastSent) : undefined;
  const lastResult = lastSent ? commandResult(stage.doc, lastSent) : undefined;

  return (
    <section className="card host-overrides" aria-labelledby="overrides-title">
      <h2 id="overrides-title">Host controls</h2>
      {!state ? (
        <p className="muted" id={ids.hint}>
          Available once the guest’s device has shared its progress.
        </p>
      ) : (
        <p className="muted" id={ids.hint}>
          The guest’s screen follows within a second when they are online; otherwise as soon as they reconnect.
        </p>
      )}
      <div className="override-row" role="group" aria-label="Move the session">
        {button('HOST_NEXT', nextLabel(state))}
        {button('HOST_PAUSE', 'Pause')}
        {button('HOST_RESUME', 'Resume')}
      </div>
      <div className="override-row">
        <label htmlFor={ids.extend} className="inline-label">
          Extra time
        </label>
        <select id={ids.extend} value={extraSec} onChange={(e) => setExtraSec(Number(e.target.value))} className="auto-width">
          {EXTENSIONS.map((s) => (
            <option key={s} value={s}>
              {s < 60 ? `${s} seconds` : `${s / 60} minute${s === 60 ? '' : 's'}`}
            </option>
          ))}
        </select>
        {button('HOST_EXTEND_TIME', 'Extend time')}
      </div>
      <form className="override-row" onSubmit={onBlock} noValidate>
        <label htmlFor={ids.reason} className="inline-label">
          Technical block reason
        </label>
        <input
          id={ids.reason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${ids.reason}-err` : undefined}
          placeholder="e.g. microphone not working"
        />
        <button type="submit" aria-disabled={blockUnavailable || undefined}>
          Mark technical block
        </button>
        {reasonError ? (
          <span id={`${ids.reason}-err`} className="error">
            {reasonError}
          </span>
        ) : null}
      </form>
      <p role="status" aria-live="polite" data-testid="override-status" className="override-status">
        {last
          ? lastResult
            ? lastResult.ok
              ? `${commandLabel(last.event)}: applied on the guest’s device.`
              : `${commandLabel(last.event)}: refused by the guest’s session (${lastResult.reason ?? 'no reason given'}).`
            : `${commandLabel(last.event)}: sent, waiting for the guest’s device…`
          : ''}
      </p>

      <details open={commands.length > 0}>
        <summary>
          Override log ({commands.length}
          {pendingCount ? `, ${pendingCount} waiting` : ''})
        </summary>
        {commands.length === 0 ? (
          <p className="empty">No overrides yet.</p>
        ) : (
          <ol className="override-log" data-testid="override-log">
            {[...commands].reverse().map((c) => {
              const r = commandResult(stage.doc, c.id);
              return (
                <li key={c.id} data-command-state={r ? (r.ok ? 'applied' : 'refused') : 'waiting'}>
                  <time dateTime={new Date(c.at).toISOString()}>{clockTime(c.at)}</time> · <strong>{commandLabel(c.event)}</strong> by {c.issuedBy} ·{' '}
                  {r ? (r.ok ? `applied ${clockTime(r.at)}` : `refused: ${r.reason ?? 'no reason'}`) : 'waiting for the guest’s device'}
                </li>
              );
            })}
          </ol>
        )}
      </details>
    </section>
  );
}
