/** The name of a garbage collection's kind, from a Node 'gc' performance entry's `detail.kind`. */
import { constants } from 'node:perf_hooks';

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks',
};

export function gcKindName(kind: number | undefined): string {
  return GC_KINDS[kind ?? 0] ?? 'other';
}
