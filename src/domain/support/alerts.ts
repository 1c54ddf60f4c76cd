/**
 * What on the support console needs a person, from the participants' published diagnostics and the server's health
 * alerts. Pure, so the rules are tested without a browser.
 */
import { REPEATED_RECONNECTS, SILENT_ALERT_SEC, STALLED_UPLOAD_SEC, type GuestDiagnostics } from './diagnostics';

export type AlertKind = 'mic-denied' | 'mic-silent' | 'reconnects' | 'upload-stuck' | 'offline' | 'server';

export interface SupportAlert {
  kind: AlertKind;
  /** Who it concerns (a participant's name), or "server". */
  subject: string;
  severity: 'warn' | 'fail';
  message: string;
  /** Whether sending the guest a guided fix makes sense. */
  fixable: boolean;
}

export function guestAlerts(name: string, d: GuestDiagnostics): SupportAlert[] {
  const out: SupportAlert[] = [];
  if (d.mic.permission === 'denied' || (d.error && d.mic.level === null)) {
    const why = d.mic.permission === 'denied' ? 'the browser denies the microphone' : `microphone error: ${d.error!.kind}`;
    out.push({ kind: 'mic-denied', subject: name, severity: 'fail', message: `${name}: ${why}.`, fixable: true });
  }
  if (d.mic.recording && (d.mic.silentSec ?? 0) >= SILENT_ALERT_SEC) {
    out.push({ kind: 'mic-silent', subject: name, severity: 'fail', message: `${name}: no sound for ${d.mic.silentSec} s while recording.`, fixable: true });
  }
  if (d.net.reconnects >= REPEATED_RECONNECTS) {
    out.push({ kind: 'reconnects', subject: name, severity: 'warn', message: `${name}: reconnected ${d.net.reconnects} times.`, fixable: false });
  }
  if (d.net.state === 'offline' || d.net.state === 'connecting') {
    out.push({ kind: 'offline', subject: name, severity: 'warn', message: `${name}: ${d.net.state === 'offline' ? 'offline' : 'reconnecting'}.`, fixable: false });
  }
  if (d.uploads.takes > 0 && d.uploads.stalledSec >= STALLED_UPLOAD_SEC) {
    out.push({
      kind: 'upload-stuck',
      subject: name,
      severity: 'warn',
      message: `${name}: ${d.uploads.takes} answer${d.uploads.takes === 1 ? '' : 's'} (${Math.ceil(d.uploads.bytes / 1024)} KiB) not uploaded for ${d.uploads.stalledSec} s.`,
      fixable: false,
    });
  }
  return out;
}

/** The server's own warnings (disk nearly full, AI service unreachable, …) from /healthz `alerts`. */
export function serverAlerts(alerts: readonly { check: string; state: 'warn' | 'fail'; message: string }[]): SupportAlert[] {
  return alerts.map((a) => ({ kind: 'server', subject: `server: ${a.check}`, severity: a.state, message: a.message, fixable: false }));
}
