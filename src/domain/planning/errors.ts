import { archetypeLabel, depthLabel, type CognitiveDepth, type JobArchetype } from '../archetypes';
import type { QuestionKind } from '../questions';

const KIND_LABEL: Record<QuestionKind, string> = { spoken: 'spoken', mcq: 'multiple-choice', coding: 'coding' };

/**
 * The bank has nothing (more) to offer for this archetype, depth and kind. The
 * message is shown to the host as it is, so it names the role and depth as the
 * planning form does and says what to do instead.
 */
export class BankExhaustedError extends Error {
  constructor(
    readonly archetype: JobArchetype,
    readonly depth: CognitiveDepth,
    readonly kind: QuestionKind | null,
  ) {
    const role = `${archetypeLabel(archetype)} interviews at ${depthLabel(depth)} depth`;
    super(
      kind === null
        ? `The built-in question bank has no questions for ${role} yet. Add your own questions instead.`
        : `The built-in question bank has no other ${KIND_LABEL[kind]} question for ${role}: all of them are already in this plan. Edit this question or add your own instead.`,
    );
    this.name = 'BankExhaustedError';
  }
}

/**
 * No bank on this device yet. It holds the answer keys, so it is not part of the app: a host's device downloads
 * it with the host link (and keeps it for offline planning).
 */
export class BankNotLoadedError extends Error {
  /** `refusedLink`: the server's sentence for a link it refused (src/domain/link-errors.ts), which says what to do. */
  constructor(detail?: string, refusedLink?: string) {
    super(
      refusedLink
        ? `${refusedLink} Until then the question bank cannot come to this device; you can still add your own questions.`
        : `The question bank is not on this device yet${detail ? ` (${detail})` : ''}. Open the host link the InterQ server printed once while online: this device then keeps the bank and plans offline too. You can still add your own questions.`,
    );
    this.name = 'BankNotLoadedError';
  }
}
