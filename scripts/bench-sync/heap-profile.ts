/**
 * What a V8 sampling heap profile (bench:sync --heap-profile-server) says in a line or two: the window's allocation
 * per update, and the allocation sites that made most of it (a site is the function that allocated, with the file
 * and line, as DevTools' "Self size" column adds them up). Sampled: about one sample per 4 KiB, so a site below a few
 * hundred bytes per update is noise. The profiler's own allocations (node:inspector, building the profile when it
 * stops) are left out.
 */

/** The parts of a `.heapprofile` (HeapProfiler.SamplingHeapProfile) read here. */
export interface SamplingHeapProfile {
  head: HeapProfileNode;
}

interface HeapProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapProfileNode[];
}

function frameName(node: HeapProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  return url ? `${name} ${url.slice(url.lastIndexOf('/') + 1)}:${lineNumber + 1}` : name;
}

/** A built-in (no script: `Map`, `push`) is named with the script function that called it, which says more. */
function siteName(node: HeapProfileNode, caller: string | null): string {
  return node.callFrame.url || caller === null ? frameName(node) : `${frameName(node)} in ${caller}`;
}

/** Bytes allocated per update in all, and the `top` sites by bytes per update. */
export function allocationPerUpdate(profile: SamplingHeapProfile, updates: number, top = 8): { total: number; sites: Array<[string, number]> } {
  const bySite = new Map<string, number>();
  let total = 0;
  // Each node with the nearest script function above it.
  const stack: Array<[HeapProfileNode, string | null]> = [[profile.head, null]];
  while (stack.length > 0) {
    const [node, caller] = stack.pop()!;
    // The profiler's own answer (the profile being built when it stops) is not the server's.
    if (node.callFrame.url === 'node:inspector') continue;
    if (node.selfSize > 0) {
      total += node.selfSize;
      const site = siteName(node, caller);
      bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    }
    const below = node.callFrame.url ? frameName(node) : caller;
    for (const child of node.children) stack.push([child, below]);
  }
  const per = (bytes: number) => bytes / Math.max(1, updates);
  const sites = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top).map(([site, bytes]) => [site, per(bytes)] as [string, number]);
  return { total: per(total), sites };
}

/** One line: "N KB per update; site a B, site b B, …". */
export function describeAllocation(profile: SamplingHeapProfile, updates: number, top = 8): string {
  const { total, sites } = allocationPerUpdate(profile, updates, top);
  return `${(total / 1024).toFixed(1)} KB per update; most by: ${sites.map(([site, b]) => `${site} ${b.toFixed(0)} B`).join(', ')}`;
}
