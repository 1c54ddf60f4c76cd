/**
 * bench:sync --heap-profile-server's summary (scripts/bench-sync/heap-profile.ts): bytes per update in all and by
 * allocation site, a built-in named with the script function that called it.
 */
import { describe, expect, it } from 'vitest';
import { allocationPerUpdate, describeAllocation, type SamplingHeapProfile } from '../../scripts/bench-sync/heap-profile';

type Node = SamplingHeapProfile['head'];
const node = (functionName: string, url: string, lineNumber: number, selfSize: number, children: Node[] = []): Node => ({
  callFrame: { functionName, url, lineNumber },
  selfSize,
  children,
});

// (root) -> handle (server.mjs:11) -> Map (built-in) 4000 B, and handle's own 1000 B;
// (root) -> relay (server.mjs:21) -> Map (built-in) 2000 B; (root) -> push (built-in, no script caller) 500 B;
// (root) -> post (node:inspector) 9000 B and what it called, 3000 B: left out.
const profile: SamplingHeapProfile = {
  head: node('(root)', '', -1, 0, [
    node('handle', 'file:///srv/server.mjs', 10, 1000, [node('Map', '', -1, 4000)]),
    node('relay', 'file:///srv/server.mjs', 20, 0, [node('Map', '', -1, 2000)]),
    node('push', '', -1, 500),
    // The profiler building its answer: not the server's.
    node('post', 'node:inspector', 111, 9000, [node('(V8 API)', '', -1, 3000)]),
  ]),
};

describe('heap profile summary', () => {
  it('divides by the updates, names a built-in by its script caller and leaves the profiler out', () => {
    const { total, sites } = allocationPerUpdate(profile, 10);
    expect(total).toBe(750);
    expect(sites).toEqual([
      ['Map in handle server.mjs:11', 400],
      ['Map in relay server.mjs:21', 200],
      ['handle server.mjs:11', 100],
      ['push', 50],
    ]);
  });

  it('keeps the largest sites only', () => {
    expect(describeAllocation(profile, 10, 2)).toBe('0.7 KB per update; most by: Map in handle server.mjs:11 400 B, Map in relay server.mjs:21 200 B');
  });
});
