/**
 * One generation, as a sequence of protocol events: ask the model when it is
 * configured, keep each item that passes validation, and let the offline bank
 * fill whatever the model did not deliver, for whatever reason. The host always
 * gets a complete plan and a note saying who wrote what.
 */
import { randomBytes } from 'node:crypto';
import type { EventBody, FallbackReason, ParsedGenerateRequest, RejectedItem } from '../../src/domain/generation/protocol';
import { fallbackSentence, sourceNote } from '../../src/domain/generation/note';
import type { Question, QuestionKind } from '../../src/domain/questions';
import { planMix } from '../../src/domain/planning/mix';
import { topUpFromBank } from '../../src/domain/planning/top-up';
import { orderForDelivery } from '../../src/domain/planning/delivery-order';
import { PlanContents } from '../../src/domain/planning/near-duplicate';
import type { PlanRequest } from '../../src/domain/planning/types';
import { serverBank } from '../bank/server-bank';
import { askModel, type ModelOutcome } from './ask-model';
import { checkCodingTask } from './coding-check';
import type { LlmConfig } from './config';
import type { ScannedItem } from './item-scanner';
import { validateModelItem } from './item-validation';
import { buildSpec } from './prompt';
import type { LlmLog } from './types';

export interface GenerationDeps {
  config: LlmConfig;
  log: LlmLog;
  /** Aborted when the browser goes away: stop asking the model, stop emitting. */
  signal: AbortSignal;
  emit: (event: EventBody) => void;
  /** How often "still waiting" progress is sent while the model is silent (default 2 s). */
  heartbeatMs?: number;
}

const KIND_LABEL: Record<QuestionKind, string> = { spoken: 'spoken', mcq: 'multiple-choice', coding: 'coding' };

/** Progress share of each phase: the model's answer is most of the wait. */
const FRACTION = { asking: 0.05, receivedSpan: 0.8, toppingUp: 0.9 } as const;

