/**
 * bench:sync --profile-server with --trace-long-tasks (scripts/bench-sync/stall-stacks.ts): the code a CPU profile
 * caught inside the turns that ran longest on the CPU, the turns' times moved from the server's performance.now()
 * to the profile's monotonic clock.
 */
import { describe, expect, it } from 'vitest';
import { describeStallStacks, longTurnsAsStalls, type CpuProfile } from '../../scripts/bench-sync/stall-stacks';
import type { LongTaskReport } from '../../sync-server/long-tasks';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

describe('stall stacks of the long turns on the CPU', () => {
  it('puts each turn on the profile clock and names the code sampled inside it, leaving out turns short on the CPU', () => {
    // performance.now() 1000 ms was monotonic 5,000,000 µs: the clocks differ by 4,000,000 µs.
    const report: LongTaskReport = {
      thresholdMs: 8,
      periodMs: 30_000,
      spansOverWall: 2,
      spansOverCpu: 1,
      longest: [
        { at: 2000, wallMs: 10, cpuMs: 9.5, parts: 'immediate runSlice 1× 10.0 ms', gc: 'no GC' },
        { at: 3000, wallMs: 20, cpuMs: 2, parts: 'socket read 100× 20 ms', gc: 'no GC' },
      ],
      byLabel: {},
      gc: {},
    };
    const turns = longTurnsAsStalls(report, 1000, 5_000_000);
    expect(turns).toEqual([{ startUs: 6_000_000, endUs: 6_010_000, ms: 10, gc: 'no GC; 9.5 ms on the CPU' }]);
    // Samples every 1 ms from 5,995,000 µs: five before the turn (idle), ten inside it in insertRow.
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 3] },
        { id: 2, callFrame: frame('(idle)') },
        { id: 3, callFrame: frame('insertRow', 'file:///srv/collab/doc-store.js') },
      ],
      startTime: 5_994_000,
      endTime: 6_012_000,
      samples: [2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2],
      timeDeltas: new Array<number>(16).fill(1000),
    };
    const lines = describeStallStacks(profile, turns, 0);
    expect(lines[0]).toMatch(/^stall 10\.0 ms at \+0\.006 s of the window \[no GC; 9\.5 ms on the CPU\]/);
    // The ten samples inside it, not the idle ones before it.
    expect(lines[0]).toContain('JavaScript 10.0 ms');
    expect(lines.join('\n')).toContain('10.0 ms  insertRow collab/doc-store.js');
  });
});
