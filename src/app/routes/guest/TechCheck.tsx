/**
 * The first screen after the invite link: the app asks for the microphone
 * itself, shows the live level, lets the guest pick the input and test it, and
 * shows the connection. A failure gets the "Voice Error" toast and an inline
 * panel with the fix for this case and browser; Try again (or granting the
 * permission in the browser's own UI) retries in place, without a reload.
 *
 * It is the guest's first screen and part of the first load (GuestEntry): it works before the interview's
 * runtime and plan have arrived (the microphone is the page's one GuestMicrophone, which the runtime takes over),
 * and a Continue pressed before then is carried out as soon as the runtime is there.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
// From the media modules themselves, not the media index: that also names the recorder and its Dexie storage, which
// would then be bundled into the first load (issue #18).
import { detectMediaEnv, watchMicrophonePermission } from '../../../media/microphone';
import { isDeviceGone, listInputDevices, subscribeDeviceChanges, type InputDevice } from '../../../media/devices';
import { classifyMediaError, type MediaErrorInfo } from '../../../domain/media-errors';
import type { GuestRuntime } from '../../../guest/runtime';
import { guestMicrophone } from '../../../guest/microphone';
import type { StageState } from '../../../domain/stage';
import type { SavedStagePeek } from '../../../storage/stage-peek';
import { afterFirstScreen, IDLE_PRIORITY, markFirstScreenInteractive } from '../../first-screen';
import type { ConnectionWords } from '../../../domain/connection-quality';
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { AudioVisualizer } from '../../components/AudioVisualizer';
import { Toast } from '../../components/Toast';
import { unavailableButton } from '../../components/busy-button';
import { DevicePicker } from './DevicePicker';
import { GuestHeader } from './GuestHeader';
import { MicErrorPanel } from './MicErrorPanel';
import { MicName } from './MicName';
import { MicTest } from './MicTest';
import { useFocusOnMount, useLevelMeter } from './guest-hooks';
import { useDockedBarRoom } from './docked-bar';

/** The speech model offer: its code is fetched only on a good connection (describeConnection's mayOfferModel). */
const GuestModelOptIn = lazy(() => import('../../components/ai/GuestModelOptIn').then((m) => ({ default: m.GuestModelOptIn })));

const ASKING_FOR_MIC = 'Asking your browser for the microphone… If it asks, choose Allow.';

/**
 * Where the microphone stands. `asking` names the microphone asked for (the picker shows it meanwhile) and, when it
 * retries a failure, that failure: its panel stays, Try again unavailable under the keyboard's focus, until the answer.
 */
type Check =
  | { phase: 'asking'; deviceId: string | null; retrying: MediaErrorInfo | null }
  | { phase: 'ready'; deviceId: string | null; label: string }
  | { phase: 'failed'; error: MediaErrorInfo };

function asking(previous: Check, deviceId: string | null): Check {
  const retrying = previous.phase === 'failed' ? previous.error : previous.phase === 'asking' ? previous.retrying : null;
  return { phase: 'asking', deviceId, retrying };
}

const noSubscribe = () => () => {};
const noState = () => null;

function useStageStateOrNull(runtime: GuestRuntime | null): StageState | null {
  return useSyncExternalStore(runtime ? runtime.session.subscribe : noSubscribe, runtime ? runtime.session.getState : noState);
}

export interface TechCheckProps {
  /** Null until the interview's code and plan have arrived. */
  runtime: GuestRuntime | null;
  plan: PublicPlan | null;
  guestName: string;
  status: SyncStatus | null;
  /** What this device saved on an earlier visit (the chosen microphone, typed answers arranged). */
  saved: SavedStagePeek | null;
  /** Continue was pressed before the runtime arrived, or the microphone failed: fetch it now rather than at idle priority. */
  onNeedInterview: () => void;
}

