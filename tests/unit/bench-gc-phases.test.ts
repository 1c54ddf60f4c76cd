/**
 * bench:sync --gc-phases (scripts/bench-sync/gc-phases.ts, tests/support/answer-bench-parent.ts): V8's --trace-gc-nvp
 * lines, turned on and off at run time in a real process through the bench's observer, parsed into each GC's phases.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeGcPhases, describeMarkCompact, describeScavenge, parseNvp, splitByIsolate } from '../../scripts/bench-sync/gc-phases';

const ROOT = path.resolve(__dirname, '../..');

// Two lines our server printed in a 500-session window (bench:sync, 2026-12-06, loaded machine).
const MARK_COMPACT = '[13895:0x2cf42ff0]    59861 ms: pause=43.6 mutator=138.1 gc=mc reduce_memory=0 time_to_safepoint=0.00 heap.prologue=0.00 heap.embedder_tracing_epilogue=0.04 heap.epilogue=0.00 heap.epilogue.reduce_new_space=0.00 heap.external.prologue=0.0 heap.external.epilogue=0.0 heap.external.weak_global_handles=0.0 clear=1 clear.external_string_table=0.0 clear.string_forwarding_table=0.0 clear.weak_global_handles=0.1 clear.dependent_code=0.0 clear.maps=0.0 clear.slots_buffer=0.0 clear.weak_collections=0.0 clear.weak_lists=0.1 clear.weak_references=1.3 clear.join_job=0.2 complete.sweep_array_buffers=0.0 complete.sweeping=0.0 epilogue=0.0 evacuate=9.1 evacuate.candidates=0.0 evacuate.clean_up=0.0 evacuate.copy=6.2 evacuate.prologue=0.6 evacuate.epilogue=0.0 evacuate.rebalance=0.1 evacuate.update_pointers=2.1 evacuate.update_pointers.to_new_roots=0.5 evacuate.update_pointers.slots.main=1.6 evacuate.update_pointers.weak=0.0 finish=0.1 finish.sweep_array_buffers=0.0 mark=33.0 mark.finish_incremental=0.0 mark.roots=3.9 mark.full_closure_parallel=29.6 mark.full_closure=0.0 mark.ephemeron.marking=0.1 mark.ephemeron.linear=0.0 mark.embedder_prologue=0.0 mark.embedder_tracing=0.0 prologue=0.0 sweep=0.3 sweep.code=0.0 sweep.map=0.0 sweep.new=0.0 sweep.new_lo=0.0 sweep.old=0.2 incremental=103.5 incremental.finalize=0.0 incremental.finalize.external.prologue=0.0 incremental.finalize.external.epilogue=0.0 incremental.layout_change=0.0 incremental.sweep_array_buffers=4.0 incremental.sweeping=0.0 incremental.embedder_prologue=0.0 incremental.embedder_tracing=0.3 incremental_wrapper_tracing_longest_step=0.0 incremental_longest_step=10.1 incremental_steps_count=389 incremental_marking_throughput=187418 incremental_walltime_duration=180 background.mark=611.8 background.sweep=0.1 background.evacuate.copy=1.1 background.evacuate.update_pointers=2.8 background.unmapper=0.0 unmapper=0.0 total_size_before=90601768 total_size_after=74874736 holes_size_before=880136 holes_size_after=315856 allocated=693592 promoted=678536 new_space_survived=0 nodes_died_in_new=0 nodes_copied_in_new=0 nodes_promoted=0 promotion_ratio=25.1% average_survival_ratio=24.1% promotion_rate=38.4% new_space_survive_rate=0.0% new_space_allocation_throughput=12775.2 unmapper_chunks=0 compaction_speed=338056';
const SCAVENGE = '[13895:0x2cf42ff0]    71648 ms: pause=114.7 mutator=1080.2 gc=s reduce_memory=0 time_to_safepoint=0.00 heap.prologue=0.00 heap.epilogue=0.00 heap.epilogue.reduce_new_space=0.00 heap.external.prologue=0.00 heap.external.epilogue=0.00 heap.external_weak_global_handles=0.00 fast_promote=0.00 complete.sweep_array_buffers=0.00 scavenge=114.52 scavenge.free_remembered_set=0.69 scavenge.roots=0.05 scavenge.weak=0.00 scavenge.weak_global_handles.identify=0.00 scavenge.weak_global_handles.process=0.00 scavenge.parallel=113.18 scavenge.update_refs=0.00 scavenge.sweep_array_buffers=0.01 background.scavenge.parallel=39.22 background.unmapper=0.00 unmapper=0.00 incremental.steps_count=0 incremental.steps_took=0.0 scavenge_throughput=413817 total_size_before=93544264 total_size_after=82812832 holes_size_before=10325568 holes_size_after=8805496 allocated=12353584 promoted=1498232 new_space_survived=1573904 nodes_died_in_new=0 nodes_copied_in_new=0 nodes_promoted=0 promotion_ratio=10.7% average_survival_ratio=23.2% promotion_rate=99.6% new_space_survive_rate_=11.3% new_space_allocation_throughput=13337.3 unmapper_chunks=0';

describe('GC phases from --trace-gc-nvp', () => {
  it('reads a mark-compact into the marking left for its pause, evacuation and the incremental steps before it', () => {
    const [r] = parseNvp(`some other output\n${MARK_COMPACT}\n`);
    expect(r).toMatchObject({ isolate: '0x2cf42ff0', atMs: 59861, kind: 'mc', pauseMs: 43.6 });
    expect(describeMarkCompact(r!)).toBe(
      '43.6 ms = marking left for the pause 33.0 (roots 3.9, closure 29.6), clear 1.0 (weak references 1.3), ' +
        'evacuate 9.1 (copy 6.2, update pointers 2.1), sweep 0.3, finish 0.1; ' +
        'before it 389 incremental marking steps over 180.0 ms (103.5 on this thread: sweeping array buffers 4.0), the longest 10.1; heap 88478 KB → 73120 KB',
    );
  });

  it('reads a scavenge into its copying and what it kept', () => {
    const [r] = parseNvp(SCAVENGE);
    expect(r).toMatchObject({ kind: 's', pauseMs: 114.7 });
    expect(describeScavenge(r!)).toBe(
      '114.7 ms = copying (with the helpers) 113.2, free remembered set 0.7, outside the scavenge proper 0.2; survived 1537 KB, promoted 1463 KB',
    );
  });

  it('traces only between on and off, the main thread apart from a worker, in a real process through the bench observer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-phases-'));
    const child = path.join(dir, 'child.mts');
    // The observer answers IPC; here the messages come from the process itself (process.emit), as the bench's would.
    // While traced: one forced mark-compact on the main thread, four in a worker thread's isolate, and scavenges.
    fs.writeFileSync(
      child,
      `import { Worker } from 'node:worker_threads';
import { answerBenchParent } from ${JSON.stringify(path.join(ROOT, 'tests/support/answer-bench-parent.ts'))};
process.send = ((m: unknown) => true) as typeof process.send;
answerBenchParent(() => {}, () => ({}));
const gc = (globalThis as { gc?: () => void }).gc!;
gc();
process.emit('message' as never, { type: 'gc-trace-on' } as never);
gc();
let keep: unknown[] = [];
for (let i = 0; i < 200_000; i++) keep.push({ i, s: String(i) });
keep = [];
const worker = new Worker('for (let i = 0; i < 4; i++) globalThis.gc(); require("node:worker_threads").parentPort.postMessage("done")', { eval: true });
await new Promise((resolve) => worker.once('message', resolve));
await worker.terminate();
process.emit('message' as never, { type: 'gc-trace-off' } as never);
gc(); gc(); gc();
process.exit(0);
`,
    );
    try {
      const out = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', '--max-semi-space-size=1', child], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(out.status, out.stderr).toBe(0);
      const records = parseNvp(out.stdout);
      const { main, workers } = splitByIsolate(records);
      // The one forced while on (not the one before, nor the three after), and the scavenges the allocation made.
      const mcs = main.filter((r) => r.kind === 'mc');
      expect(mcs.length).toBeGreaterThanOrEqual(1);
      expect(mcs.length).toBeLessThan(4);
      expect(main.filter((r) => r.kind === 's').length).toBeGreaterThan(0);
      // The worker's four, on an isolate of its own. Other threads' isolates may trace too (tsx's module-loader
      // thread, which Node runs as an isolate of its own, scavenged inside the window in one full run): the four are
      // looked for on one isolate, not in all that are not the main thread's.
      const mcsByIsolate = new Map<string, number>();
      for (const r of workers) if (r.kind === 'mc') mcsByIsolate.set(r.isolate, (mcsByIsolate.get(r.isolate) ?? 0) + 1);
      const workerIsolates = [...mcsByIsolate].filter(([, n]) => n >= 4).map(([isolate]) => isolate);
      expect(workerIsolates).toHaveLength(1);
      expect(workerIsolates[0]).not.toBe(main[0]!.isolate);
      expect(workers.every((r) => r.isolate !== main[0]!.isolate)).toBe(true);
      // The marker (the observer's scavenge at the end) is not counted.
      expect(main.length + workers.length).toBe(records.length - 1);
      const lines = describeGcPhases(records);
      expect(lines[0]).toMatch(/^GC phases, mark-compact \d+× \(pauses [\d.]+ ms: marking /);
      expect(lines.some((l) => l.startsWith('GC phases, scavenge '))).toBe(true);
      expect(lines.at(-1)).toMatch(/^GC phases, worker threads .*: \d+× \(longest [\d.]+ ms\)$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when nothing was traced', () => {
    expect(describeGcPhases(parseNvp('ready 1234\n'))).toEqual(['GC phases in the window: no GC traced on the main thread']);
  });
});
