/** What the guest's interview (GuestInterview, loaded after the first screen) tells the first screen (GuestEntry). */
import type { Stage } from '../../../domain/stage';
import type { GuestRuntime } from '../../../guest/runtime';
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';

export interface GuestLive {
  /** Null until the plan is there and the runtime opened. */
  runtime: GuestRuntime | null;
  plan: PublicPlan | null;
  status: SyncStatus | null;
  /** The stage the runtime is at; null before it opened. */
  stage: Stage | null;
  /** A notice takes the whole screen (link refused, no questions yet, storage refused, another tab runs it). */
  blocked: boolean;
}
