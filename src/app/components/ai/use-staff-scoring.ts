/**
 * Runs first-pass scoring on this staff device while the live session is open: whenever the stage document gains
 * a transcript (or the assessment document one made from a queued answer, or the guest answers a multiple-choice
 * question or submits code) that has no current score, the scoring worker scores it against the key document's
 * rubric (code runs against the example and hidden tests in the code sandbox) and the result goes to the assessment
 * document. Only roles that can read the key and write the assessment document (host,
 * interviewer) score; everyone else just reads the scores.
 *
 * The team's ratings: the answers rated in this interview's staff document are kept on this device
 * (src/storage/rated-answers-store.ts) with those of interviews opened before, and every spoken answer is scored
 * with the rated answers to the same question. A new or changed rating, or another model version, scores the
 * answers again.
 */
import { useEffect, useState } from 'react';
import type { ScoringClient } from '../../../../worker/scoring/client';
import type { Role } from '../../../domain/access';
import { canRead, canWrite } from '../../../domain/access';
import { readFullPlan } from '../../../sync/plan-doc';
import { readStageState } from '../../../sync/stage-doc';
import type { DocHandle } from '../../../sync/doc-connection';
import { scoreNewAnswers, type CodeRunner, type ScoreAnswersReport } from '../../../staff-ai/score-answers';
import { ratedAnswersOfInterview } from '../../../staff-ai/rated-answers';
import { appDb } from '../../../storage/db';
import { allRatedAnswers, replaceInterviewRatedAnswers } from '../../../storage/rated-answers-store';
import { observeStaffTranscripts } from '../../../sync/answer-results';
import { serialRunner } from './serial-runner';

export interface StaffScoringDocs {
  plan: DocHandle | null;
  key: DocHandle | null;
  stage: DocHandle | null;
  assessment: DocHandle | null;
  staff: DocHandle | null;
}

/** Coding answers run in the staff sandbox (a sandboxed frame of its own origin starts the sandbox worker), loaded when the first one needs it. */
const runHiddenTests: CodeRunner = async (code, tests) => (await import('../../../../worker/sandbox/frame-port')).runTestsInSandboxFrame(code, tests);

export function canScore(role: Role): boolean {
  return canRead(role, 'key') && canWrite(role, 'assessment');
}

export function useStaffScoring(docs: StaffScoringDocs, role: Role, by: string): { failures: ScoreAnswersReport['failed']; error: string | null } {
  const [failures, setFailures] = useState<ScoreAnswersReport['failed']>([]);
  const [error, setError] = useState<string | null>(null);
  const { plan, key, stage, assessment, staff } = docs;
  useEffect(() => {
    if (!canScore(role) || !plan || !key || !stage || !assessment) return;
    let alive = true;
    let client: ScoringClient | null = null;
    let modelVersion = 0;
    let storedFor = '';
    // A sandbox frame started ahead while the guest is at a coding question, so a submitted answer is scored
    // without waiting for a new frame (worker/sandbox/frame-port.ts keepSandboxFrameWarm).
    let releaseWarmFrame: (() => void) | null = null;
    const keepFrameWarm = async (want: boolean) => {
      if (want === (releaseWarmFrame !== null)) return;
      if (!want) {
        releaseWarmFrame?.();
        releaseWarmFrame = null;
        return;
      }
      const { keepSandboxFrameWarm } = await import('../../../../worker/sandbox/frame-port');
      if (alive && !releaseWarmFrame) releaseWarmFrame = keepSandboxFrameWarm();
    };

    const score = async () => {
      try {
        const full = readFullPlan(plan.doc, key.doc);
        if (!full || full.questions.length === 0) return;
        const state = readStageState(stage.doc);
        await keepFrameWarm(state !== null && state.completedAt === null && state.questions[state.currentIndex]?.kind === 'coding');
        if (!alive) return;
        if (!client) {
          const { createBrowserScoringClient } = await import('../../../../worker/scoring/client');
          if (!alive) return;
          client = createBrowserScoringClient();
          modelVersion = (await client.warmUp()).modelVersion;
          if (!alive) return;
        }
        const db = appDb();
        if (staff) {
          const mine = ratedAnswersOfInterview(full, stage.doc, assessment.doc, staff.doc);
          const key = JSON.stringify(mine.map((r) => [r.id, r.rating, r.transcript.length]));
          if (key !== storedFor) {
            await replaceInterviewRatedAnswers(db, full.meta.id, mine, Date.now());
            storedFor = key;
          }
        }
        const ratedAnswers = await allRatedAnswers(db);
        if (!alive) return;
        const report = await scoreNewAnswers({
          plan: full,
          stageDoc: stage.doc,
          assessmentDoc: assessment.doc,
          state: readStageState(stage.doc),
          scorer: client,
          codeRunner: runHiddenTests,
          scoredBy: by,
          modelVersion,
          ratedAnswers,
        });
        if (alive) {
          setFailures(report.failed);
          setError(null);
        }
      } catch (err) {
        if (alive) setError(err instanceof Error ? err.message : String(err));
      }
    };
    // A short quiet spell: a document's sync arrives as a burst within a few milliseconds, and a submitted answer's
    // score is waited for on the screen (bench:coding's Submit → results).
    const runner = serialRunner(score, 40);
    const schedule = runner.schedule;
    const docsToWatch = [plan.doc, key.doc, stage.doc, ...(staff ? [staff.doc] : [])];
    for (const d of docsToWatch) d.on('update', schedule);
    // An interviewer's device keeps the transcripts it makes from queued answers in the assessment document.
    const unwatchStaff = observeStaffTranscripts(assessment.doc, schedule);
    void Promise.all([plan.whenLocal, key.whenLocal, stage.whenLocal, assessment.whenLocal, staff?.whenLocal]).then(schedule);
    return () => {
      alive = false;
      runner.stop();
      releaseWarmFrame?.();
      for (const d of docsToWatch) d.off('update', schedule);
      unwatchStaff();
      client?.dispose();
    };
  }, [plan, key, stage, assessment, staff, role, by]);
  return { failures, error };
}
