/**
 * Makes an interview's synthesis: claims the run for the current input (one per input hash; a second trigger joins
 * the first), checks consent on the server, asks the cloud model or builds the offline synthesis, checks the evidence
 * (retrying once when more than a quarter of the claims fail), notes whether the documents moved meanwhile, and
 * stores the result. Runs left "running" by a crash are resumed at start, so no interview stays stuck.
 */
import { createHash } from 'node:crypto';
import { condenseToFit } from '../../src/domain/wrap-up/condense';
import { AnswerIndex, checkModelSynthesis, type EvidenceReport } from '../../src/domain/wrap-up/evidence-check';
import { offlineSynthesis } from '../../src/domain/wrap-up/offline-synthesis';
import { canonicalInput, type SynthesisInput } from '../../src/domain/wrap-up/synthesis-input';
import type { Synthesis } from '../../src/domain/wrap-up/synthesis-schema';
import type { LlmConfig } from '../llm/config';
import type { Logger } from '../log';
import { askForSynthesis, FAILURE_SENTENCES, type AskOutcome } from './ask-for-synthesis';
import type { InterviewReader } from './read-interview';
import type { FinishedRun, SynthesisMode, SynthesisRow, SynthesisStore, SynthesisTrigger } from './synthesis-store';

export function inputHash(input: SynthesisInput): string {
  return createHash('sha256').update(canonicalInput(input)).digest('hex');
}

export interface RunnerDeps {
  store: SynthesisStore;
  reader: InterviewReader;
  llm: LlmConfig;
  log: Logger;
  /** SYNTHESIS_MAX_INPUT_TOKENS: above it, answers are condensed first (condense.ts). */
  maxInputTokens: number;
  /** Called when a run ends, so the status projection can move to "synthesized". */
  onFinished?: (interviewId: string) => void;
  now?: () => number;
}

export type StartResult =
  | { ok: true; row: SynthesisRow; joined: boolean }
  | { ok: false; status: 404 | 409; error: string };

