/**
 * Gathers the guest device's diagnostics for tech support (src/domain/support/diagnostics.ts) from the parts that
 * already know them: the held microphone (label, last error, a level meter on its stream), the Permissions API, the
 * stage document's connection (state, reconnects), a ping for the round trip, the upload and AI status rows in
 * IndexedDB, and the storage estimate. Cheap sources are read every second, IndexedDB every 5 s, the ping every 15 s
 * and storage every 30 s, so a guest's device does little work for it.
 */
import { detectBrowser } from '../../domain/media-errors';
import { levelStep, roundRtt, type GuestDiagnostics } from '../../domain/support/diagnostics';
import { createLevelMeter, queryMicrophonePermission, type LevelMeter, type MicrophonePermissionState } from '../../media';
import { permissionWhileHolding } from './permission-while-holding';
import type { InterqDatabase } from '../../storage/db';
import type { DocHandle } from '../../sync/doc-connection';
import type { SyncState } from '../../sync/sync-status';
import { listUploadStatuses } from '../../upload/upload-status';
import { aiStatusKey, type AiAnswerStatus } from '../ai-processor';
import type { GuestMicrophone } from '../microphone';

export interface CollectorSources {
  interviewId: string;
  microphone: GuestMicrophone;
  isRecording: () => boolean;
  connection: DocHandle;
  db: InterqDatabase;
  /** GET /api/ping's URL (same origin). */
  pingUrl?: string;
}

export interface DiagnosticsCollector {
  /** The diagnostics as of now. */
  read(now?: number): GuestDiagnostics;
  stop(): void;
}

/** Counts lost-and-regained connections: a completed sync after the connection had dropped following an earlier one. */
export function reconnectCounter(onReconnect?: (count: number) => void) {
  let everSynced = false;
  let dropped = false;
  let count = 0;
  return {
    see(state: SyncState) {
      if (state === 'synced') {
        if (everSynced && dropped) {
          count += 1;
          onReconnect?.(count);
        }
        everSynced = true;
        dropped = false;
      } else if (everSynced && (state === 'offline' || state === 'connecting')) dropped = true;
    },
    get count() {
      return count;
    },
  };
}

