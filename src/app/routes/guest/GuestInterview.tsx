/**
 * The guest's interview behind the first screen (GuestEntry loads it at idle priority once the technical check
 * is interactive, so Yjs, the sync client, the stage machine and the later screens are never part of the first
 * load). The plan arrives through the interview's `plan` document, which is also kept in IndexedDB, so a guest
 * who opened the link once can come back offline. Once the plan is there, the guest runtime (src/guest) opens:
 * it loads or creates the stage state, resumes after a reload or crash, and the screen for the current stage is
 * shown. The technical check itself stays GuestEntry's (it was on screen before this module arrived, and must
 * not be mounted again: the guest may be in the middle of testing the microphone); this module tells GuestEntry
 * what it needs through `onLive`.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Credential } from '../../../storage/db';
import { readPublicPlan } from '../../../sync/plan-doc';
import { readStageState } from '../../../sync/stage-doc';
import { firstServerSync } from '../../../sync/first-server-sync';
import { apiRequest, ApiError } from '../../../api/http-client';
import { openGuestRuntime, type GuestRuntime } from '../../../guest/runtime';
import { useGuestPresence } from './use-guest-presence';
import type { DocHandle } from '../../../sync/doc-connection';
import type { PublicQuestion } from '../../../domain/plan-split';
import { useDoc, useDocVersion, useSyncStatus } from '../../hooks/use-doc';
import { SyncBadge } from '../../components/SyncBadge';
import { GuestStageView } from './GuestStageView';
import { GuestCodeDocContext } from './use-code-log';
import { useGuestAi } from '../../components/ai/use-guest-ai';
import { OtherTabNotice } from './OtherTabNotice';
import { useInterviewTab, type InterviewTabControl } from './use-interview-tab';
import { useUploadNewTakes } from './use-upload-new-takes';
import { useGuestSupport } from './use-guest-support';
import { SupportFixPanel } from './SupportFixPanel';
import type { GuestLive } from './guest-live';
import type { Stage } from '../../../domain/stage';
import './guest.css';

/** How long a device with no saved stage waits for the server's copy before starting afresh. */
const FIRST_SYNC_WAIT_MS = 4_000;

