/**
 * The first screen after the invite link: the app asks for the microphone
 * itself, shows the live level, lets the guest pick the input and test it, and
 * shows the connection. A failure gets the "Voice Error" toast and an inline
 * panel with the fix for this case and browser; Try again (or granting the
 * permission in the browser's own UI) retries in place, without a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  classifyMediaError,
  detectMediaEnv,
  isDeviceGone,
  listInputDevices,
  subscribeDeviceChanges,
  watchMicrophonePermission,
  type InputDevice,
  type MediaErrorInfo,
} from '../../../media';
import type { GuestRuntime } from '../../../guest/runtime';
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { AudioVisualizer } from '../../components/AudioVisualizer';
import { Toast } from '../../components/Toast';
import { DevicePicker } from './DevicePicker';
import { GuestHeader } from './GuestHeader';
import { MicErrorPanel } from './MicErrorPanel';
import { MicTest } from './MicTest';
import { useFocusOnMount, useLevelMeter, useStageState } from './guest-hooks';
import { GuestModelOptIn } from '../../components/ai/GuestModelOptIn';

type Check = { phase: 'asking' } | { phase: 'ready'; deviceId: string | null; label: string } | { phase: 'failed'; error: MediaErrorInfo };

export function TechCheck({ runtime, plan, guestName, status }: { runtime: GuestRuntime; plan: PublicPlan; guestName: string; status: SyncStatus | null }) {
  const state = useStageState(runtime);
  const mic = runtime.microphone;
  const [check, setCheck] = useState<Check>({ phase: 'asking' });
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [devices, setDevices] = useState<InputDevice[]>([]);
  const [toast, setToast] = useState<MediaErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const attempt = useRef(0);
  const { meter, running, start } = useLevelMeter(stream);

  const request = useCallback(
    async (deviceId: string | null, fresh = false) => {
      const mine = ++attempt.current;
      setCheck({ phase: 'asking' });
      const result = await mic.acquire(deviceId, { fresh });
      if (mine !== attempt.current) return;
      if (result.ok && typeof (globalThis as { MediaRecorder?: unknown }).MediaRecorder !== 'function') {
        // The microphone opens but answers cannot be recorded: say so now, not at the first question.
        const error = classifyMediaError(new DOMException('MediaRecorder is not available', 'NotSupportedError'), detectMediaEnv());
        setStream(null);
        setCheck({ phase: 'failed', error });
        setToast(error);
        return;
      }
      if (result.ok) {
        setStream(result.stream);
        setCheck({ phase: 'ready', deviceId: result.deviceId, label: result.label });
        setToast(null);
        setDevices(await listInputDevices());
      } else {
        setStream(null);
        setCheck({ phase: 'failed', error: result.error });
        setToast(result.error);
      }
    },
    [mic],
  );

  // The app asks for the microphone by itself on arrival.
  useEffect(() => {
    void request(state.techCheck?.inputDeviceId ?? null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  // A permission granted in the browser's own UI retries without a click.
  const failed = check.phase === 'failed';
  useEffect(() => {
    if (!failed) return;
    return watchMicrophonePermission((permission) => {
      if (permission === 'granted') void request(null);
    });
  }, [failed, request]);

  const readyDevice = check.phase === 'ready' ? check.deviceId : null;
  useEffect(
    () =>
      subscribeDeviceChanges((list) => {
        setDevices(list);
        if (readyDevice && isDeviceGone(list, readyDevice)) {
          setNotice('The microphone you were using was disconnected; switched to the default one.');
          void request(null, true);
        }
      }),
    [readyDevice, request],
  );

  // The track can end by itself (unplugged, permission revoked): ask again, which explains what is wrong.
  useEffect(
    () =>
      mic.subscribe(() => {
        if (!mic.current() && attempt.current > 0) void request(null, true);
      }),
    [mic, request],
  );

  const typingAllowed = state.accommodations.typingInsteadOfSpeaking;
  const pass = (deviceId: string | null) => runtime.session.guest({ type: 'TECH_CHECK_PASSED', inputDeviceId: deviceId });

  return (
    <section className="card narrow guest-screen" aria-labelledby="check-title" data-stage="setup">
      {toast && <Toast title="Voice Error" message={toast.title} onDismiss={() => setToast(null)} />}
      <GuestHeader plan={plan} guestName={guestName} status={status} />
      <h2 id="check-title" ref={heading} tabIndex={-1}>
        Technical check
      </h2>
      <p>Before the interview starts, let us make sure your microphone works.</p>
      {typingAllowed && (
        <p className="notice" data-testid="typing-arranged">
          The host arranged for you to type your answers, so a microphone is optional.
        </p>
      )}

      <h3>1. Microphone</h3>
      <p role="status" aria-live="polite" data-testid="mic-status" data-mic-phase={check.phase}>
        {check.phase === 'asking' && 'Asking your browser for the microphone… If it asks, choose Allow.'}
        {check.phase === 'ready' && `Microphone ready: ${check.label || 'default microphone'}.`}
        {check.phase === 'failed' && 'The microphone is not available yet.'}
      </p>
      {notice && <p className="notice">{notice}</p>}
      {check.phase === 'failed' && <MicErrorPanel error={check.error} onRetry={() => void request(null, true)} />}
      {check.phase === 'ready' && (
        <>
          <DevicePicker devices={devices} value={check.deviceId} onChange={(id) => void request(id, true)} />
          <AudioVisualizer meter={meter} label="Microphone level" />
          {meter && !running && (
            <button type="button" className="secondary" onClick={start}>
              Start the level meter
            </button>
          )}
          <h3>2. Test my mic</h3>
          <MicTest stream={stream} />
        </>
      )}

      <h3>{check.phase === 'ready' ? '3.' : '2.'} Connection</h3>
      <p className="muted">
        The connection status is shown next to the title. If you go offline, keep going: your answers are saved on this device and sent when the
        connection is back.
      </p>

      <GuestModelOptIn stageDoc={runtime.session.stageDocument()} />

      <div className="guest-actions">
        {check.phase === 'ready' || !typingAllowed ? (
          <button type="button" onClick={() => pass(readyDevice)} disabled={check.phase !== 'ready'}>
            Continue
          </button>
        ) : (
          <button type="button" onClick={() => pass(null)}>
            Continue and type my answers
          </button>
        )}
      </div>
    </section>
  );
}
