/**
 * SQLite side of the wrap-up: the status projection (`interview_status`) and the synthesis runs (`syntheses`).
 * better-sqlite3 is synchronous and the server has one thread, so "is one running for this input? if not, claim it"
 * is one step no other trigger can interleave with; the partial unique index holds the same rule in the database.
 * Every write is announced to the interview's listeners (synthesis-events.ts) as it happens.
 */
import type { Db } from '../db/open';
import type { InterviewStatus, StatusResult } from '../../src/domain/wrap-up/status';
import type { Synthesis } from '../../src/domain/wrap-up/synthesis-schema';
import { PROMPT_VERSION } from '../../src/domain/wrap-up/synthesis-schema';
import type { StatusRow, SynthesisMode, SynthesisRow, SynthesisState, SynthesisTrigger } from '../../src/domain/wrap-up/synthesis-records';
import type { SynthesisChange, SynthesisEvents } from './synthesis-events';

export type { StatusRow, SynthesisMode, SynthesisRow, SynthesisState, SynthesisTrigger } from '../../src/domain/wrap-up/synthesis-records';

/** The columns a status is made of (beside its key and `updated_at`): a save that finds them all as stored writes nothing. */
const STATUS_FIELDS = ['status', 'human_review_only', 'answers', 'recordings', 'uploaded', 'transcribed', 'to_score', 'scored', 'input_hash', 'completed_at'] as const;
type StatusField = (typeof STATUS_FIELDS)[number];

/** Triggers of the same input this close together are one request. */
export const JOIN_WINDOW_MS = 15_000;

interface RawSynthesis {
  id: number;
  interview_id: string;
  input_hash: string;
  mode: SynthesisMode;
  state: SynthesisState;
  trigger: SynthesisTrigger;
  requested_by: string;
  kind: Synthesis['kind'] | null;
  reliable: number | null;
  stale: number;
  fallback_reason: string | null;
  model: string | null;
  prompt_version: string;
  tokens_prompt: number;
  tokens_completion: number;
  claims_kept: number;
  claims_dropped: number;
  attempts: number;
  progress: string;
  error: string | null;
  result_json: string | null;
  state_vectors: string | null;
  created_at: number;
  finished_at: number | null;
}

