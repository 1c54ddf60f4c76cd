/**
 * The documents of the fixed term-weighting corpus: every question of the bank, as the guest sees it (prompt,
 * multiple-choice options, coding task statement). Weights come from this one corpus everywhere (product,
 * benchmark, fit), so the same answer gets the same features in every interview. No reference answer, key concept
 * or explanation goes in: the corpus ships in the app's scoring worker, and answer keys never leave the server.
 */
import { questionBank } from '../../src/domain/bank';

export function bankCorpusDocuments(): string[] {
  return questionBank().map((q) => (q.kind === 'spoken' ? q.prompt : q.kind === 'mcq' ? `${q.prompt}\n${q.options.join('\n')}` : `${q.title}\n${q.statement}`));
}
