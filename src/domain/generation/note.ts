/**
 * The plain-language note the host reads after generating: who wrote the
 * questions and, when the offline bank stepped in, why. Shared by the server and
 * the browser's offline path so both say the same thing the same way.
 */
import type { QuestionSource } from '../questions';
import type { FallbackReason, SourceCounts } from './protocol';

/** Why the bank stepped in, as a clause that reads after "because". */
export function fallbackReasonText(reason: FallbackReason, timeoutMs?: number): string {
  switch (reason) {
    case 'no-key':
      return 'no AI service is configured on the sync server';
    case 'timeout':
      return timeoutMs
        ? `the AI service did not finish within ${formatSeconds(timeoutMs)}`
        : 'the AI service took too long to answer';
    case 'network':
      return 'the sync server could not reach the AI service';
    case 'rate-limited':
      return 'the AI service is rate-limiting requests right now';
    case 'server-error':
      return 'the AI service reported an internal error';
    case 'invalid-output':
      return "the AI service's answer was not usable (not valid JSON or not in the question format)";
    case 'auth-failed':
      return 'the AI service refused the API key configured on the sync server';
    case 'refused':
      return 'the AI service refused the request (check the model name and base URL on the sync server)';
    case 'offline':
      return 'this device could not reach the sync server';
    case 'unavailable':
      return 'the sync server could not run the question generator';
    case 'no-host-link':
      return 'this device has no host link yet, so no AI service was asked (open the host link the server printed to use one)';
  }
}

/** "The AI service did not finish within 30 seconds." */
export function fallbackSentence(reason: FallbackReason, timeoutMs?: number): string {
  const clause = fallbackReasonText(reason, timeoutMs);
  return `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;
}

export interface NoteInput {
  counts: SourceCounts;
  fallback: FallbackReason | null;
  /** Model items that failed validation or repeated another question. */
  rejected: number;
  model: string | null;
  timeoutMs?: number;
}

export function sourceNote(input: NoteInput): string {
  const { counts, fallback, rejected, model } = input;
  const total = counts.llm + counts.bank;
  if (total === 0) return 'No questions could be planned.';
  const byModel = model ? `the AI model (${model})` : 'the AI model';
  const suffix = ' Each question is marked with its source.';

  if (counts.bank === 0) {
    const all = total === 1 ? 'The question was' : `All ${total} questions were`;
    const checked = rejected > 0 ? `; ${questions(rejected)} that failed the format check ${rejected === 1 ? 'was' : 'were'} left out` : '';
    return `${all} written by ${byModel} and checked against the question format${checked}.`;
  }

  const why = bankReason(input);
  if (counts.llm === 0) {
    const all = total === 1 ? 'The question comes' : `All ${total} questions come`;
    return `${all} from the offline question bank because ${why}.${suffix}`;
  }
  const llmPart = `${questions(counts.llm)} ${counts.llm === 1 ? 'was' : 'were'} written by ${byModel}`;
  const bankPart = `${counts.bank} ${counts.bank === 1 ? 'comes' : 'come'} from the offline question bank because ${why}`;
  return `${capitalize(llmPart)}; ${bankPart}.${suffix}`;
}

/** What the generator said when it made the plan (the done event without its questions), kept with the plan. */
export interface GenerationRecord {
  note: string;
  counts: SourceCounts;
  fallback: FallbackReason | null;
  rejected: number;
  model: string | null;
}

/**
 * The note for the plan as it is now: the host may have added, removed or replaced questions since it was
 * generated, and "All 8 questions come from the bank" must not stay once a ninth of the host's is there. While
 * the plan still holds what the generator counted, its own note is kept word for word (it may name a timeout).
 */
export function planSourceNote(plan: ReadonlyArray<{ source: QuestionSource }>, generated: GenerationRecord): string {
  const count = (source: QuestionSource) => plan.filter((q) => q.source === source).length;
  const llm = count('llm');
  const bank = count('bank');
  const host = count('host');
  if (host === 0 && llm === generated.counts.llm && bank === generated.counts.bank) return generated.note;
  const input: NoteInput = { counts: { llm, bank }, fallback: generated.fallback, rejected: generated.rejected, model: generated.model };
  if (host === 0) return sourceNote(input);
  if (llm + bank === 0) return host === 1 ? 'The question was written by you.' : `All ${host} questions were written by you.`;
  const byModel = generated.model ? `the AI model (${generated.model})` : 'the AI model';
  // As in sourceNote: the first part says "N questions", the ones after it just the number.
  const parts: Array<[number, (n: string) => string]> = [
    [llm, (n) => `${n} ${llm === 1 ? 'was' : 'were'} written by ${byModel}`],
    [bank, (n) => `${n} ${bank === 1 ? 'comes' : 'come'} from the offline question bank because ${bankReason(input)}`],
    [host, (n) => `${n} ${host === 1 ? 'was' : 'were'} added by you`],
  ];
  const sentences = parts.filter(([n]) => n > 0).map(([n, say], i) => say(i === 0 ? questions(n) : String(n)));
  return `${capitalize(sentences.join('; '))}. Each question is marked with its source.`;
}

function bankReason({ fallback, rejected, timeoutMs }: NoteInput): string {
  if (fallback) {
    const base = fallbackReasonText(fallback, timeoutMs);
    return rejected > 0 && fallback !== 'invalid-output'
      ? `${base}, and ${questions(rejected)} from the model failed the format check`
      : base;
  }
  if (rejected > 0) return `${questions(rejected)} from the model failed the format check or repeated another question`;
  return 'the model returned fewer questions than planned';
}

function questions(n: number): string {
  return n === 1 ? '1 question' : `${n} questions`;
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return s === 1 ? '1 second' : `${s} seconds`;
}
