/**
 * The staff screen: presence and connection status on top, the guest's live
 * session on the left (with the host's override controls), the engagement
 * sidebar (chat, reactions, Q&A) on the right. Everything reads from local Yjs
 * copies, so it keeps working offline and merges on reconnect.
 */
import { useState } from 'react';
import type { Credential } from '../../../storage/db';
import type { QuestionKey } from '../../../domain/plan-split';
import { readPublicPlan } from '../../../sync/plan-doc';
import { sessionPresence } from '../../../sync/presence';
import { readStageState } from '../../../sync/stage-doc';
import { useDocVersion } from '../../hooks/use-doc';
import { SyncBadge } from '../../components/SyncBadge';
import { EngagementSidebar } from './EngagementSidebar';
import { AnswersPanel, GuestLivePanel } from './GuestLivePanel';
import { HostOverrides } from './HostOverrides';
import { LiveCodePanel } from './LiveCodePanel';
import { PresenceBar } from './PresenceBar';
import { ROLE_LABELS } from './format';
import { usePresence, usePublishPresence } from './use-presence';
import { SupportConsole } from './support/SupportConsole';
import { useStaffDiagnostics } from './support/use-staff-diagnostics';
import type { DocStatus, LiveDocs } from './use-live-docs';
import type { SyncStatus } from '../../../sync/sync-status';
import { describeSync } from '../../../sync/sync-status';
import { readAllTranscripts } from '../../../sync/answer-results';
import { SynthesisPanel, type AnswerSource } from '../../components/wrap-up/SynthesisPanel';

interface Props {
  interviewId: string;
  credential: Credential;
  docs: LiveDocs;
  status: { combined: SyncStatus | null; perDoc: DocStatus[] };
}

const DOC_LABELS: Record<string, string> = {
  plan: 'Questions',
  key: 'Answer key',
  stage: 'Guest’s progress',
  staff: 'Staff chat and reactions',
  assessment: 'AI results',
  audience: 'Audience questions',
  moderation: 'Moderation',
  support: 'Technical support',
  code: 'Guest’s code',
};

export function StaffSession({ interviewId, credential, docs, status }: Props) {
  useDocVersion(docs.plan);
  useDocVersion(docs.key);
  useDocVersion(docs.stage);
  const me = { by: credential.subject, role: credential.role };
  const plan = docs.plan ? readPublicPlan(docs.plan.doc) : null;
  const questions = plan?.questions ?? [];
  const state = docs.stage ? readStageState(docs.stage.doc) : null;
  const keys = docs.key ? new Map(docs.key.doc.getMap<QuestionKey>('keys').entries()) : null;

  // Follow the guest's current question unless this person browses elsewhere.
  const [following, setFollowing] = useState(true);
  const [picked, setPicked] = useState(0);
  const liveIndex = state && state.stage !== 'setup' && state.stage !== 'intro' ? state.currentIndex : null;
  const maxIndex = Math.max(0, questions.length - 1);
  const viewedIndex = Math.min(maxIndex, following && liveIndex !== null ? liveIndex : picked);
  const viewed = questions[viewedIndex];

  usePublishPresence(docs.staff, docs.stage, { name: credential.subject, role: credential.role }, questions.length ? viewedIndex : undefined);
  useStaffDiagnostics(docs.staff, credential.role);
  const staffPeers = usePresence(docs.staff);
  const stagePeers = usePresence(docs.stage);
  const peers = sessionPresence(staffPeers, stagePeers);

  // The synthesis is for host and interviewer only; the server refuses it to anyone else as well.
  const seesSynthesis = credential.role === 'host' || credential.role === 'interviewer';
  const answerSource = (questionId: string): AnswerSource | null => {
    const q = questions.find((x) => x.id === questionId);
    if (!q) return null;
    return {
      prompt: q.kind === 'coding' ? q.title : q.prompt,
      transcript: (recordingId, qid) => {
        const answer = state?.answers.find((a) => a.questionId === qid);
        if (!recordingId) return answer?.text ?? null;
        if (!docs.stage) return null;
        return readAllTranscripts(docs.stage.doc, docs.assessment?.doc ?? null).find((t) => t.recordingId === recordingId)?.text ?? null;
      },
    };
  };

  const onView = (i: number) => {
    const clamped = Math.max(0, Math.min(maxIndex, i));
    setPicked(clamped);
    setFollowing(liveIndex !== null && clamped === liveIndex);
  };

  return (
    <div className="live-session stack">
      <section className="card live-header" aria-labelledby="live-title">
        <div className="title-row">
          <h1 id="live-title">{plan?.meta.title ?? interviewId}</h1>
          <SyncBadge status={status.combined} />
        </div>
        <p className="muted">
          Live session · you are {credential.subject} ({ROLE_LABELS[credential.role] ?? credential.role}).
        </p>
        <details className="conn-details">
          <summary>Connection details</summary>
          <ul>
            {status.perDoc.map((d) => (
              <li key={d.kind} data-doc-kind={d.kind} data-sync-doc-state={d.status?.state ?? 'opening'}>
                {DOC_LABELS[d.kind] ?? d.kind}: {d.status ? describeSync(d.status) : 'opening…'}
                {d.status?.pendingChanges ? ' · unsent changes' : ''}
              </li>
            ))}
          </ul>
        </details>
        <PresenceBar peers={peers} stageState={state} />
      </section>
      {/* Source order is the phone order (guest now, controls, sidebar, answers); wide screens place the sidebar in its own column. */}
      <div className="live-columns">
        <div className="live-area-now">
          <GuestLivePanel
            questions={questions}
            state={state}
            keys={keys}
            viewedIndex={viewedIndex}
            following={following && liveIndex !== null}
            onView={onView}
            onFollow={() => setFollowing(true)}
          />
          {viewed?.kind === 'coding' && docs.code ? <LiveCodePanel key={viewed.id} code={docs.code} staff={docs.staff} question={viewed} me={me} /> : null}
        </div>
        {credential.role === 'host' && docs.stage ? (
          <div className="live-area-controls">
            <HostOverrides stage={docs.stage} state={state} issuedBy={credential.subject} />
          </div>
        ) : null}
        {credential.role === 'tech-support' || credential.role === 'host' ? (
          <div className="live-area-support">
            <SupportConsole me={me} stage={docs.stage} staff={docs.staff} support={docs.support} plan={docs.plan} state={state} />
          </div>
        ) : null}
        <div className="live-area-side">
          <EngagementSidebar
            me={me}
            staff={docs.staff}
            audience={docs.audience}
            moderation={docs.moderation}
            question={viewed ? { id: viewed.id, index: viewedIndex } : null}
            state={state}
          />
        </div>
        <div className="live-area-answers">
          <AnswersPanel questions={questions} state={state} viewedIndex={viewedIndex} onView={onView} />
          {seesSynthesis ? <SynthesisPanel interviewId={interviewId} token={credential.token} answers={answerSource} onOpenQuestion={onView} /> : null}
        </div>
      </div>
    </div>
  );
}
