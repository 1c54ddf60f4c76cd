/**
 * The live session's AI section for staff: AI results per answer (scored on this device when the role may read
 * the answer key), the answers queued for a staff device (transcribed here when this device has the speech
 * model), where answers are transcribed (the host sets it), and the speech model this device keeps for
 * transcribing queued answers. Collapsible, so it stays out of the way of the interview itself.
 */
import type { Role } from '../../../domain/access';
import { canWrite } from '../../../domain/access';
import { readPublicPlan } from '../../../sync/plan-doc';
import { readStageState } from '../../../sync/stage-doc';
import { HOST_REQUIREMENTS, readAllTranscripts, readTranscriptionPolicy, readUploads, setTranscriptionPolicy, type TranscriptionPolicy } from '../../../sync/answer-results';
import type { DocHandle } from '../../../sync/doc-connection';
import { useEffect, useId, useState } from 'react';
import type { ModelEntry } from '../../../../worker/asr/model-manifest';
import { useDocVersion } from '../../hooks/use-doc';
import { defaultModelId, fetchManifest, visibleModels } from '../../../speech-model/model-library';
import { AnswerResults } from './AnswerResults';
import { ModelManager } from './ModelManager';
import { canScore, useStaffScoring } from './use-staff-scoring';
import { useStaffTranscription } from './use-staff-transcription';
import { claimsByOthers } from '../../../sync/transcription-claims';
import { queuedAnswerRows } from './queued-answers';
import { StaffQueuePanel } from './StaffQueuePanel';

export interface LiveAiPanelProps {
  docs: { plan: DocHandle | null; key: DocHandle | null; stage: DocHandle | null; assessment: DocHandle | null; staff: DocHandle | null };
  /** The token downloads queued answers' audio for transcription on this device. */
  credential: { role: Role; subject: string; token: string };
}

const REQUIREMENT_LABEL: Record<TranscriptionPolicy['requires'], string> = {
  either: "On the candidate's device when it can, otherwise on a staff device",
  local: "Always on the candidate's device",
  staff: 'Always on a staff device (the candidate downloads nothing)',
};

export function LiveAiPanel({ docs, credential }: LiveAiPanelProps) {
  useDocVersion(docs.plan);
  useDocVersion(docs.stage);
  useDocVersion(docs.assessment);
  const { failures, error } = useStaffScoring(docs, credential.role, credential.subject);
  const transcription = useStaffTranscription(docs, credential.role, credential.token, credential.subject);
  const modelPanelId = useId();
  if (credential.role === 'guest' || credential.role === 'audience') return null;
  const plan = docs.plan ? readPublicPlan(docs.plan.doc) : null;
  const state = docs.stage ? readStageState(docs.stage.doc) : null;
  const policy = readTranscriptionPolicy(docs.stage?.doc ?? null);
  const hostControls = canWrite(credential.role, 'stage') && docs.stage;
  // Host and interviewer may download answer audio (the server allows no one else).
  const listens = credential.role === 'host' || credential.role === 'interviewer';
  const queued = docs.stage
    ? queuedAnswerRows({
        state,
        uploads: readUploads(docs.stage.doc),
        transcripts: readAllTranscripts(docs.stage.doc, docs.assessment?.doc ?? null),
        running: transcription.running,
        failures: transcription.failures,
        claims: docs.assessment ? claimsByOthers(docs.assessment.doc, transcription.device, Date.now()) : new Map(),
      })
    : [];
  const needsModel = transcription.active && transcription.model.status === 'missing' && queued.some((r) => r.state === 'ready' || r.state === 'failed');

  return (
    <section className="card live-ai" aria-labelledby="live-ai-title" data-testid="live-ai">
      <details open>
        <summary>
          <h2 id="live-ai-title">AI results</h2>
        </summary>
        {error && (
          <p className="error" role="alert">
            Scoring on this device failed: {error}
          </p>
        )}
        <AnswerResults
          questions={plan?.questions ?? []}
          state={state}
          stageDoc={docs.stage?.doc ?? null}
          assessmentDoc={docs.assessment?.doc ?? null}
          scoresHere={canScore(credential.role)}
          failures={failures}
          queued={queued}
          listen={
            listens && plan && docs.stage
              ? { interviewId: plan.meta.id, token: credential.token, uploads: new Map(readUploads(docs.stage.doc).map((u) => [u.recordingId, u])) }
              : null
          }
        />
        <StaffQueuePanel rows={queued} questions={plan?.questions ?? []} transcription={transcription} modelPanelId={modelPanelId} />
      </details>
      {/* Opened while queued answers wait for a model this device lacks, so "download it below" leads somewhere. */}
      <details id={modelPanelId} open={needsModel || undefined}>
        <summary>
          <h2>Speech model and transcription</h2>
        </summary>
        {hostControls ? (
          <>
          <p>
            <label>
              Where answers are transcribed{' '}
              <select
                value={policy.requires}
                onChange={(e) => setTranscriptionPolicy(docs.stage!.doc, { ...policy, requires: e.target.value as TranscriptionPolicy['requires'], setBy: credential.subject, at: Date.now() })}
              >
                {HOST_REQUIREMENTS.map((r) => (
                  <option key={r} value={r}>
                    {REQUIREMENT_LABEL[r]}
                  </option>
                ))}
              </select>
            </label>
          </p>
          <GuestModelChoice policy={policy} onChange={(modelId) => setTranscriptionPolicy(docs.stage!.doc, { ...policy, modelId, setBy: credential.subject, at: Date.now() })} />
          </>
        ) : (
          <p className="muted">Answers are transcribed: {REQUIREMENT_LABEL[policy.requires].toLowerCase()}.</p>
        )}
        <ModelManager variant="staff" onReady={transcription.recheckModel} />
      </details>
    </section>
  );
}

/** The model the candidate's device uses when it transcribes (null: the server's default). */
function GuestModelChoice({ policy, onChange }: { policy: TranscriptionPolicy; onChange: (modelId: string | null) => void }) {
  const [models, setModels] = useState<ModelEntry[] | null>(null);
  const [fallback, setFallback] = useState<string>('');
  useEffect(() => {
    let alive = true;
    fetchManifest().then(
      (m) => {
        if (!alive) return;
        setModels(visibleModels(m));
        setFallback(defaultModelId(m));
      },
      () => alive && setModels([]),
    );
    return () => {
      alive = false;
    };
  }, []);
  if (!models || models.length === 0) return null;
  return (
    <p>
      <label>
        Model on the candidate&apos;s device{' '}
        <select value={policy.modelId ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
          <option value="">Server default ({fallback})</option>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
    </p>
  );
}
