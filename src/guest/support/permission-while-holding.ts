import type { MicrophonePermissionState } from '../../media/microphone';

/**
 * What tech support is told about the microphone permission. A page that holds a live microphone stream was allowed
 * it, whatever the Permissions API says: a permission given for this time only can read "prompt" while the stream
 * runs (Chromium's headless shell answers so), and some browsers cannot be asked at all ("unknown"). Only the browser's own "denied" wins
 * over a held stream, since it means the guest has just taken the permission back.
 */
export function permissionWhileHolding(queried: MicrophonePermissionState, holdsStream: boolean): MicrophonePermissionState {
  return holdsStream && (queried === 'prompt' || queried === 'unknown') ? 'granted' : queried;
}
