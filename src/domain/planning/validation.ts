/** Checks on a plan request, with messages a host can act on. */
import { ARCHETYPE_IDS, DEPTH_IDS, MAX_DURATION_MIN, MIN_DURATION_MIN, type CognitiveDepth, type JobArchetype } from '../archetypes';

export function assertValidDuration(durationMin: number): void {
  if (!Number.isFinite(durationMin) || durationMin < MIN_DURATION_MIN || durationMin > MAX_DURATION_MIN) {
    throw new RangeError(
      `Interview duration must be between ${MIN_DURATION_MIN} and ${MAX_DURATION_MIN} minutes (got ${String(durationMin)}).`,
    );
  }
}

export function assertValidDepth(depth: string): asserts depth is CognitiveDepth {
  if (!(DEPTH_IDS as readonly string[]).includes(depth)) {
    throw new RangeError(`Unknown cognitive depth "${depth}" (expected one of ${DEPTH_IDS.join(', ')}).`);
  }
}

export function assertValidArchetype(archetype: string): asserts archetype is JobArchetype {
  if (!(ARCHETYPE_IDS as readonly string[]).includes(archetype)) {
    throw new RangeError(`Unknown job archetype "${archetype}".`);
  }
}

export function assertValidSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new RangeError(`Plan seed must be a finite number (got ${String(seed)}).`);
}