export function createSynthesisRunner(deps: RunnerDeps) {
  const { store, reader, log } = deps;
  const now = deps.now ?? (() => Date.now());
  /** Runs executing in this process (a row may be "running" in SQLite only because the last process died). */
  const executing = new Map<number, Promise<void>>();
  /** After stop(), runs in flight write nothing more: their rows stay "running" and the next start resumes them. */
  let stopped = false;

  async function start(interviewId: string, opts: { mode: SynthesisMode; trigger: SynthesisTrigger; requestedBy: string }): Promise<StartResult> {
    const requestedAt = now();
    let hash = '';
    const read = await reader.read(interviewId, (input) => {
      hash = input ? inputHash(input) : '';
      return false;
    });
    if (!read.input) return { ok: false, status: 404, error: 'This interview\'s plan and answer key are not on the server yet.' };
    // Consent is checked here, on the server, before anything can leave for a model.
    if (read.status.humanReviewOnly) {
      return { ok: false, status: 409, error: 'The candidate declined AI scoring: this interview is for human review only, so no AI synthesis is made.' };
    }
    if (read.status.counts.answers === 0) return { ok: false, status: 409, error: 'The candidate has not answered any question yet.' };
    const { row, created } = store.claim({ interviewId, inputHash: hash, mode: opts.mode, trigger: opts.trigger, requestedBy: opts.requestedBy, stateVectors: JSON.stringify(read.stateVectors), now: now(), requestedAt });
    if (created) execute(row, read.input);
    return { ok: true, row, joined: !created };
  }

  function execute(row: SynthesisRow, input: SynthesisInput): void {
    if (executing.has(row.id)) return;
    const run = runOne(row, input)
      .catch((err: unknown) => {
        if (stopped) return;
        const message = err instanceof Error ? err.message : String(err);
        log('error', 'Synthesis failed', { interview: row.interviewId, run: row.id, error: message });
        store.fail(row.id, 'an internal error stopped it; the server log has details', now());
      })
      .catch(() => undefined)
      .finally(() => {
        executing.delete(row.id);
        if (!stopped) deps.onFinished?.(row.interviewId);
      });
    executing.set(row.id, run);
  }

  async function runOne(row: SynthesisRow, fullInput: SynthesisInput): Promise<void> {
    const notes: string[] = [];
    const fits = condenseToFit(fullInput, deps.maxInputTokens);
    const input = fits.input;
    if (fits.condensed) {
      notes.push(
        `The answers (about ${fits.tokensBefore} tokens) exceed what the model is given (${deps.maxInputTokens}): each answer was first summarised to its sentences closest to the rubric, then synthesised from those.`,
      );
    }
    let finished: FinishedRun;
    const quotable = input.answers.some((a) => a.transcript !== null && a.transcript.trim() !== '');
    const offline = (reason: string | null, why: string | null, extra: Partial<FinishedRun> = {}): FinishedRun => {
      const result = offlineSynthesis(input, why ? [...notes, why] : notes);
      return { result, model: null, fallbackReason: reason, tokensPrompt: 0, tokensCompletion: 0, claimsKept: result.strengths.length + result.concerns.length, claimsDropped: 0, attempts: 0, stale: false, progress: '', ...extra };
    };
    if (row.mode === 'offline') finished = offline('host-preferred', 'The host asked for the offline synthesis.');
    else if (!deps.llm.apiKey) finished = offline('no-key', FAILURE_SENTENCES['no-key']);
    else if (!quotable) finished = offline('no-spoken-answers', 'No spoken answer to quote (only multiple-choice or coding answers, or empty transcripts): made offline from the scores.');
    else finished = await withModel(row, input, notes, offline);

    if (stopped) return;
    store.progress(row.id, 'Checking whether the interview changed meanwhile');
    const before = JSON.parse(store.stateVectorsOf(row.id) ?? '{}') as Record<string, string>;
    if (await reader.moved(row.interviewId, before)) {
      let hashNow = '';
      await reader.read(row.interviewId, (i) => {
        hashNow = i ? inputHash(i) : '';
        return false;
      });
      if (hashNow !== row.inputHash) {
        finished.stale = true;
        finished.result.notes.push('The interview changed while this synthesis was made (new answers, transcripts or scores): it may be out of date.');
      }
    }
    if (stopped) return;
    const label = finished.result.kind === 'offline' ? 'Offline synthesis' : 'AI synthesis';
    finished.progress = `${label} ready${finished.result.reliable ? '' : ' (unreliable)'}${finished.stale ? ' (out of date)' : ''}`;
    store.finish(row.id, finished, now());
    log('info', 'Synthesis stored', {
      interview: row.interviewId,
      run: row.id,
      kind: finished.result.kind,
      reliable: finished.result.reliable,
      kept: finished.claimsKept,
      dropped: finished.claimsDropped,
      fallback: finished.fallbackReason,
    });
  }

  async function withModel(
    row: SynthesisRow,
    input: SynthesisInput,
    notes: string[],
    offline: (reason: string | null, why: string | null, extra?: Partial<FinishedRun>) => FinishedRun,
  ): Promise<FinishedRun> {
    const index = new AnswerIndex(input);
    let tokensPrompt = 0;
    let tokensCompletion = 0;
    let best: { report: EvidenceReport; model: string } | null = null;
    let lastFailure: Extract<AskOutcome, { ok: false }> | null = null;
    for (let attempt = 1; attempt <= 2; attempt++) {
      store.attempts(row.id, attempt);
      store.progress(row.id, attempt === 1 ? `Asking ${deps.llm.model}` : `Too many claims failed the evidence check: asking ${deps.llm.model} again`);
      const outcome = await askForSynthesis({
        config: deps.llm,
        input,
        log,
        onReceived: (chars) => store.progress(row.id, `Receiving the answer (${chars} characters)`),
      });
      if (stopped) throw new Error('server stopping');
      tokensPrompt += outcome.tokensPrompt;
      tokensCompletion += outcome.tokensCompletion;
      if (!outcome.ok) {
        lastFailure = outcome;
        log('warn', 'Synthesis model call failed', { interview: row.interviewId, run: row.id, attempt, reason: outcome.reason, detail: outcome.detail });
        break;
      }
      store.progress(row.id, 'Checking every quote against the answers');
      const report = checkModelSynthesis(input, outcome.synthesis, index, [...notes]);
      if (!best || report.dropped / Math.max(1, report.kept + report.dropped) < best.report.dropped / Math.max(1, best.report.kept + best.report.dropped)) {
        best = { report, model: outcome.model };
      }
      if (!report.tooManyDropped) break;
    }
    if (!best) {
      const reason = lastFailure?.reason ?? 'server-error';
      return offline(reason, `${FAILURE_SENTENCES[reason]} This is the offline synthesis instead.`, { tokensPrompt, tokensCompletion, attempts: 1 });
    }
    const result: Synthesis = best.report.synthesis;
    if (best.report.tooManyDropped) {
      result.reliable = false;
      result.notes.push(
        `Unreliable: more than a quarter of the model's claims quoted words that are not in the answer they name (${best.report.dropped} of ${best.report.kept + best.report.dropped} dropped), on the retry too.`,
      );
    }
    if (lastFailure) result.notes.push(`The retry failed (${FAILURE_SENTENCES[lastFailure.reason]}); this is the first answer.`);
    return {
      result,
      model: best.model,
      fallbackReason: null,
      tokensPrompt,
      tokensCompletion,
      claimsKept: best.report.kept,
      claimsDropped: best.report.dropped,
      attempts: store.get(row.id)?.attempts ?? 1,
      stale: false,
      progress: '',
    };
  }

  /** At start: every run a previous process left "running" is made again from the documents as they are now. */
  async function resumeInterrupted(): Promise<number> {
    const left = store.allRunning().filter((r) => !executing.has(r.id));
    for (const row of left) {
      try {
        let hash = '';
        const read = await reader.read(row.interviewId, (i) => {
          hash = i ? inputHash(i) : '';
          return false;
        });
        if (!read.input || read.status.humanReviewOnly) {
          store.fail(row.id, read.input ? 'the candidate declined AI scoring' : 'the plan is no longer on the server', now());
          continue;
        }
        if (hash !== row.inputHash) {
          store.fail(row.id, 'the server restarted while it ran, and the answers have changed since; a new synthesis is made for them', now());
          deps.onFinished?.(row.interviewId);
          continue;
        }
        store.progress(row.id, 'Resumed after a server restart');
        log('info', 'Resuming a synthesis interrupted by a restart', { interview: row.interviewId, run: row.id });
        execute(row, read.input);
      } catch (err) {
        log('error', 'Could not resume a synthesis', { interview: row.interviewId, run: row.id, error: (err as Error).message });
        store.fail(row.id, 'it could not be resumed after a restart', now());
      }
    }
    return left.length;
  }

  return {
    start,
    resumeInterrupted,
    /** Shutdown: runs in flight stop writing; their rows stay "running" and are resumed at the next start. */
    stop(): void {
      stopped = true;
    },
    /** Resolves when every run of this process has ended (tests). */
    idle: async (): Promise<void> => {
      while (executing.size > 0) await Promise.allSettled([...executing.values()]);
    },
  };
}

export type SynthesisRunner = ReturnType<typeof createSynthesisRunner>;
