/**
 * The bank the planner draws from, narrowed to one archetype and depth and split by kind.
 *
 * The bank holds every answer key, so the app's build never contains it: the server and tests install the
 * bank from its JSON files (src/domain/bank), a host's device installs the copy it downloaded from
 * GET /api/bank and keeps in IndexedDB (src/api/bank-client.ts). Planning before either is a clear error.
 */
import type { CognitiveDepth, JobArchetype } from '../archetypes';
import type { CodingTask, McqQuestion, Question, SpokenQuestion } from '../questions';
import { BankNotLoadedError } from './errors';
import { assertValidArchetype, assertValidDepth } from './validation';

export interface BankSlice {
  spoken: SpokenQuestion[];
  mcq: McqQuestion[];
  coding: CodingTask[];
}

let installed: readonly Question[] | null = null;
let generation = 0;
const cache = new Map<string, Readonly<BankSlice>>();

/** Makes `questions` (already checked against the question schema) the bank every planning function uses. */
export function installQuestionBank(questions: readonly Question[]): void {
  installed = questions;
  generation++;
  cache.clear();
}

export function hasQuestionBank(): boolean {
  return installed !== null;
}

/** Changes whenever another bank is installed, so caches derived from the bank (rankings) can be keyed on it. */
export function bankGeneration(): number {
  return generation;
}

/**
 * Items tagged with this archetype and depth, in bank order. Returns fresh arrays
 * (the cached slice is never handed out) so callers may sort or splice freely.
 */
export function bankFor(archetype: JobArchetype, depth: CognitiveDepth): BankSlice {
  assertValidArchetype(archetype);
  assertValidDepth(depth);
  if (!installed) throw new BankNotLoadedError();
  const key = `${archetype}/${depth}`;
  let slice = cache.get(key);
  if (!slice) {
    const items = installed.filter((q) => q.archetypes.includes(archetype) && q.depths.includes(depth));
    slice = {
      spoken: items.filter((q): q is SpokenQuestion => q.kind === 'spoken'),
      mcq: items.filter((q): q is McqQuestion => q.kind === 'mcq'),
      coding: items.filter((q): q is CodingTask => q.kind === 'coding'),
    };
    cache.set(key, slice);
  }
  return { spoken: slice.spoken.slice(), mcq: slice.mcq.slice(), coding: slice.coding.slice() };
}
