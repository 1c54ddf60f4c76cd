/**
 * What a participant's device tells tech support about itself, through presence (never stored): microphone
 * permission, input label and whether sound arrives, the last media error's kind, the connection with its round-trip
 * time and reconnect count, the upload backlog, where transcription runs and whether the model is ready, browser and
 * OS family, and storage left. Nothing else: no audio, no transcript, no device ids (the input's label is the one
 * name allowed, so support can say "pick the headset").
 *
 * The guest publishes it on the stage document (staff read it; the audience never opens that document), staff
 * devices publish their connection and model status on the staff document. Values are coarse on purpose (level in
 * six steps, RTT in 10 ms steps, storage in MB), so jitter does not turn into traffic.
 */
import { z } from '../zod-mini';

export const MIC_PERMISSIONS = ['granted', 'denied', 'prompt', 'unknown'] as const;
export const MEDIA_ERROR_KINDS = ['permission-denied', 'no-device', 'device-in-use', 'insecure-context', 'unsupported-browser', 'unknown'] as const;
export const NET_STATES = ['offline', 'connecting', 'syncing', 'synced', 'denied'] as const;
export const ASR_PLACES = ['device', 'staff', 'undecided'] as const;
export const MODEL_STATES = ['ready', 'loading', 'absent', 'failed'] as const;
export const BROWSERS = ['chrome', 'edge', 'firefox', 'safari', 'other'] as const;
export const PLATFORMS = ['windows', 'mac', 'linux', 'chromeos', 'ios', 'android', 'other'] as const;

const count = z.number().check(z.int(), z.nonnegative());

export const NetDiagnostics = z.object({
  state: z.enum(NET_STATES),
  /** Round trip to the server (GET /api/ping), rounded to 10 ms; null until measured or while offline. */
  rttMs: z.nullable(count),
  /** Connections lost and regained since the page opened. */
  reconnects: count,
});
export type NetDiagnostics = z.infer<typeof NetDiagnostics>;

export const ModelDiagnostics = z.object({
  where: z.enum(ASR_PLACES),
  model: z.enum(MODEL_STATES),
});

export const GuestDiagnostics = z.object({
  v: z.literal(1),
  mic: z.object({
    permission: z.enum(MIC_PERMISSIONS),
    /** The selected input's label as the browser names it ("" when the browser hides it). */
    input: z.nullable(z.string().check(z.maxLength(80))),
    /** Level in six steps (0 silence … 5 loud); null when no microphone is open. */
    level: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(5))),
    /** Seconds without sound while the microphone is open (0 while sound arrives); whole seconds, capped at 600. */
    silentSec: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(600))),
    /** A take is being recorded now. */
    recording: z.boolean(),
  }),
  /** The last microphone failure and when (ms since epoch). */
  error: z.nullable(z.object({ kind: z.enum(MEDIA_ERROR_KINDS), at: count })),
  net: NetDiagnostics,
  uploads: z.object({
    /** Takes waiting to be uploaded, and their bytes. */
    takes: count,
    bytes: count,
    /** Seconds since the backlog last moved while online (0 when empty). */
    stalledSec: count,
  }),
  asr: ModelDiagnostics,
  env: z.object({ browser: z.enum(BROWSERS), os: z.enum(PLATFORMS) }),
  /** Storage left to this site, in MB; null where the browser does not say. */
  storageFreeMb: z.nullable(count),
});
export type GuestDiagnostics = z.infer<typeof GuestDiagnostics>;

/** What staff devices publish: their connection and their speech model. */
export const StaffDiagnostics = z.object({
  v: z.literal(1),
  net: NetDiagnostics,
  model: z.enum(MODEL_STATES),
  env: z.object({ browser: z.enum(BROWSERS), os: z.enum(PLATFORMS) }),
});
export type StaffDiagnostics = z.infer<typeof StaffDiagnostics>;

