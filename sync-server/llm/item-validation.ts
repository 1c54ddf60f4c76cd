/**
 * Turns one item of the model's list into a plan question, or says plainly why
 * not. The server fills in what it owns (id, provenance, tags, time limits) and
 * then holds the item to the same zod schema as the curated bank, plus the
 * checks a schema cannot express.
 */
import type { CognitiveDepth, JobArchetype } from '../../src/domain/archetypes';
import { Question, type QuestionKind } from '../../src/domain/questions';
import { formatIssues } from '../../src/domain/generation/protocol';
import { NOMINAL_MINUTES, SPOKEN_OVERHEAD_MINUTES } from '../../src/domain/planning/timing';

const KINDS: readonly QuestionKind[] = ['spoken', 'mcq', 'coding'];

/** The answer limit a question of this kind gets at this depth: the one the plan's duration was computed with. */
export function answerLimitSec(kind: QuestionKind, depth: CognitiveDepth): number {
  const minutes = NOMINAL_MINUTES[depth][kind] - (kind === 'spoken' ? SPOKEN_OVERHEAD_MINUTES : 0);
  return Math.round(minutes * 60);
}

export type ItemVerdict =
  | { ok: true; question: Question }
  | { ok: false; kind: string | null; reason: string };

export interface ItemContext {
  archetype: JobArchetype;
  depth: CognitiveDepth;
  /** Unique per generation run, so ids never collide with the bank's or an earlier run's. */
  idPrefix: string;
  position: number;
}

export function validateModelItem(raw: unknown, ctx: ItemContext): ItemVerdict {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, kind: null, reason: 'not a JSON object' };
  }
  const claimed = (raw as Record<string, unknown>).kind;
  const kind = typeof claimed === 'string' ? claimed : null;
  if (kind === null || !(KINDS as readonly string[]).includes(kind)) {
    return { ok: false, kind, reason: `unknown kind ${JSON.stringify(claimed ?? null)} (expected spoken, mcq or coding)` };
  }
  const candidate = {
    ...(raw as Record<string, unknown>),
    id: `${ctx.idPrefix}-${ctx.position + 1}`,
    source: 'llm',
    archetypes: [ctx.archetype],
    depths: [ctx.depth],
    timeLimitSec: answerLimitSec(kind as QuestionKind, ctx.depth),
  };
  const parsed = Question.safeParse(candidate);
  if (!parsed.success) return { ok: false, kind, reason: formatIssues(parsed.error, 3) };
  const semantic = semanticProblem(parsed.data);
  if (semantic) return { ok: false, kind, reason: semantic };
  return { ok: true, question: parsed.data };
}

/** What the schema cannot say: a coding task must be about the function its tests call. */
function semanticProblem(q: Question): string | null {
  if (q.kind !== 'coding') return null;
  const name = new RegExp(`(^|[^\\w$])${q.functionName.replace(/\$/g, '\\$')}(?![\\w$])`);
  if (!name.test(q.referenceSolution)) return `referenceSolution does not define ${q.functionName}`;
  if (!name.test(q.starterCode)) return `starterCode does not mention ${q.functionName}`;
  const jsonSafe = [...q.exampleTests, ...q.hiddenTests].every((t) => t.expected !== undefined);
  if (!jsonSafe) return 'a test has no expected value';
  return null;
}
