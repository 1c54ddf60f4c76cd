/**
 * The scoring worker's core, shared by the browser entry (scoring.worker.ts)
 * and the Node entry (node-worker.ts): one request in, one response out.
 */
import { checkAccuracyModel, checkRatedAnswers, createSpokenScorer, scoreMcq, ScoringInputError, type AccuracyModel, type RatedAnswer } from '../../src/domain/scoring';
import { FITTED_ACCURACY_MODEL } from '../../src/domain/scoring/fitted-model';
import { analyze } from '../../src/domain/scoring/text';
import { isScoringRequest, SCORING_PROTOCOL_VERSION, type ScoringRequest, type ScoringResponse } from './protocol';

const v = SCORING_PROTOCOL_VERSION;

export function createScoringHandler(now: () => number = () => performance.now()): (message: unknown) => ScoringResponse {
  let model: AccuracyModel = FITTED_ACCURACY_MODEL;
  let scorer = createSpokenScorer({ model });
  let rated: readonly RatedAnswer[] = [];

  const run = (req: ScoringRequest): ScoringResponse => {
    const t0 = now();
    const elapsed = () => now() - t0;
    switch (req.type) {
      case 'warm-up':
        // Analysing any text parses wink's model once.
        analyze('warm up');
        return { v, id: req.id, type: 'ready', modelVersion: model.version, elapsedMs: elapsed() };
      case 'set-model': {
        checkAccuracyModel(req.model);
        model = req.model;
        scorer = createSpokenScorer({ model });
        return { v, id: req.id, type: 'model-set', modelVersion: model.version, elapsedMs: elapsed() };
      }
      case 'set-rated-answers': {
        checkRatedAnswers(req.answers);
        rated = req.answers;
        return { v, id: req.id, type: 'rated-answers-set', count: rated.length, elapsedMs: elapsed() };
      }
      case 'score-spoken': {
        // Rated answers sent with the request win over the stored set (tests and the benchmark draw their own).
        const input = req.input && typeof req.input === 'object' ? req.input : null;
        const score = scorer.score(input && input.ratedAnswers === undefined ? { ...input, ratedAnswers: rated } : (input as never));
        return { v, id: req.id, type: 'spoken-scored', score, elapsedMs: elapsed() };
      }
      case 'score-mcq': {
        const q = req.question;
        if (!q || !Array.isArray(q.options) || !Number.isInteger(q.correctIndex) || q.correctIndex < 0 || q.correctIndex >= q.options.length)
          throw new ScoringInputError('score-mcq needs a question with options and a valid correctIndex.');
        return { v, id: req.id, type: 'mcq-scored', score: scoreMcq(q, req.chosenIndex), elapsedMs: elapsed() };
      }
    }
  };

  return (message: unknown): ScoringResponse => {
    if (!isScoringRequest(message)) {
      const rec = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
      const id = Number.isInteger(rec.id) ? (rec.id as number) : null;
      if (rec.v !== undefined && rec.v !== v)
        return { v, id, type: 'error', code: 'version-mismatch', message: `Scoring protocol ${String(rec.v)} is not supported; this worker speaks version ${v}.` };
      return { v, id, type: 'error', code: 'bad-request', message: `Not a scoring request (type ${JSON.stringify(rec.type ?? null)}).` };
    }
    try {
      return run(message);
    } catch (err) {
      const bad = err instanceof ScoringInputError;
      return { v, id: message.id, type: 'error', code: bad ? 'bad-input' : 'internal', message: err instanceof Error ? err.message : String(err) };
    }
  };
}