export async function runGeneration(req: ParsedGenerateRequest, deps: GenerationDeps): Promise<void> {
  const { config, log, emit } = deps;
  const started = Date.now();
  const planReq: PlanRequest = { archetype: req.archetype, depth: req.depth, durationMin: req.durationMin, seed: req.seed };
  serverBank(); // installed for the planner (once per process)
  // The bank's mix for this very request: what the model is asked for is what the bank would deliver.
  const mix = planMix(planReq);
  const total = mix.spoken + mix.mcq + mix.coding;

  if (!config.apiKey) {
    emit({ type: 'started', source: 'bank', reason: 'no-key', model: null, mix });
    emit({ type: 'fallback', reason: 'no-key', message: fallbackSentence('no-key'), keptFromLlm: 0 });
    emit({ type: 'progress', stage: 'planning', fraction: FRACTION.asking, message: 'Picking questions from the offline bank' });
    finish({ accepted: [], fallback: 'no-key', rejected: 0, model: null });
    return;
  }

  emit({ type: 'started', source: 'llm', reason: null, model: config.model, mix });
  let fraction = FRACTION.asking;
  emit({ type: 'progress', stage: 'asking-model', fraction, message: `Asking ${config.model} for ${total} questions` });

  const accepted: Question[] = [];
  const rejectedAll: RejectedItem[] = [];
  const contents = new PlanContents();
  const idPrefix = `llm-${randomBytes(4).toString('hex')}`;
  let lastActivity = Date.now();

  const reject = (item: RejectedItem) => {
    rejectedAll.push(item);
    emit({ type: 'rejected', count: 1, total: rejectedAll.length, reasons: [item] });
  };

  // Items are handled one at a time, in order: a coding task's check runs in a child process.
  let handling: Promise<void> = Promise.resolve();
  const onItem = (item: ScannedItem) => {
    lastActivity = Date.now();
    handling = handling.then(() =>
      handleItem(item).catch((err: unknown) => {
        log('error', 'checking a model item failed', { error: (err as Error).message, position: item.position });
        reject({ position: item.position, kind: null, reason: 'could not be checked' });
      }),
    );
  };

  const handleItem = async (item: ScannedItem): Promise<void> => {
    if (!item.ok) return reject({ position: item.position, kind: null, reason: item.reason });
    const verdict = validateModelItem(item.value, {
      archetype: req.archetype,
      depth: req.depth,
      idPrefix,
      position: item.position,
    });
    if (!verdict.ok) return reject({ position: item.position, kind: verdict.kind, reason: verdict.reason });
    const q = verdict.question;
    const have = accepted.filter((a) => a.kind === q.kind).length;
    if (have >= mix[q.kind]) {
      return reject({ position: item.position, kind: q.kind, reason: `more ${KIND_LABEL[q.kind]} questions than the ${mix[q.kind]} asked for` });
    }
    if (contents.has(q)) return reject({ position: item.position, kind: q.kind, reason: 'repeats an earlier question' });
    if (q.kind === 'coding') {
      const problem = await checkCodingTask(q);
      if (problem) return reject({ position: item.position, kind: q.kind, reason: problem });
    }
    if (deps.signal.aborted) return;
    contents.add(q);
    accepted.push(q);
    emit({ type: 'question', source: 'llm', question: q });
    fraction = FRACTION.asking + (FRACTION.receivedSpan * accepted.length) / Math.max(total, 1);
    emit({ type: 'progress', stage: 'receiving', fraction, message: `${accepted.length} of ${total} questions received` });
  };

  const heartbeatMs = deps.heartbeatMs ?? 2000;
  const heartbeat = setInterval(() => {
    if (Date.now() - lastActivity < heartbeatMs) return;
    const waited = Math.round((Date.now() - started) / 1000);
    const stage = accepted.length > 0 ? 'receiving' : 'asking-model';
    emit({ type: 'progress', stage, fraction, message: `Waiting for ${config.model} (${waited} s)` });
  }, heartbeatMs);

  let outcome: ModelOutcome;
  try {
    outcome = await askModel({ config, spec: buildSpec(req, mix), signal: deps.signal, log, onItem });
    await handling;
  } finally {
    clearInterval(heartbeat);
  }
  if (outcome.kind === 'cancelled') {
    log('info', 'generation cancelled: the browser went away', { model: config.model, accepted: accepted.length });
    return;
  }

  let fallback: FallbackReason | null = null;
  if (outcome.kind === 'failed') fallback = outcome.reason;
  else if (outcome.kind === 'incomplete' || accepted.length === 0) fallback = 'invalid-output';
  if (fallback) {
    const detail = outcome.kind === 'complete' ? 'no item passed validation' : outcome.detail;
    log('warn', 'model answer not used in full; the bank fills the plan', {
      reason: fallback,
      detail,
      model: config.model,
      kept: accepted.length,
      rejected: rejectedAll.length,
    });
    emit({
      type: 'fallback',
      reason: fallback,
      message: fallbackSentence(fallback, config.timeoutMs),
      keptFromLlm: accepted.length,
    });
  }
  finish({ accepted, fallback, rejected: rejectedAll.length, model: config.model });

  function finish(result: { accepted: Question[]; fallback: FallbackReason | null; rejected: number; model: string | null }) {
    if (deps.signal.aborted) return;
    const missing = total - result.accepted.length;
    if (missing > 0) {
      emit({ type: 'progress', stage: 'topping-up', fraction: FRACTION.toppingUp, message: `Adding ${missing} questions from the offline bank` });
    }
    let plan: Question[];
    try {
      plan = orderForDelivery(topUpFromBank(planReq, result.accepted));
    } catch (err) {
      log('error', 'offline bank could not complete the plan', { error: (err as Error).message, ...planReq });
      if (result.accepted.length === 0) {
        emit({ type: 'error', message: `No questions could be planned: ${(err as Error).message}` });
        return;
      }
      plan = orderForDelivery(result.accepted);
    }
    const keptIds = new Set(result.accepted.map((q) => q.id));
    for (const q of plan) if (!keptIds.has(q.id)) emit({ type: 'question', source: 'bank', question: q });
    const counts = { llm: plan.filter((q) => q.source === 'llm').length, bank: plan.filter((q) => q.source !== 'llm').length };
    const note = sourceNote({ counts, fallback: result.fallback, rejected: result.rejected, model: result.model, timeoutMs: config.timeoutMs });
    emit({ type: 'progress', stage: 'finishing', fraction: 1, message: 'Plan ready' });
    emit({ type: 'done', questions: plan, counts, fallback: result.fallback, rejected: result.rejected, model: result.model, note });
    log('info', 'questions generated', {
      ...counts,
      fallback: result.fallback,
      rejected: result.rejected,
      model: result.model,
      ms: Date.now() - started,
    });
  }
}
