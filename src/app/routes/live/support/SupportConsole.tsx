/**
 * The tech support console: what each participant's device reports (microphone, connection, uploads, transcription,
 * browser, storage), the server's health, the alerts that need a person, and the actions support can take: send the
 * guest a guided fix, ask the guest's device to check the microphone again, and (when the host allows it) apply the
 * host's technical-block override. Every action and incident is logged in the support document with who and when.
 */
import { useId, useState } from 'react';
import type { Role } from '../../../../domain/access';
import { guestAlerts, serverAlerts, type SupportAlert } from '../../../../domain/support/alerts';
import type { GuestDiagnostics } from '../../../../domain/support/diagnostics';
import { ACTION_LABELS, INCIDENT_LABELS, type SupportActionType } from '../../../../domain/support/records';
import type { StageState } from '../../../../domain/stage';
import type { DocHandle } from '../../../../sync/doc-connection';
import { newRecordId } from '../../../../sync/record-id';
import { listActions, listIncidents, outcomeOf, recordAction } from '../../../../sync/support-doc';
import { setTechSupportMayBlock, techSupportMayBlock } from '../../../../sync/support-policy';
import { useDocVersion } from '../../../hooks/use-doc';
import { clockTime } from '../format';
import { useGuestDiagnostics, useStaffDiagnosticsPeers } from './use-diagnostics';
import { useServerHealth, type HealthCheckView } from './use-server-health';
import './support.css';

interface Props {
  me: { by: string; role: Role };
  stage: DocHandle | null;
  staff: DocHandle | null;
  support: DocHandle | null;
  plan: DocHandle | null;
  state: StageState | null;
}

const PERMISSION_TEXT: Record<GuestDiagnostics['mic']['permission'], string> = { granted: 'allowed', denied: 'denied', prompt: 'not asked yet', unknown: 'unknown' };

function micText(d: GuestDiagnostics): string {
  if (d.mic.level === null) return d.error ? `not open (${d.error.kind})` : 'not open';
  const sound = (d.mic.silentSec ?? 0) >= 3 ? `silent ${d.mic.silentSec} s` : 'sound arriving';
  return `${d.mic.input || 'default microphone'} · level ${d.mic.level}/5 · ${sound}${d.mic.recording ? ' · recording' : ''}`;
}

function netText(n: GuestDiagnostics['net']): string {
  return `${n.state}${n.rttMs !== null ? ` · ${n.rttMs} ms` : ''}`;
}

function checkText(name: string, c: HealthCheckView): string {
  switch (name) {
    case 'database':
      return c.state === 'ok' ? `writable · ${Math.round((c.sizeBytes as number) / 1024)} KiB` : (c.message ?? c.state);
    case 'disk':
      return `${Math.round((c.freeBytes as number) / 1048576)} MiB free`;
    case 'uploads':
      return `${c.inProgress as number} in progress`;
    case 'collab':
      return `${c.openDocuments as number} documents · ${c.openSockets as number} sockets`;
    case 'llm':
      return c.state === 'off' ? 'not configured (question bank only)' : c.state === 'pending' ? 'checking…' : c.reachable ? `reachable · ${c.latencyMs as number} ms` : 'unreachable';
    case 'models':
      return c.defaultModel ? `${c.defaultModel as string}${c.state === 'ok' ? ' · files present' : ''}` : 'no manifest';
    default:
      return c.state;
  }
}

const CHECK_LABELS: Record<string, string> = { database: 'Database', disk: 'Disk (data folder)', uploads: 'Uploads', collab: 'Live sync', llm: 'AI service', models: 'Speech model' };

