import type { CognitiveDepth, JobArchetype } from '../archetypes';
import type { QuestionKind } from '../questions';

const KIND_LABEL: Record<QuestionKind, string> = { spoken: 'spoken', mcq: 'multiple-choice', coding: 'coding' };

/** The bank has nothing (more) to offer for this archetype, depth and kind. */
export class BankExhaustedError extends Error {
  constructor(
    readonly archetype: JobArchetype,
    readonly depth: CognitiveDepth,
    readonly kind: QuestionKind | null,
  ) {
    super(
      kind === null
        ? `The offline bank has no questions for ${archetype} at ${depth} depth.`
        : `The offline bank has no other ${KIND_LABEL[kind]} question for ${archetype} at ${depth} depth that is not already in the plan.`,
    );
    this.name = 'BankExhaustedError';
  }
}