function toRow(r: RawSynthesis): SynthesisRow {
  return {
    id: r.id,
    interviewId: r.interview_id,
    inputHash: r.input_hash,
    mode: r.mode,
    state: r.state,
    trigger: r.trigger,
    requestedBy: r.requested_by,
    kind: r.kind,
    reliable: r.reliable === null ? null : r.reliable === 1,
    stale: r.stale === 1,
    fallbackReason: r.fallback_reason,
    model: r.model,
    promptVersion: r.prompt_version,
    tokensPrompt: r.tokens_prompt,
    tokensCompletion: r.tokens_completion,
    claimsKept: r.claims_kept,
    claimsDropped: r.claims_dropped,
    attempts: r.attempts,
    progress: r.progress,
    error: r.error,
    result: r.result_json === null ? null : (JSON.parse(r.result_json) as Synthesis),
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export interface FinishedRun {
  result: Synthesis;
  model: string | null;
  fallbackReason: string | null;
  tokensPrompt: number;
  tokensCompletion: number;
  claimsKept: number;
  claimsDropped: number;
  attempts: number;
  stale: boolean;
  progress: string;
}

/** `events`: told of every write, per interview (the events route's listeners). */
export function createSynthesisStore(db: Db, events?: SynthesisEvents) {
  const upsertStatus = db.prepare(`
    INSERT INTO interview_status (interview_id, ${STATUS_FIELDS.join(', ')}, updated_at)
    VALUES (@interview_id, ${STATUS_FIELDS.map((c) => `@${c}`).join(', ')}, @updated_at)
    ON CONFLICT(interview_id) DO UPDATE SET ${STATUS_FIELDS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`);
  const selectStatus = db.prepare<[string], Record<string, unknown>>('SELECT * FROM interview_status WHERE interview_id = ?');
  const insertRun = db.prepare(`
    INSERT INTO syntheses (interview_id, input_hash, mode, state, trigger, requested_by, prompt_version, progress, state_vectors, created_at)
    VALUES (@interviewId, @inputHash, @mode, 'running', @trigger, @requestedBy, @promptVersion, @progress, @stateVectors, @createdAt)`);
  const runningFor = db.prepare<[string, string], RawSynthesis>("SELECT * FROM syntheses WHERE interview_id = ? AND input_hash = ? AND state = 'running'");
  const startedSince = db.prepare<[string, string, string, string, number], RawSynthesis>(
    'SELECT * FROM syntheses WHERE interview_id = ? AND input_hash = ? AND mode = ? AND trigger = ? AND created_at >= ? ORDER BY id DESC LIMIT 1',
  );
  const anyRunning = db.prepare<[string], RawSynthesis>("SELECT * FROM syntheses WHERE interview_id = ? AND state = 'running' ORDER BY id DESC LIMIT 1");
  const doneFor = db.prepare<[string, string], RawSynthesis>("SELECT * FROM syntheses WHERE interview_id = ? AND input_hash = ? AND state = 'done' ORDER BY id DESC LIMIT 1");
  const latestDone = db.prepare<[string], RawSynthesis>("SELECT * FROM syntheses WHERE interview_id = ? AND state IN ('done', 'failed') ORDER BY id DESC LIMIT 1");
  const byId = db.prepare<[number], RawSynthesis>('SELECT * FROM syntheses WHERE id = ?');
  const allRunning = db.prepare<[], RawSynthesis>("SELECT * FROM syntheses WHERE state = 'running' ORDER BY id");
  // Interviews in the index whose status is not final yet (or never computed).
  const unfinished = db.prepare<[], { id: string }>(
    "SELECT i.id FROM interviews i LEFT JOIN interview_status s ON s.interview_id = i.id WHERE s.status IS NULL OR s.status NOT IN ('synthesized', 'human-review-only')",
  );
  const countFor = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM syntheses WHERE interview_id = ?');
  const setProgress = db.prepare<[string, number]>("UPDATE syntheses SET progress = ? WHERE id = ? AND state = 'running'");
  const setAttempts = db.prepare<[number, number]>('UPDATE syntheses SET attempts = ? WHERE id = ?');
  const finish = db.prepare(`
    UPDATE syntheses SET state = 'done', kind = @kind, reliable = @reliable, stale = @stale, fallback_reason = @fallbackReason,
      model = @model, tokens_prompt = @tokensPrompt, tokens_completion = @tokensCompletion, claims_kept = @claimsKept,
      claims_dropped = @claimsDropped, attempts = @attempts, progress = @progress, result_json = @resultJson, finished_at = @finishedAt
    WHERE id = @id AND state = 'running'`);
  const fail = db.prepare<[string, string, number, number]>("UPDATE syntheses SET state = 'failed', error = ?, progress = ?, finished_at = ? WHERE id = ? AND state = 'running'");
  const interviewOfRun = db.prepare<[number], { interview_id: string }>('SELECT interview_id FROM syntheses WHERE id = ?');
  const announceRun = (id: number, change: SynthesisChange, changes: number) => {
    if (!events || changes === 0) return;
    const row = interviewOfRun.get(id);
    if (row) events.emit(row.interview_id, change);
  };
  return {
    /**
     * Saves the interview's status; `now` becomes its `updated_at`, the time the status last changed. The projection
     * saves after every change to the documents, and most leave the status as it was: a row that already holds
     * these values is left alone (no write, no commit, nothing announced). Returns whether it wrote.
     */
    saveStatus(interviewId: string, s: StatusResult, inputHash: string | null, completedAt: number | null, now: number): boolean {
      const { counts } = s;
      const fields: Record<StatusField, string | number | null> = {
        status: s.status,
        human_review_only: s.humanReviewOnly ? 1 : 0,
        answers: counts.answers,
        recordings: counts.recordings,
        uploaded: counts.uploaded,
        transcribed: counts.transcribed,
        to_score: counts.toScore,
        scored: counts.scored,
        input_hash: inputHash,
        completed_at: completedAt,
      };
      // Read, not remembered: another writer may have changed the row (the cluster's wrap-up mirror, a deletion).
      const stored = selectStatus.get(interviewId);
      if (stored && STATUS_FIELDS.every((c) => stored[c] === fields[c])) return false;
      upsertStatus.run({ interview_id: interviewId, ...fields, updated_at: now });
      events?.emit(interviewId, 'view');
      return true;
    },
    status(interviewId: string): StatusRow | null {
      const r = selectStatus.get(interviewId);
      if (!r) return null;
      return {
        interviewId: r.interview_id as string,
        status: r.status as InterviewStatus,
        humanReviewOnly: r.human_review_only === 1,
        answers: r.answers as number,
        recordings: r.recordings as number,
        uploaded: r.uploaded as number,
        transcribed: r.transcribed as number,
        toScore: r.to_score as number,
        scored: r.scored as number,
        inputHash: r.input_hash as string | null,
        completedAt: r.completed_at as number | null,
        updatedAt: r.updated_at as number,
      };
    },
    /**
     * The run for this input: the one in flight if any, or one of the same input, mode and trigger started less than
     * JOIN_WINDOW_MS before this request arrived (`requestedAt`: two staff devices pressing "re-run" together, the
     * quicker one possibly already done), joined, not doubled; else a new one claimed now.
     */
    claim(p: { interviewId: string; inputHash: string; mode: SynthesisMode; trigger: SynthesisTrigger; requestedBy: string; stateVectors: string; now: number; requestedAt: number }): { row: SynthesisRow; created: boolean } {
      const claimed = db.transaction(() => {
        const running = runningFor.get(p.interviewId, p.inputHash);
        if (running) return { row: toRow(running), created: false };
        const recent = startedSince.get(p.interviewId, p.inputHash, p.mode, p.trigger, p.requestedAt - JOIN_WINDOW_MS);
        if (recent) return { row: toRow(recent), created: false };
        const { requestedAt: _r, ...fields } = p;
        const info = insertRun.run({ ...fields, promptVersion: PROMPT_VERSION, progress: 'Waiting to start', createdAt: p.now });
        return { row: toRow(byId.get(Number(info.lastInsertRowid))!), created: true };
      })();
      if (claimed.created) events?.emit(p.interviewId, 'view');
      return claimed;
    },
    running: (interviewId: string): SynthesisRow | null => {
      const r = anyRunning.get(interviewId);
      return r ? toRow(r) : null;
    },
    doneFor: (interviewId: string, inputHash: string): SynthesisRow | null => {
      const r = doneFor.get(interviewId, inputHash);
      return r ? toRow(r) : null;
    },
    latest: (interviewId: string): SynthesisRow | null => {
      const r = latestDone.get(interviewId);
      return r ? toRow(r) : null;
    },
    get: (id: number): SynthesisRow | null => {
      const r = byId.get(id);
      return r ? toRow(r) : null;
    },
    stateVectorsOf: (id: number): string | null => byId.get(id)?.state_vectors ?? null,
    allRunning: (): SynthesisRow[] => allRunning.all().map(toRow),
    count: (interviewId: string): number => countFor.get(interviewId)!.n,
    unfinishedInterviews: (): string[] => unfinished.all().map((r) => r.id),
    progress(id: number, text: string): void {
      announceRun(id, 'progress', setProgress.run(text, id).changes);
    },
    attempts(id: number, n: number): void {
      announceRun(id, 'progress', setAttempts.run(n, id).changes);
    },
    finish(id: number, f: FinishedRun, now: number): void {
      const { changes } = finish.run({
        id,
        kind: f.result.kind,
        reliable: f.result.reliable ? 1 : 0,
        stale: f.stale ? 1 : 0,
        fallbackReason: f.fallbackReason,
        model: f.model,
        tokensPrompt: f.tokensPrompt,
        tokensCompletion: f.tokensCompletion,
        claimsKept: f.claimsKept,
        claimsDropped: f.claimsDropped,
        attempts: f.attempts,
        progress: f.progress,
        resultJson: JSON.stringify(f.result),
        finishedAt: now,
      });
      announceRun(id, 'view', changes);
    },
    fail(id: number, error: string, now: number): void {
      announceRun(id, 'view', fail.run(error, `Failed: ${error}`, now, id).changes);
    },
  };
}

export type SynthesisStore = ReturnType<typeof createSynthesisStore>;
