/**
 * For `bench:sync --diagnostics`: a guest device's diagnostics as they change during an interview (the level moving
 * every second while the guest speaks, the round trip jittering, a take starting or stopping about every 30 s, the
 * connection and permission steady), fed to the app's own publisher (src/guest/support/publish-diagnostics.ts), so
 * the benchmark measures what the app really sends. Also counts the awareness bytes each connection sends and
 * receives, which is what the diagnostics add on the wire.
 */
import type { GuestDiagnostics } from '../../src/domain/support/diagnostics';
import { levelStep, roundRtt } from '../../src/domain/support/diagnostics';
import type { DiagnosticsCollector } from '../../src/guest/support/diagnostics-collector';
import { MESSAGE_AWARENESS } from '../../src/domain/sync-messages';

export function simulatedCollector(): DiagnosticsCollector {
  let recording = false;
  let nextToggle = Date.now() + Math.random() * 60_000;
  return {
    read(now = Date.now()): GuestDiagnostics {
      if (now >= nextToggle) {
        recording = !recording;
        nextToggle = now - Math.log(1 - Math.random()) * 30_000;
      }
      const speaking = recording && Math.random() < 0.8;
      return {
        v: 1,
        mic: { permission: 'granted', input: 'Default - Built-in Microphone', level: speaking ? levelStep(-40 + Math.random() * 30) : 0, silentSec: speaking ? 0 : 1, recording },
        error: null,
        net: { state: 'synced', rttMs: roundRtt(15 + Math.random() * 40), reconnects: 0 },
        uploads: { takes: recording ? 0 : 1, bytes: recording ? 0 : 180_000, stalledSec: 0 },
        asr: { where: 'staff', model: 'absent' },
        env: { browser: 'chrome', os: 'windows' },
        storageFreeMb: 51_200,
      };
    },
    stop: () => undefined,
  };
}

/** The frame's length when it is a presence (awareness) message, its first varuint being that type; otherwise 0. */
export function isAwarenessFrame(data: unknown): number {
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : Array.isArray(data) ? Buffer.concat(data as Buffer[]) : null;
  if (!bytes || bytes.length === 0) return 0;
  return bytes[0] === MESSAGE_AWARENESS ? bytes.length : 0;
}
