/**
 * What a benchmarked server's young generation took in and gave up between two asks (answer-bench-parent.ts), from
 * V8's own heap statistics before and after each GC (node:v8 GCProfiler), so bench:sync can print them per update for
 * both servers alike:
 * - allocated: bytes allocated in the young generation (how often V8 scavenges follows from it);
 * - promoted: bytes the scavenges moved to the old generation (objects that outlived two of them: what the old
 *   generation grows by, so what brings the next mark-compact);
 * - survived: bytes a scavenge kept in the young generation (copied, the scavenge's own work).
 * The same figures as `--trace-gc-nvp`'s allocated / promoted / new_space_survived, without a flag or a log to parse.
 */
import v8 from 'node:v8';

export interface YoungGenerationReport {
  scavenges: number;
  allocatedBytes: number;
  promotedBytes: number;
  survivedBytes: number;
}

/**
 * A heap space's statistics: GCProfiler writes them in camelCase (Node 20; @types/node says snake_case),
 * v8.getHeapSpaceStatistics in snake_case.
 */
type SpaceStats = ReadonlyArray<{ spaceName?: string; spaceUsedSize?: number; space_name?: string; space_used_size?: number }>;

const used = (spaces: SpaceStats, ...names: string[]): number =>
  spaces.reduce((n, s) => (names.includes(s.spaceName ?? s.space_name ?? '') ? n + (s.spaceUsedSize ?? s.space_used_size ?? 0) : n), 0);
/** The young generation, large objects included; and the spaces a scavenge promotes into. */
const young = (spaces: SpaceStats) => used(spaces, 'new_space', 'new_large_object_space');
const old = (spaces: SpaceStats) => used(spaces, 'old_space', 'large_object_space');

export class YoungGenerationMeter {
  private profiler = new v8.GCProfiler();
  /** The young generation's use when the interval began (after its last GC, or at the ask). */
  private youngAtStart = young(v8.getHeapSpaceStatistics());

  constructor() {
    this.profiler.start();
  }

  /** The figures since the last report (or since the meter started), and starts the next interval. */
  report(): YoungGenerationReport {
    const result = this.profiler.stop();
    const now = v8.getHeapSpaceStatistics();
    this.profiler = new v8.GCProfiler();
    this.profiler.start();
    const out: YoungGenerationReport = { scavenges: 0, allocatedBytes: 0, promotedBytes: 0, survivedBytes: 0 };
    let youngAfterLast = this.youngAtStart;
    for (const gc of result?.statistics ?? []) {
      const before = gc.beforeGC.heapSpaceStatistics as unknown as SpaceStats;
      const after = gc.afterGC.heapSpaceStatistics as unknown as SpaceStats;
      out.allocatedBytes += Math.max(0, young(before) - youngAfterLast);
      youngAfterLast = young(after);
      if (gc.gcType !== 'Scavenge') continue;
      out.scavenges++;
      out.promotedBytes += Math.max(0, old(after) - old(before));
      out.survivedBytes += young(after);
    }
    out.allocatedBytes += Math.max(0, young(now) - youngAfterLast);
    this.youngAtStart = young(now);
    return out;
  }
}
