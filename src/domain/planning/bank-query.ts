/** The bank, narrowed to one archetype and depth and split by kind. */
import type { CognitiveDepth, JobArchetype } from '../archetypes';
import { questionBank } from '../bank/index';
import type { CodingTask, McqQuestion, SpokenQuestion } from '../questions';
import { assertValidArchetype, assertValidDepth } from './validation';

export interface BankSlice {
  spoken: SpokenQuestion[];
  mcq: McqQuestion[];
  coding: CodingTask[];
}

const cache = new Map<string, Readonly<BankSlice>>();

/**
 * Items tagged with this archetype and depth, in bank order. Returns fresh arrays
 * (the cached slice is never handed out) so callers may sort or splice freely.
 */
export function bankFor(archetype: JobArchetype, depth: CognitiveDepth): BankSlice {
  assertValidArchetype(archetype);
  assertValidDepth(depth);
  const key = `${archetype}/${depth}`;
  let slice = cache.get(key);
  if (!slice) {
    const items = questionBank().filter((q) => q.archetypes.includes(archetype) && q.depths.includes(depth));
    slice = {
      spoken: items.filter((q): q is SpokenQuestion => q.kind === 'spoken'),
      mcq: items.filter((q): q is McqQuestion => q.kind === 'mcq'),
      coding: items.filter((q): q is CodingTask => q.kind === 'coding'),
    };
    cache.set(key, slice);
  }
  return { spoken: slice.spoken.slice(), mcq: slice.mcq.slice(), coding: slice.coding.slice() };
}