/** Level 0..5 from a smoothed dBFS reading (-60 dB and below is silence). */
export function levelStep(db: number): number {
  if (!Number.isFinite(db) || db <= -60) return 0;
  return Math.max(0, Math.min(5, Math.ceil((db + 60) / 12)));
}

export function roundRtt(ms: number): number {
  return Math.max(0, Math.round(ms / 10) * 10);
}

/**
 * Changes that someone must see at once (the console's alerts depend on them) as opposed to drift that can wait for
 * the next periodic publish: permission, error, connection state, reconnects, recording, sound arriving or not, a
 * stalled upload, the model becoming ready.
 */
export function urgentChange(prev: GuestDiagnostics | null, next: GuestDiagnostics): boolean {
  if (!prev) return true;
  const silent = (d: GuestDiagnostics) => d.mic.recording && (d.mic.silentSec ?? 0) >= SILENT_ALERT_SEC;
  const stalled = (d: GuestDiagnostics) => d.uploads.stalledSec >= STALLED_UPLOAD_SEC;
  return (
    prev.mic.permission !== next.mic.permission ||
    prev.mic.recording !== next.mic.recording ||
    prev.mic.input !== next.mic.input ||
    (prev.mic.level === null) !== (next.mic.level === null) ||
    silent(prev) !== silent(next) ||
    prev.error?.at !== next.error?.at ||
    prev.net.state !== next.net.state ||
    prev.net.reconnects !== next.net.reconnects ||
    stalled(prev) !== stalled(next) ||
    prev.asr.model !== next.asr.model ||
    prev.asr.where !== next.asr.where
  );
}

/** Silence while recording for this long is an alert ("is sound arriving?"). */
export const SILENT_ALERT_SEC = 5;
/** An upload backlog that has not moved for this long while online is stuck. */
export const STALLED_UPLOAD_SEC = 60;
/** This many reconnects in one visit are an alert. */
export const REPEATED_RECONNECTS = 3;

/**
 * The guest's diagnostics travel as a flat array (the wire form), not as the object above: presence is resent whole
 * on every change and every 15 s, and field names were two thirds of its bytes (bench:sync --diagnostics). Order:
 * version, permission, input, level, silentSec, recording, error kind, error at, net state, rttMs, reconnects,
 * upload takes, upload bytes, stalledSec, asr where, model, browser, os, storageFreeMb.
 */
export type GuestDiagnosticsWire = readonly unknown[];

export function encodeGuestDiagnostics(d: GuestDiagnostics): GuestDiagnosticsWire {
  return [
    d.v,
    d.mic.permission,
    d.mic.input,
    d.mic.level,
    d.mic.silentSec,
    d.mic.recording,
    d.error?.kind ?? null,
    d.error?.at ?? null,
    d.net.state,
    d.net.rttMs,
    d.net.reconnects,
    d.uploads.takes,
    d.uploads.bytes,
    d.uploads.stalledSec,
    d.asr.where,
    d.asr.model,
    d.env.browser,
    d.env.os,
    d.storageFreeMb,
  ];
}

/** The diagnostics from their wire form, checked against the schema; null when malformed (another device wrote it). */
export function decodeGuestDiagnostics(wire: unknown): GuestDiagnostics | null {
  if (!Array.isArray(wire) || wire.length !== 19 || wire[0] !== 1) return null;
  const w = wire as unknown[];
  const parsed = GuestDiagnostics.safeParse({
    v: w[0],
    mic: { permission: w[1], input: w[2], level: w[3], silentSec: w[4], recording: w[5] },
    error: w[6] === null && w[7] === null ? null : { kind: w[6], at: w[7] },
    net: { state: w[8], rttMs: w[9], reconnects: w[10] },
    uploads: { takes: w[11], bytes: w[12], stalledSec: w[13] },
    asr: { where: w[14], model: w[15] },
    env: { browser: w[16], os: w[17] },
    storageFreeMb: w[18],
  });
  return parsed.success ? parsed.data : null;
}
