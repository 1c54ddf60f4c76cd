import type { CognitiveDepth, JobArchetype } from '../archetypes';

/** What the host asked for; the seed makes the plan reproducible. */
export interface PlanRequest {
  archetype: JobArchetype;
  depth: CognitiveDepth;
  durationMin: number;
  seed: number;
}

/** How many questions of each kind an interview gets, and how long they take. */
export interface PlanMix {
  spoken: number;
  mcq: number;
  coding: number;
  /** Whole minutes, including the technical check and intro; never above the requested duration. */
  estimatedMinutes: number;
}