export function SupportConsole({ me, stage, staff, support, plan, state }: Props) {
  useDocVersion(support);
  useDocVersion(plan);
  const guests = useGuestDiagnostics(stage);
  const staffPeers = useStaffDiagnosticsPeers(staff);
  const { health, error: healthError } = useServerHealth();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonId = useId();
  const mayBlock = plan ? techSupportMayBlock(plan.doc) : false;
  const canBlock = me.role === 'host' || mayBlock;

  const alerts: SupportAlert[] = [...guests.flatMap((g) => guestAlerts(g.name, g.diag)), ...serverAlerts(health?.alerts ?? [])];
  const incidents = support ? listIncidents(support.doc) : [];
  const actions = support ? listActions(support.doc) : [];
  const currentQuestionId = state && state.stage !== 'setup' && state.stage !== 'intro' ? (state.questions[state.currentIndex]?.id ?? null) : null;

  const act = (type: SupportActionType) => {
    if (!support || (me.role !== 'tech-support' && me.role !== 'host')) return;
    if (type === 'technical-block' && reason.trim() === '') {
      setReasonError('Say what blocked the question (for example: microphone not working).');
      return;
    }
    setReasonError(null);
    const latestIncident = incidents.at(-1) ?? null;
    recordAction(support.doc, {
      id: newRecordId('sa', support.doc.clientID),
      at: Date.now(),
      type,
      by: me.by,
      role: me.role,
      incidentId: latestIncident?.id ?? null,
      questionId: type === 'technical-block' ? currentQuestionId : null,
      reason: type === 'technical-block' ? reason.trim().slice(0, 200) : null,
    });
    if (type === 'technical-block') setReason('');
  };

  return (
    <section className="card support-console" aria-labelledby="support-title" data-testid="support-console">
      <h2 id="support-title">Technical support</h2>

      <h3>Needs attention</h3>
      {alerts.length === 0 ? (
        <p className="muted" data-testid="support-alerts-empty">
          Nothing needs attention.
        </p>
      ) : (
        <ul className="support-alerts" data-testid="support-alerts">
          {alerts.map((a) => (
            <li key={`${a.kind}:${a.subject}`} data-alert-kind={a.kind} data-severity={a.severity} className={`support-alert support-${a.severity}`}>
              {a.message}
            </li>
          ))}
        </ul>
      )}

      <h3>Candidate’s device</h3>
      {guests.length === 0 ? (
        <p className="muted">The candidate’s device is not connected (its diagnostics appear while the interview is open).</p>
      ) : (
        guests.map((g) => (
          <dl key={g.name} className="support-diag" data-testid="guest-diagnostics" data-guest={g.name} data-mic-permission={g.diag.mic.permission} data-net-state={g.diag.net.state} data-reconnects={g.diag.net.reconnects}>
            <dt>Candidate</dt>
            <dd>{g.name}</dd>
            <dt>Microphone permission</dt>
            <dd data-testid="diag-permission">{PERMISSION_TEXT[g.diag.mic.permission]}</dd>
            <dt>Microphone</dt>
            <dd data-testid="diag-mic">{micText(g.diag)}</dd>
            <dt>Last microphone error</dt>
            <dd data-testid="diag-error">{g.diag.error ? `${g.diag.error.kind} at ${clockTime(g.diag.error.at)}` : 'none'}</dd>
            <dt>Connection</dt>
            <dd data-testid="diag-net">{netText(g.diag.net)}</dd>
            <dt>Reconnects</dt>
            <dd data-testid="diag-reconnects">{g.diag.net.reconnects}</dd>
            <dt>Uploads waiting</dt>
            <dd>{g.diag.uploads.takes === 0 ? 'none' : `${g.diag.uploads.takes} (${Math.ceil(g.diag.uploads.bytes / 1024)} KiB)`}</dd>
            <dt>Transcription</dt>
            <dd>
              {g.diag.asr.where === 'device' ? 'on the candidate’s device' : g.diag.asr.where === 'staff' ? 'on a staff device' : 'not decided yet'} · model {g.diag.asr.model}
            </dd>
            <dt>Browser</dt>
            <dd>
              {g.diag.env.browser} on {g.diag.env.os}
            </dd>
            <dt>Storage left</dt>
            <dd>{g.diag.storageFreeMb === null ? 'unknown' : `${g.diag.storageFreeMb} MB`}</dd>
          </dl>
        ))
      )}

      {me.role === 'tech-support' || me.role === 'host' ? (
        <div className="support-actions" role="group" aria-label="Help the candidate">
          <button type="button" onClick={() => act('guided-fix')} disabled={!support}>
            Send guided fix
          </button>
          <button type="button" onClick={() => act('mic-check')} disabled={!support}>
            Ask to re-check the microphone
          </button>
          <form
            className="override-row"
            onSubmit={(e) => {
              e.preventDefault();
              act('technical-block');
            }}
            noValidate
          >
            <label htmlFor={reasonId} className="inline-label">
              Reason for the support technical block
            </label>
            <input id={reasonId} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} disabled={!canBlock} aria-invalid={reasonError ? true : undefined} />
            <button type="submit" disabled={!canBlock || !support || currentQuestionId === null}>
              Apply technical block
            </button>
            {reasonError ? <span className="error">{reasonError}</span> : null}
          </form>
          {!canBlock ? <p className="muted">The host has not allowed tech support to mark technical blocks in this interview.</p> : null}
        </div>
      ) : null}
      {me.role === 'host' && plan ? (
        <label className="support-policy">
          <input type="checkbox" checked={mayBlock} onChange={(e) => setTechSupportMayBlock(plan.doc, e.target.checked)} /> Let tech support mark technical
          blocks
        </label>
      ) : null}

      <h3>Staff devices</h3>
      {staffPeers.length === 0 ? (
        <p className="muted">No staff device reports yet.</p>
      ) : (
        <ul className="support-staff">
          {staffPeers.map((p) => (
            <li key={p.clientId} data-testid="staff-diagnostics" data-name={p.name}>
              {p.name} ({p.role}): {p.diag.net.state}, reconnects {p.diag.net.reconnects}, speech model {p.diag.model}
            </li>
          ))}
        </ul>
      )}

      <h3>Server</h3>
      {healthError ? <p className="error">{healthError}</p> : null}
      {health?.checks ? (
        <dl className="support-diag" data-testid="server-health">
          {Object.entries(health.checks).map(([name, c]) => (
            <div key={name} data-check={name} data-state={c.state} className="support-check">
              <dt>{CHECK_LABELS[name] ?? name}</dt>
              <dd>
                {checkText(name, c)}
                {c.state !== 'ok' && c.state !== 'off' ? ` (${c.state})` : ''}
              </dd>
            </div>
          ))}
          <div>
            <dt>Version</dt>
            <dd>
              {health.version} · up {Math.round(health.uptimeSec / 60)} min
            </dd>
          </div>
        </dl>
      ) : null}

      <details open={actions.length + incidents.length > 0}>
        <summary>
          Support log ({incidents.length} incidents, {actions.length} actions)
        </summary>
        <ol className="support-log" data-testid="support-log">
          {[
            ...incidents.map((i) => ({ at: i.at, key: i.id, text: `${INCIDENT_LABELS[i.kind]}${i.detail ? ` (${i.detail})` : ''} · ${i.by}`, kind: 'incident' })),
            ...actions.map((a) => {
              const o = support ? outcomeOf(support.doc, a.id) : null;
              const outcome = o ? (o.ok ? `done${o.reason ? `: ${o.reason}` : ''}` : `refused: ${o.reason ?? 'no reason'}`) : 'waiting for the candidate’s device';
              return { at: a.at, key: a.id, text: `${ACTION_LABELS[a.type]} by ${a.by} (${a.role}) · ${outcome}`, kind: 'action' };
            }),
          ]
            .sort((x, y) => y.at - x.at)
            .map((e) => (
              <li key={e.key} data-log-kind={e.kind}>
                <time dateTime={new Date(e.at).toISOString()}>{clockTime(e.at)}</time> · {e.text}
              </li>
            ))}
        </ol>
      </details>
    </section>
  );
}