export function startDiagnosticsCollector(src: CollectorSources, onReconnect?: (count: number) => void): DiagnosticsCollector {
  const timers: ReturnType<typeof setInterval>[] = [];
  const env = (() => {
    const { browser, platform } = detectBrowser(navigator.userAgent);
    return { browser, os: platform };
  })();
  let permission: MicrophonePermissionState = 'unknown';
  let meter: LevelMeter | null = null;
  let meterStream: MediaStream | null = null;
  let lastSoundAt: number | null = null;
  let rttMs: number | null = null;
  let uploads = { takes: 0, bytes: 0, stalledSec: 0 };
  let backlogSince: { bytes: number; at: number } | null = null;
  let asr: GuestDiagnostics['asr'] = { where: 'undecided', model: 'absent' };
  let storageFreeMb: number | null = null;
  let netState: SyncState = src.connection.status().state;
  const reconnects = reconnectCounter(onReconnect);
  reconnects.see(netState);
  const offStatus = src.connection.onStatus((s) => {
    netState = s.state;
    reconnects.see(s.state);
  });

  const followStream = () => {
    const held = src.microphone.current();
    if (held?.stream === meterStream) return;
    meter?.stop();
    meter = null;
    meterStream = held?.stream ?? null;
    lastSoundAt = null;
    if (!held) return;
    const m = createLevelMeter(held.stream);
    meter = m;
    // A suspended AudioContext (no user gesture yet) resumes on the guest's first click; until then level stays 0.
    m.start().catch(() => undefined);
    m.subscribe((r) => {
      if (r.hearing) lastSoundAt = Date.now();
    });
  };
  const offMic = src.microphone.subscribe(followStream);
  followStream();

  const readPermission = () => void queryMicrophonePermission().then((p) => (permission = p));
  const ping = async () => {
    if (!navigator.onLine) {
      rttMs = null;
      return;
    }
    const started = performance.now();
    try {
      const res = await fetch(src.pingUrl ?? '/api/ping', { cache: 'no-store' });
      rttMs = res.ok ? roundRtt(performance.now() - started) : null;
    } catch {
      rttMs = null;
    }
  };
  const readStores = async () => {
    try {
      const statuses = await listUploadStatuses(src.interviewId, src.db);
      const waiting = statuses.filter((s) => s.state !== 'uploaded');
      const bytes = waiting.reduce((n, s) => n + Math.max(0, s.totalBytes - s.sentBytes), 0);
      const now = Date.now();
      if (bytes === 0) backlogSince = null;
      else if (!backlogSince || backlogSince.bytes !== bytes || !navigator.onLine) backlogSince = { bytes, at: now };
      uploads = { takes: waiting.length, bytes, stalledSec: backlogSince ? Math.floor((now - backlogSince.at) / 1000) : 0 };
      const latest = (await src.db.kv.where('key').startsWith(aiStatusKey('')).toArray())
        .map((r) => r.value as AiAnswerStatus)
        .filter((s) => s.interviewId === src.interviewId)
        .sort((a, b) => b.at - a.at)[0];
      asr = latest
        ? {
            where: latest.processedOn === 'guest-device' ? 'device' : latest.processedOn === 'staff-device' ? 'staff' : 'undecided',
            model: latest.state === 'transcribed' && latest.processedOn === 'guest-device' ? 'ready' : latest.state === 'transcribing' ? 'loading' : latest.state === 'failed' ? 'failed' : 'absent',
          }
        : { where: 'undecided', model: 'absent' };
    } catch {
      // IndexedDB unavailable for a moment: keep the last values.
    }
  };
  const readStorage = async () => {
    try {
      const est = await navigator.storage?.estimate?.();
      storageFreeMb = est && est.quota !== undefined ? Math.max(0, Math.floor((est.quota - (est.usage ?? 0)) / 1048576)) : null;
    } catch {
      storageFreeMb = null;
    }
  };

  readPermission();
  void ping();
  void readStores();
  void readStorage();
  timers.push(setInterval(readPermission, 1000));
  timers.push(setInterval(() => void readStores(), 5000));
  timers.push(setInterval(() => void ping(), 15_000));
  timers.push(setInterval(() => void readStorage(), 30_000));

  return {
    read(now = Date.now()): GuestDiagnostics {
      const held = src.microphone.current();
      const error = src.microphone.lastError();
      const reading = meter?.getSnapshot();
      const silentSec = held ? Math.min(600, Math.floor((now - (lastSoundAt ?? meterStartedAt(held, now))) / 1000)) : null;
      return {
        v: 1,
        mic: {
          permission: permissionWhileHolding(permission, Boolean(held)),
          input: held ? held.label.slice(0, 80) : null,
          level: held && reading ? levelStep(reading.db) : null,
          silentSec: silentSec === null ? null : Math.max(0, silentSec),
          recording: src.isRecording(),
        },
        error: error ? { kind: error.kind, at: error.at } : null,
        net: { state: netState, rttMs: netState === 'offline' ? null : rttMs, reconnects: reconnects.count },
        uploads,
        asr,
        env,
        storageFreeMb,
      };
    },
    stop() {
      for (const t of timers) clearInterval(t);
      offStatus();
      offMic();
      meter?.stop();
    },
  };
}

/** Silence is counted from when the stream was opened, so a microphone that never delivered sound shows it. */
const openedAt = new WeakMap<object, number>();
function meterStartedAt(held: { stream: MediaStream }, now: number): number {
  let at = openedAt.get(held.stream);
  if (at === undefined) {
    at = now;
    openedAt.set(held.stream, at);
  }
  return at;
}
