/**
 * The documents of the fixed term-weighting corpus: every question of the bank, as prompt plus answer text
 * (reference answer, options, or task statement). Weights come from this one corpus everywhere (product,
 * benchmark, fit), so the same answer gets the same features in every interview.
 */
import { questionBank } from '../../src/domain/bank';

export function bankCorpusDocuments(): string[] {
  return questionBank().map((q) =>
    q.kind === 'spoken' ? `${q.prompt}\n${q.referenceAnswer}` : q.kind === 'mcq' ? `${q.prompt}\n${q.options.join('\n')}` : `${q.title}\n${q.statement}`,
  );
}
