/**
 * The guest's microphone for the whole interview: asked for once on the
 * technical check and kept open, so each question's Record button starts at
 * once (no new prompt, no device warm-up cutting the first word). After a
 * reload it is asked for again on first use; a permission granted before is
 * not prompted again.
 */
// Not from the media index, which also names the recorder and its Dexie storage: this is part of the first load.
import { requestMicrophonePermission, stopStream, watchTrackEnded, type MicrophoneResult } from '../media/microphone';
import type { MediaErrorKind } from '../domain/media-errors';

export interface HeldMicrophone {
  stream: MediaStream;
  track: MediaStreamTrack;
  deviceId: string | null;
  label: string;
}

export class GuestMicrophone {
  private held: HeldMicrophone | null = null;
  private unwatch: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  private pending: Promise<MicrophoneResult> | null = null;
  private failure: { kind: MediaErrorKind; at: number } | null = null;

  current(): HeldMicrophone | null {
    return this.held && this.held.track.readyState === 'live' ? this.held : null;
  }

  /** The kind and time of the last request that failed (for the support console); kept after a later success. */
  lastError(): { kind: MediaErrorKind; at: number } | null {
    return this.failure;
  }

  /** Called when a new stream is opened, or the open one ends by itself (unplugged, permission revoked). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The open stream when it matches (any device, or the one asked for), else a
   * new request. A chosen device that has gone falls back to the default one.
   */
  async acquire(deviceId?: string | null, options: { fresh?: boolean } = {}): Promise<MicrophoneResult> {
    const live = this.current();
    if (live && !options.fresh && (!deviceId || live.deviceId === deviceId)) {
      return { ok: true, stream: live.stream, track: live.track, deviceId: live.deviceId, label: live.label, settings: live.track.getSettings() };
    }
    if (this.pending) await this.pending.catch(() => undefined);
    const request = this.request(deviceId ?? null);
    this.pending = request;
    try {
      return await request;
    } finally {
      if (this.pending === request) this.pending = null;
    }
  }

  /** Closes the microphone on purpose (leaving the interview); listeners hear only of tracks that end by themselves. */
  release(): void {
    this.drop();
  }

  /** Stops the open stream without telling listeners (it is being replaced). */
  private drop(): void {
    this.unwatch?.();
    this.unwatch = null;
    if (this.held) stopStream(this.held.stream);
    this.held = null;
  }

  private async request(deviceId: string | null): Promise<MicrophoneResult> {
    let result = await requestMicrophonePermission({ deviceId });
    if (!result.ok && deviceId && result.error.detail === 'selected-device') {
      result = await requestMicrophonePermission({ deviceId: null });
    }
    if (!result.ok) {
      // Not announced to subscribers: they hear of streams opened or ended, and TechCheck asks again on those.
      this.failure = { kind: result.error.kind, at: Date.now() };
      return result;
    }
    this.drop();
    this.held = { stream: result.stream, track: result.track, deviceId: result.deviceId, label: result.label };
    this.unwatch = watchTrackEnded(result.track, () => {
      this.held = null;
      this.notify();
    });
    this.notify();
    return result;
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

/** One microphone per page. */
export const guestMicrophone = new GuestMicrophone();