export function TechCheck({ runtime, plan, guestName, status, saved, onNeedInterview }: TechCheckProps) {
  const state = useStageStateOrNull(runtime);
  const mic = guestMicrophone;
  const [check, setCheck] = useState<Check>({ phase: 'asking', deviceId: null, retrying: null });
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [devices, setDevices] = useState<InputDevice[]>([]);
  const [toast, setToast] = useState<MediaErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const attempt = useRef(0);
  const { meter, running, start } = useLevelMeter(stream);
  const [connection, setConnection] = useState<ConnectionWords | null>(null);
  const actions = useRef<HTMLDivElement>(null);
  useDockedBarRoom(actions);

  // The connection is measured once the rest of the interview's code is in (it would share the link with it).
  useEffect(() => {
    let alive = true;
    const cancel = afterFirstScreen(async () => {
      const { checkConnection } = await import('./connection-check');
      const words = await checkConnection();
      if (alive) setConnection(words);
    }, IDLE_PRIORITY.measure);
    return () => {
      alive = false;
      cancel();
    };
  }, []);

  const request = useCallback(
    async (deviceId: string | null, fresh = false) => {
      const mine = ++attempt.current;
      setCheck((previous) => asking(previous, deviceId));
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

  // The app asks for the microphone by itself on arrival; the screen is usable from here on (the browser's own
  // prompt may be up), so the rest of the interview may start loading at idle priority.
  useEffect(() => {
    void request(state?.techCheck?.inputDeviceId ?? saved?.inputDeviceId ?? null);
    markFirstScreenInteractive();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  // A permission granted in the browser's own UI retries without a click.
  const failed = check.phase === 'failed';

  // A failed microphone is what tech support must see at once: the rest of the interview (which publishes this
  // device's diagnostics) is fetched now, as for an early Continue, not at idle priority.
  useEffect(() => {
    if (failed) onNeedInterview();
    // onNeedInterview is a new function on every render of GuestEntry; only the failure matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [failed]);
  // A guest who presses Try again as they allow the microphone: the refusal arrives after the grant, and the watch
  // that starts then sees no change. The state found at its start counts too, once per refusal seen after a change or
  // a working microphone, so a browser that refuses with the permission granted (a system-wide block) is not asked
  // again in a loop.
  const refused = check.phase === 'failed' && check.error.kind === 'permission-denied';
  const retriedAsGranted = useRef(false);
  // A working microphone allows one retry again. Reset after the commit that shows it ready, not during render: React
  // may render a component more than once (Strict Mode, a render it throws away) and a ref written then is not undone.
  const phase = check.phase;
  useEffect(() => {
    if (phase === 'ready') retriedAsGranted.current = false;
  }, [phase]);
  useEffect(() => {
    if (!failed) return;
    return watchMicrophonePermission(
      (permission) => {
        retriedAsGranted.current = false;
        if (permission === 'granted') void request(null);
      },
      undefined,
      (permission) => {
        if (permission !== 'granted' || !refused || retriedAsGranted.current) return;
        retriedAsGranted.current = true;
        void request(null);
      },
    );
  }, [failed, refused, request]);

  const readyDevice = check.phase === 'ready' ? check.deviceId : null;
  // The failure's panel, while it stands and while Try again (or a permission granted meanwhile) asks again.
  const shownError = check.phase === 'failed' ? check.error : check.phase === 'asking' ? check.retrying : null;
  // A microphone that works after the panel's Try again: the panel goes, and with it the focus on Try again. The
  // picker, first of the controls that take the panel's place, takes it instead of the page's body.
  const picker = useRef<HTMLSelectElement>(null);
  const panelShown = useRef(false);
  useEffect(() => {
    if (shownError) panelShown.current = true;
    else if (panelShown.current && check.phase === 'ready') {
      panelShown.current = false;
      const active = document.activeElement;
      if (active === null || active === document.body) picker.current?.focus();
    }
  }, [shownError, check.phase]);
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

  const typingAllowed = state ? state.accommodations.typingInsteadOfSpeaking : (saved?.typingInsteadOfSpeaking ?? false);
  // Continue before the runtime arrived: remembered, and carried out once it is there.
  const [passing, setPassing] = useState<{ deviceId: string | null } | null>(null);
  const pass = (deviceId: string | null) => {
    if (runtime) runtime.session.guest({ type: 'TECH_CHECK_PASSED', inputDeviceId: deviceId });
    else {
      setPassing({ deviceId });
      onNeedInterview();
    }
  };
  useEffect(() => {
    if (runtime && passing) runtime.session.guest({ type: 'TECH_CHECK_PASSED', inputDeviceId: passing.deviceId });
  }, [runtime, passing]);

  return (
    <section className="card narrow guest-screen" aria-labelledby="check-title" data-stage="setup">
      {toast && <Toast title="Voice Error" message={toast.title} onDismiss={() => setToast(null)} />}
      <GuestHeader plan={plan} guestName={guestName} status={status} firstScreen />
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
      {/* One cell with the room of the longest of its texts (the question to the browser, unseen), so the answer
          moves nothing below it; the microphone's name is cut to the line (MicName). */}
      <p role="status" aria-live="polite" className="mic-status" data-testid="mic-status" data-mic-phase={check.phase}>
        <span className="mic-status-room" aria-hidden="true" data-text={ASKING_FOR_MIC} />
        {check.phase === 'asking' && <span>{ASKING_FOR_MIC}</span>}
        {check.phase === 'ready' && (
          <span className="mic-status-ready" data-testid="mic-ready">
            <span>Microphone ready:&nbsp;</span>
            <MicName name={check.label || 'default microphone'} />
            <span>.</span>
          </span>
        )}
        {check.phase === 'failed' && <span>The microphone is not available yet.</span>}
      </p>
      {notice && <p className="notice">{notice}</p>}
      {/* The microphone's controls are there from the first frame, waiting while the browser is asked: when they came
          in with the answer, the connection's lines below went down ~300 px, then ~100 px more as the list of
          microphones arrived, a second or two into a 740 px phone's first screen. Only a failure replaces them. */}
      {shownError ? (
        <MicErrorPanel error={shownError} onRetry={() => void request(null, true)} retrying={check.phase === 'asking'} />
      ) : (
        <>
          {/* Never disabled: a choice made while the browser is asked starts a new request (the earlier one's answer is
              dropped), and a select disabled under the keyboard's focus dropped it to the page's body on each change. */}
          <DevicePicker
            devices={devices}
            value={check.phase === 'failed' ? null : check.deviceId}
            onChange={(id) => void request(id, true)}
            selectRef={picker}
          />
          <div className="level-meter">
            <AudioVisualizer meter={meter} label="Microphone level" />
            {meter && !running && (
              <button type="button" className="secondary level-meter-start" onClick={start}>
                Start the level meter
              </button>
            )}
          </div>
          <h3>2. Test my mic</h3>
          <MicTest stream={check.phase === 'ready' ? stream : null} />
        </>
      )}

      <h3>{shownError ? '2.' : '3.'} Connection</h3>
      <p role="status" data-testid="connection-quality" data-quality={connection?.quality ?? 'measuring'}>
        {connection ? connection.summary : 'Measuring your connection…'}
      </p>
      {connection?.figures && <p className="muted">{connection.figures}</p>}
      <p className="muted">
        The connection status is shown next to the title. If you go offline, keep going: your answers are saved on this device and sent when the
        connection is back.
      </p>

      {runtime && connection?.mayOfferModel && (
        <Suspense fallback={null}>
          <GuestModelOptIn stageDoc={runtime.session.stageDocument()} />
        </Suspense>
      )}

      {/* Docked at the bottom of the window (guest.css .check-actions): what fills in above it must not move it. */}
      <div className="guest-actions check-actions" ref={actions}>
        {/* Unavailable, not disabled, once pressed: the focus stays on it until the interview's next screen takes it. */}
        {check.phase === 'ready' || !typingAllowed ? (
          <button type="button" {...unavailableButton(check.phase !== 'ready' || passing !== null, () => pass(readyDevice))}>
            Continue
          </button>
        ) : (
          <button type="button" {...unavailableButton(passing !== null, () => pass(null))}>
            Continue and type my answers
          </button>
        )}
        {passing && (
          <p role="status" data-testid="check-passing">
            Opening your interview…
          </p>
        )}
      </div>
    </section>
  );
}
