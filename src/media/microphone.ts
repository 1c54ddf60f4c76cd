/**
 * Asking for the microphone. Never throws: every failure comes back as a typed
 * result carrying the classified error (kind, title, exact fix for this browser),
 * so the tech check can show the "Voice Error" toast and the inline fix panel and
 * simply call again when the guest presses Try again: no reload needed.
 */
import { classifyMediaError, detectBrowser, type MediaEnv, type MediaErrorInfo } from '../domain/media-errors';

/**
 * Mono speech: one channel, the browser's echo cancellation and noise
 * suppression (candidates often answer on laptop speakers), automatic gain.
 * Plain values are "ideal" constraints, so no device is refused for lacking one.
 */
export const VOICE_AUDIO_CONSTRAINTS = {
  channelCount: 1,
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
} as const satisfies MediaTrackConstraints;

export function voiceConstraints(deviceId?: string | null): MediaStreamConstraints {
  return {
    audio: { ...VOICE_AUDIO_CONSTRAINTS, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) },
    video: false,
  };
}

interface EnvScope {
  navigator?: { userAgent?: string; mediaDevices?: { getUserMedia?: unknown } };
  isSecureContext?: boolean;
  MediaRecorder?: unknown;
  self?: unknown;
  top?: unknown;
}

/** What the classification needs to know about this browser, read from the global scope. */
export function detectMediaEnv(scope: EnvScope = globalThis as EnvScope): MediaEnv {
  const nav = scope.navigator;
  const mediaDevices = nav?.mediaDevices;
  let embedded = false;
  try {
    embedded = scope.top !== undefined && scope.self !== undefined && scope.top !== scope.self;
  } catch {
    // Reading `top` across origins can throw: that itself means we are embedded.
    embedded = true;
  }
  return {
    ...detectBrowser(nav?.userAgent ?? ''),
    isSecureContext: scope.isSecureContext !== false,
    hasMediaDevices: mediaDevices !== undefined && mediaDevices !== null,
    hasGetUserMedia: typeof mediaDevices?.getUserMedia === 'function',
    hasMediaRecorder: typeof scope.MediaRecorder === 'function',
    embedded,
  };
}

export type MicrophoneResult =
  | {
      ok: true;
      stream: MediaStream;
      track: MediaStreamTrack;
      /** The device actually opened (may differ from the one asked for when none was given). */
      deviceId: string | null;
      label: string;
      settings: MediaTrackSettings;
    }
  | { ok: false; error: MediaErrorInfo; cause: unknown };

export interface MicrophoneRequest {
  /** A device chosen in the picker; omitted or null for the system default. */
  deviceId?: string | null;
  /** Injected where the global one is not wanted (tests, iframes). */
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'> | null;
  env?: MediaEnv;
}

export async function requestMicrophonePermission(request: MicrophoneRequest = {}): Promise<MicrophoneResult> {
  const mediaDevices =
    'mediaDevices' in request ? request.mediaDevices : (globalThis.navigator?.mediaDevices as MediaDevices | undefined);
  const detected = request.env ?? detectMediaEnv();
  const env: MediaEnv = {
    ...detected,
    hasMediaDevices: detected.hasMediaDevices && !!mediaDevices,
    hasGetUserMedia: detected.hasGetUserMedia && typeof mediaDevices?.getUserMedia === 'function',
  };
  if (!env.isSecureContext || !mediaDevices || typeof mediaDevices.getUserMedia !== 'function') {
    return { ok: false, error: classifyMediaError(null, env), cause: null };
  }
  let stream: MediaStream;
  try {
    stream = await mediaDevices.getUserMedia(voiceConstraints(request.deviceId));
  } catch (cause) {
    return { ok: false, error: classifyMediaError(cause, env), cause };
  }
  const track = stream.getAudioTracks()[0];
  if (!track) {
    stopStream(stream);
    const cause = new DOMException('The stream has no audio track.', 'NotFoundError');
    return { ok: false, error: classifyMediaError(cause, env), cause };
  }
  const settings = track.getSettings();
  return { ok: true, stream, track, deviceId: settings.deviceId ?? null, label: track.label, settings };
}

export function stopStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((t) => t.stop());
}

export type MicrophonePermissionState = 'granted' | 'denied' | 'prompt' | 'unknown';

/** The permission's state without prompting; 'unknown' where the Permissions API does not know "microphone" (older Firefox, Safari < 16). */
export async function queryMicrophonePermission(
  permissions: Pick<Permissions, 'query'> | undefined = globalThis.navigator?.permissions,
): Promise<MicrophonePermissionState> {
  if (!permissions) return 'unknown';
  try {
    const status = await permissions.query({ name: 'microphone' as PermissionName });
    return status.state;
  } catch {
    return 'unknown';
  }
}

/**
 * Calls back when the guest changes the microphone permission in the browser's
 * UI, so a panel showing the "allow the microphone" fix can retry by itself.
 * `onCurrent` gets the state found when the watch starts: a permission granted
 * before that (while a refused attempt was still on its way) fires no change.
 */
export function watchMicrophonePermission(
  onChange: (state: MicrophonePermissionState) => void,
  permissions: Pick<Permissions, 'query'> | undefined = globalThis.navigator?.permissions,
  onCurrent?: (state: MicrophonePermissionState) => void,
): () => void {
  let stopped = false;
  let status: PermissionStatus | null = null;
  const handler = () => {
    if (!stopped && status) onChange(status.state);
  };
  if (permissions) {
    permissions
      .query({ name: 'microphone' as PermissionName })
      .then((s) => {
        if (stopped) return;
        status = s;
        s.addEventListener('change', handler);
        onCurrent?.(s.state);
      })
      .catch(() => undefined);
  }
  return () => {
    stopped = true;
    status?.removeEventListener('change', handler);
  };
}

/** Calls back once when the microphone track ends by itself (unplugged, permission revoked, system took it). */
export function watchTrackEnded(track: MediaStreamTrack, onEnded: () => void): () => void {
  const handler = () => onEnded();
  track.addEventListener('ended', handler, { once: true });
  return () => track.removeEventListener('ended', handler);
}
