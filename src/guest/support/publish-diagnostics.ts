/**
 * Publishes the guest device's diagnostics in its stage presence while the interview is open, and records the
 * incidents they reveal in the support document (the Friction Score's events).
 *
 * Traffic: a change that an alert depends on (urgentChange) goes out at once, at most once a second; drift (level,
 * round trip, seconds of silence, storage) waits up to 14 s, which is when y-protocols would renew the presence anyway
 * (every 15 s), so drift costs no extra message. Once the interview is completed or closed the diagnostics are removed.
 */
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { SILENT_ALERT_SEC, STALLED_UPLOAD_SEC, urgentChange, type GuestDiagnostics } from '../../domain/support/diagnostics';
import type { IncidentKind } from '../../domain/support/records';
import { setGuestDiagnostics } from '../../sync/diagnostics-presence';
import { newRecordId } from '../../sync/record-id';
import { recordIncident } from '../../sync/support-doc';
import type { DiagnosticsCollector } from './diagnostics-collector';

export const URGENT_MIN_INTERVAL_MS = 1_000;
export const DRIFT_INTERVAL_MS = 14_000;

export interface PublisherOptions {
  awareness: Awareness;
  collector: DiagnosticsCollector;
  /** The support document, where incidents go; null when it is not open. */
  supportDoc: () => Y.Doc | null;
  guestName: string;
  /** The question on screen, for incidents. */
  questionId: () => string | null;
  /** True while the interview is open (not completed). */
  isOpen: () => boolean;
}

const MIC_UNAVAILABLE = new Set(['permission-denied', 'no-device', 'device-in-use']);

/** The incidents that the change from `prev` to `next` begins (each begins once: on the transition). */
export function incidentsBetween(prev: GuestDiagnostics | null, next: GuestDiagnostics): { kind: IncidentKind; detail: string | null }[] {
  const out: { kind: IncidentKind; detail: string | null }[] = [];
  if (next.error && next.error.at !== prev?.error?.at) {
    out.push({ kind: MIC_UNAVAILABLE.has(next.error.kind) ? 'mic-denied' : 'mic-error', detail: next.error.kind });
  } else if (next.mic.permission === 'denied' && prev !== null && prev.mic.permission !== 'denied') {
    out.push({ kind: 'mic-denied', detail: 'permission-denied' });
  }
  const silent = (d: GuestDiagnostics | null) => d !== null && d.mic.recording && (d.mic.silentSec ?? 0) >= SILENT_ALERT_SEC;
  if (silent(next) && !silent(prev)) out.push({ kind: 'mic-silent', detail: null });
  if (prev && next.net.reconnects > prev.net.reconnects) out.push({ kind: 'reconnects', detail: `reconnect ${next.net.reconnects}` });
  const stuck = (d: GuestDiagnostics | null) => d !== null && d.uploads.takes > 0 && d.uploads.stalledSec >= STALLED_UPLOAD_SEC;
  if (stuck(next) && !stuck(prev)) out.push({ kind: 'upload-stuck', detail: `${next.uploads.takes} takes` });
  return out;
}

export function startDiagnosticsPublisher(opts: PublisherOptions): () => void {
  let published: GuestDiagnostics | null = null;
  let publishedJson = '';
  let publishedAt = 0;
  let seen: GuestDiagnostics | null = null;

  const tick = () => {
    const now = Date.now();
    if (!opts.isOpen()) {
      if (published) setGuestDiagnostics(opts.awareness, null);
      published = null;
      publishedJson = '';
      return;
    }
    const next = opts.collector.read(now);
    const doc = opts.supportDoc();
    for (const incident of incidentsBetween(seen, next)) {
      if (!doc) break;
      recordIncident(doc, { id: newRecordId('i', doc.clientID), at: now, kind: incident.kind, by: opts.guestName, role: 'guest', questionId: opts.questionId(), detail: incident.detail });
    }
    seen = next;
    const json = JSON.stringify(next);
    if (json === publishedJson) return;
    const since = now - publishedAt;
    if ((urgentChange(published, next) && since >= URGENT_MIN_INTERVAL_MS) || since >= DRIFT_INTERVAL_MS) {
      setGuestDiagnostics(opts.awareness, next);
      published = next;
      publishedJson = json;
      publishedAt = now;
    }
  };
  tick();
  const timer = setInterval(tick, 1000);
  return () => {
    clearInterval(timer);
    if (published) setGuestDiagnostics(opts.awareness, null);
  };
}
