/**
 * The guest's first screen: the technical check, in the first load (issue #18: what a candidate on a thin link
 * fetches before they can use it is React and this screen, named in the HTML so it costs one round trip; Dexie comes
 * with the interview, the first screen's few rows go through IndexedDB itself: storage/first-screen-idb.ts).
 * The rest of the interview (GuestInterview: Yjs and the sync client, the stage machine and its validation, the
 * intro and question screens) loads at idle priority once the check is interactive, or at once when Continue is
 * pressed before it arrived, when the microphone fails (the guest's diagnostics for tech support come with it), or
 * when this device already has progress past the check (a reload mid-interview has nothing else to show).
 */
import { useCallback, useEffect, useState, type ComponentType } from 'react';
import type { Credential } from '../../../storage/db';
import { peekSavedStage, type SavedStagePeek } from '../../../storage/stage-peek';
import { afterFirstScreen, IDLE_PRIORITY, markFirstScreenInteractive } from '../../first-screen';
import type { GuestInterviewProps } from './GuestInterview';
import type { GuestLive } from './guest-live';
import { TechCheck } from './TechCheck';
import './guest.css';

let interviewModule: Promise<ComponentType<GuestInterviewProps>> | null = null;

/** The interview's code, fetched once (the service worker has it precached after the first visit). */
function loadGuestInterview(): Promise<ComponentType<GuestInterviewProps>> {
  interviewModule ??= import('./GuestInterview').then(
    (m) => m.GuestInterview,
    (error: unknown) => {
      // A dropped connection: the next call (Continue, or a later idle turn) tries again.
      interviewModule = null;
      throw error;
    },
  );
  return interviewModule;
}

export function GuestEntry({ interviewId, credential }: { interviewId: string; credential: Credential }) {
  // undefined while reading; null when this device has no progress for the interview.
  const [saved, setSaved] = useState<SavedStagePeek | null | undefined>(undefined);
  const [Interview, setInterview] = useState<ComponentType<GuestInterviewProps> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [live, setLive] = useState<GuestLive | null>(null);

  useEffect(() => {
    let alive = true;
    peekSavedStage(interviewId).then(
      (peek) => alive && setSaved(peek),
      // Storage refused: the interview module reports it properly; show it at once.
      () => alive && setSaved({ stage: 'unreadable', inputDeviceId: null, typingInsteadOfSpeaking: false }),
    );
    return () => {
      alive = false;
    };
  }, [interviewId]);

  const load = useCallback(() => {
    setLoadError(null);
    return loadGuestInterview().then(
      (component) => setInterview(() => component),
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  }, []);

  const decided = saved !== undefined;
  const checkFirst = decided && (saved === null || saved.stage === 'setup');
  useEffect(() => {
    if (!decided) return;
    if (!checkFirst) {
      markFirstScreenInteractive();
      void load();
      return;
    }
    return afterFirstScreen(load, IDLE_PRIORITY.interview);
  }, [decided, checkFirst, load]);

  const stage = live?.stage ?? (checkFirst ? 'setup' : null);
  const showCheck = stage === 'setup' && !live?.blocked;
  if (!decided) return <p role="status">Opening your interview…</p>;
  return (
    <>
      {showCheck && (
        <TechCheck
          runtime={live?.runtime ?? null}
          plan={live?.plan ?? null}
          guestName={credential.subject}
          status={live?.status ?? null}
          saved={saved}
          onNeedInterview={() => void load()}
        />
      )}
      {loadError && (
        <p className="error" role="alert">
          The rest of the interview could not be downloaded ({loadError}). Check the connection and press Continue again.
        </p>
      )}
      {Interview ? (
        <Interview interviewId={interviewId} credential={credential} checkShownOutside={showCheck} onLive={setLive} />
      ) : (
        !showCheck && !loadError && <p role="status">Opening your interview…</p>
      )}
    </>
  );
}