function useGuestRuntime(interviewId: string, stageDoc: DocHandle | null, questions: PublicQuestion[] | null, tab: InterviewTabControl): { runtime: GuestRuntime | null; error: string | null } {
  const [runtime, setRuntime] = useState<GuestRuntime | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = questions !== null && stageDoc !== null && tab.runsHere;
  useEffect(() => {
    if (!ready || !stageDoc || !questions) return;
    let alive = true;
    let opened: GuestRuntime | null = null;
    void (async () => {
      try {
        await stageDoc.whenLocal;
        // Nothing of the stage on this device yet: let the server say whether another device got further.
        if (readStageState(stageDoc.doc) === null) await firstServerSync(stageDoc, FIRST_SYNC_WAIT_MS);
        const rt = await openGuestRuntime({ interviewId, questions, stageDoc: stageDoc.doc });
        if (!alive) {
          rt.dispose();
          return;
        }
        opened = rt;
        tab.runtimeRef.current = rt;
        setRuntime(rt);
      } catch (e) {
        console.error('Opening the interview failed', e);
        if (alive) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      alive = false;
      // A handoff to another tab has already saved and closed it.
      if (opened && tab.runtimeRef.current === opened) {
        opened.dispose();
        tab.runtimeRef.current = null;
      }
      setRuntime(null);
    };
    // The questions are read once when the runtime opens; a republished plan is taken on the next visit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [interviewId, stageDoc, ready]);
  return { runtime, error };
}

const noRuntime = () => () => {};
const noStage = () => null;

/** The stage the runtime is at, or null before it opened. */
function useRuntimeStage(runtime: GuestRuntime | null): Stage | null {
  return useSyncExternalStore(runtime ? runtime.session.subscribe : noRuntime, runtime ? () => runtime.session.getState().stage : noStage);
}

export interface GuestInterviewProps {
  interviewId: string;
  credential: Credential;
  /** GuestEntry shows the technical check itself while the guest is at it: render nothing in its place. */
  checkShownOutside: boolean;
  onLive: (live: GuestLive) => void;
}

export function GuestInterview({ interviewId, credential, checkShownOutside, onLive }: GuestInterviewProps) {
  const planDoc = useDoc(interviewId, 'plan', credential.token);
  const stageDoc = useDoc(interviewId, 'stage', credential.token);
  const supportDoc = useDoc(interviewId, 'support', credential.token);
  useGuestAi(stageDoc);
  const planStatus = useSyncStatus(planDoc);
  const stageStatus = useSyncStatus(stageDoc);
  const version = useDocVersion(planDoc);
  const plan = planDoc ? readPublicPlan(planDoc.doc) : null;
  const [refusal, setRefusal] = useState<string | null>(null);
  const questions = plan && plan.questions.length > 0 ? plan.questions : null;
  const tab = useInterviewTab(interviewId);
  const { runtime, error } = useGuestRuntime(interviewId, stageDoc, questions, tab);
  // Staff watch the code as it is typed: the code document, only for plans that have a coding question.
  const codeDoc = useDoc(questions?.some((q) => q.kind === 'coding') ? interviewId : undefined, 'code', credential.token);
  useGuestPresence(stageDoc, runtime, credential.subject);
  useUploadNewTakes(runtime);
  const support = useGuestSupport(interviewId, credential.subject, { stage: stageDoc, plan: planDoc, support: supportDoc }, runtime);
  const stage = useRuntimeStage(runtime);
  const status = stageStatus ?? planStatus;
  // Another tab runs it: the notice says so once the plan (its title) is here. Until then the technical check stays:
  // taken away first, it left the focus on the page's body and "Preparing your interview…" on screen in between.
  const otherTab = Boolean(tab.state && !tab.runsHere && plan);
  const blocked = Boolean(refusal) || Boolean(plan && plan.questions.length === 0) || Boolean(error) || otherTab;
  useEffect(() => {
    onLive({ runtime, plan, status, stage, blocked });
    // `plan` is read afresh on every render; its document version says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [onLive, runtime, version, status, stage, blocked]);

  // The WebSocket cannot say why an upgrade was refused; the API can.
  useEffect(() => {
    if (plan || planStatus?.state !== 'connecting') return;
    const t = setTimeout(() => {
      apiRequest('GET', '/api/me', credential.token).then(
        () => setRefusal(null),
        (err: unknown) => {
          if (err instanceof ApiError && err.status === 401) setRefusal(err.message);
        },
      );
    }, 1500);
    return () => clearTimeout(t);
  }, [credential.token, plan, planStatus?.state, version]);

  if (!plan) {
    if (checkShownOutside && !refusal) return null;
    return (
      <section className="card narrow" aria-labelledby="wait-title" aria-busy={!refusal}>
        <h1 id="wait-title">{refusal ? 'This link no longer works' : 'Preparing your interview…'}</h1>
        {refusal ? (
          <p className="error" role="alert">
            {refusal}
          </p>
        ) : (
          <p>Loading the interview from the server. This needs a connection the first time only.</p>
        )}
        <SyncBadge status={planStatus} />
      </section>
    );
  }
  if (plan.questions.length === 0) {
    return (
      <section className="card narrow" aria-labelledby="empty-title">
        <h1 id="empty-title">{plan.meta.title}</h1>
        <p>This interview has no questions yet. Keep this page open: it updates as soon as the host publishes them.</p>
        <SyncBadge status={planStatus} />
      </section>
    );
  }
  if (error) {
    return (
      <section className="card narrow" aria-labelledby="open-error-title">
        <h1 id="open-error-title">{plan.meta.title}</h1>
        <p className="error" role="alert">
          This browser would not open your saved interview ({error}). Private windows can block storage; open the link in a normal window.
        </p>
      </section>
    );
  }
  if (tab.state && !tab.runsHere) return <OtherTabNotice title={plan.meta.title} state={tab.state} onTakeOver={tab.takeOver} />;
  if (!runtime) return checkShownOutside ? null : <p role="status">Opening your interview…</p>;
  return (
    <GuestCodeDocContext.Provider value={codeDoc}>
      {support.guidedFix && <SupportFixPanel key={support.guidedFix.id} microphone={runtime.microphone} onDismiss={support.dismissGuidedFix} />}
      {stage !== 'setup' && <GuestStageView runtime={runtime} plan={plan} guestName={credential.subject} status={status} />}
    </GuestCodeDocContext.Provider>
  );
}
