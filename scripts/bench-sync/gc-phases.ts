/**
 * What a server's GC pauses in the measured window were made of (bench:sync --gc-phases): V8's `--trace-gc-nvp`
 * lines, which the server prints for the window only (answer-bench-parent.ts turns the flag on at the window's start
 * and off at its end, the same for both servers), parsed here into each pause's phases.
 *
 * Why: a stall the bench puts down to "mark-compact 18.9" can be V8 finishing, inside the pause, marking that its
 * concurrent helpers had not done (they share the cores with the load generators), or copying objects out of
 * fragmented pages (evacuate), or updating the pointers to them; each has a different cure (less old-generation work
 * at the mark-compact: fewer objects, fewer old-to-young pointers, less garbage left in old pages). The incremental
 * marking steps that ran before the pause (their count and the longest step) are in the mark-compact's line too.
 *
 * A line looks like `[1234:0x55d…]     5123 ms: pause=18.9 mutator=812.0 gc=mc … mark=12.1 mark.roots=0.4 …`
 * (times in ms, sizes in bytes); the field names are V8 11's (Node 20). V8's flags are the process's, so our worker
 * threads' isolates (the WAL checkpointer, compaction) print theirs too, told apart by the isolate's address in the
 * prefix. To know which isolate is the main thread's, the observer ends the trace with a scavenge of its own (after
 * the window's figures were taken): the last scavenge traced is the main thread's, and is left out of the report.
 */

/** One GC of the window: its kind (`s` scavenge, `mc` mark-compact, `mmc` minor mark-compact), pause and fields. */
export interface NvpRecord {
  /** The isolate's address as V8 prints it ("0x55d0c3a4e000"): the main thread's or a worker's. */
  isolate: string;
  /** ms since the isolate started, when V8 printed it (the GC's end). */
  atMs: number;
  kind: string;
  pauseMs: number;
  fields: Record<string, number>;
}

const LINE = /^\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: (.*)$/;

/** The nvp records in a process's standard output (other lines are left alone). */
export function parseNvp(text: string): NvpRecord[] {
  const records: NvpRecord[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    const fields: Record<string, number> = {};
    let kind = '';
    for (const pair of m[3]!.split(' ')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const key = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (key === 'gc') kind = value;
      else {
        const n = Number(value.replace(/%$/, ''));
        if (Number.isFinite(n)) fields[key] = n;
      }
    }
    if (!kind || fields.pause === undefined) continue;
    records.push({ isolate: m[1]!, atMs: Number(m[2]), kind, pauseMs: fields.pause, fields });
  }
  return records;
}

/**
 * The main thread's records and the worker threads', by the marker: the last scavenge traced is the one the observer
 * made on the main thread at the trace's end (answer-bench-parent.ts), so its isolate is the main one; the marker
 * itself is left out. Without a marker (no scavenge traced), every record counts as the main thread's.
 */
export function splitByIsolate(records: readonly NvpRecord[]): { main: NvpRecord[]; workers: NvpRecord[] } {
  let marker = -1;
  for (let i = records.length - 1; i >= 0; i--) {
    if (records[i]!.kind === 's') {
      marker = i;
      break;
    }
  }
  if (marker < 0) return { main: [...records], workers: [] };
  const main = records[marker]!.isolate;
  return {
    main: records.filter((r, i) => i !== marker && r.isolate === main),
    workers: records.filter((r) => r.isolate !== main),
  };
}

/** A mark-compact's top-level phases, in the order V8 runs them. */
const MC_PHASES = ['prologue', 'mark', 'clear', 'evacuate', 'sweep', 'finish', 'epilogue'] as const;
/** What each top-level phase is called in the report, and the sub-phases worth naming. */
const MC_NAMES: Record<(typeof MC_PHASES)[number], { name: string; parts: Array<[string, string]> }> = {
  prologue: { name: 'prologue', parts: [] },
  mark: { name: 'marking left for the pause', parts: [['mark.roots', 'roots'], ['mark.full_closure_parallel', 'closure'], ['mark.finish_incremental', 'finishing incremental']] },
  clear: { name: 'clear', parts: [['clear.weak_references', 'weak references'], ['clear.weak_collections', 'weak collections'], ['clear.maps', 'maps']] },
  evacuate: { name: 'evacuate', parts: [['evacuate.copy', 'copy'], ['evacuate.update_pointers', 'update pointers']] },
  sweep: { name: 'sweep', parts: [] },
  finish: { name: 'finish', parts: [['finish.sweep_array_buffers', 'sweeping array buffers']] },
  epilogue: { name: 'epilogue', parts: [] },
};
const INCREMENTAL_EXTRAS: Array<[string, string]> = [
  ['incremental.sweep_array_buffers', 'sweeping array buffers'],
  ['incremental.finalize.external.prologue', 'embedder prologue'],
  ['incremental.embedder_tracing', 'embedder tracing'],
];
const SCAVENGE_PHASES: Array<[string, string]> = [
  ['scavenge.roots', 'roots'],
  ['scavenge.parallel', 'copying (with the helpers)'],
  ['scavenge.weak', 'weak'],
  ['scavenge.weak_global_handles.process', 'global handles'],
  ['scavenge.update_refs', 'update refs'],
  ['scavenge.free_remembered_set', 'free remembered set'],
];

const ms = (x: number) => x.toFixed(1);
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** "18.9 ms = marking left for the pause 12.1 (roots 0.4, closure 11.6), evacuate 5.0 (copy 3.0, …), other 0.3". */
export function describeMarkCompact(r: NvpRecord): string {
  const f = r.fields;
  const parts: string[] = [];
  let named = 0;
  for (const phase of MC_PHASES) {
    const t = f[phase] ?? 0;
    named += t;
    if (t < 0.1) continue;
    const { name, parts: subs } = MC_NAMES[phase];
    const inner = subs.filter(([k]) => (f[k] ?? 0) >= 0.1).map(([k, label]) => `${label} ${ms(f[k]!)}`);
    parts.push(`${name} ${ms(t)}${inner.length ? ` (${inner.join(', ')})` : ''}`);
  }
  // V8 prints some phases rounded to whole ms: a rest under half a ms is rounding, not a phase.
  const other = r.pauseMs - named;
  if (other >= 0.5) parts.push(`other ${ms(other)}`);
  const steps = f.incremental_steps_count ?? 0;
  // Main-thread work of the incremental phase that is not marking: finishing the sweep of the array buffers' backing
  // stores (every Buffer a socket read made), the embedder's callbacks at the start of finalisation.
  const extras = INCREMENTAL_EXTRAS.filter(([k]) => (f[k] ?? 0) >= 1).map(([k, label]) => `${label} ${ms(f[k]!)}`);
  const incremental = steps
    ? `; before it ${steps} incremental marking steps over ${ms(f.incremental_walltime_duration ?? 0)} ms (${ms(f.incremental ?? 0)} on this thread${extras.length ? `: ${extras.join(', ')}` : ''}), the longest ${ms(f.incremental_longest_step ?? 0)}`
    : '; not incremental (all its marking in the pause)';
  const heap = f.total_size_before !== undefined && f.total_size_after !== undefined ? `; heap ${kb(f.total_size_before)} → ${kb(f.total_size_after)}` : '';
  return `${ms(r.pauseMs)} ms = ${parts.join(', ')}${incremental}${heap}`;
}

/** "12.6 ms = copying (with the helpers) 11.9, roots 0.3; survived 310 KB, promoted 2,861 KB". */
export function describeScavenge(r: NvpRecord): string {
  const f = r.fields;
  const parts = SCAVENGE_PHASES.filter(([k]) => (f[k] ?? 0) >= 0.1).map(([k, label]) => `${label} ${ms(f[k]!)}`);
  const other = r.pauseMs - (f.scavenge ?? 0);
  if (other >= 0.15) parts.push(`outside the scavenge proper ${ms(other)}`);
  const bytes = f.promoted !== undefined ? `; survived ${kb(f.new_space_survived ?? 0)}, promoted ${kb(f.promoted)}` : '';
  return `${ms(r.pauseMs)} ms = ${parts.join(', ')}${bytes}`;
}

/**
 * The report's lines: per kind, the count and the longest pauses (at most `top` each) with their phases, and over
 * the window the mark-compacts' phases summed and the longest incremental marking step.
 */
export function describeGcPhases(traced: readonly NvpRecord[], top = 3): string[] {
  const { main: records, workers } = splitByIsolate(traced);
  const workerLine = workers.length
    ? [`GC phases, worker threads (their own heaps; they do not stop the main thread): ${workers.length}× (longest ${ms(Math.max(...workers.map((r) => r.pauseMs)))} ms)`]
    : [];
  if (records.length === 0) return ['GC phases in the window: no GC traced on the main thread', ...workerLine];
  const mcs = records.filter((r) => r.kind === 'mc');
  const scavenges = records.filter((r) => r.kind === 's');
  const others = records.filter((r) => r.kind !== 'mc' && r.kind !== 's');
  const byPause = (a: NvpRecord, b: NvpRecord) => b.pauseMs - a.pauseMs;
  const lines: string[] = [];
  if (mcs.length) {
    const sum = (k: string) => mcs.reduce((n, r) => n + (r.fields[k] ?? 0), 0);
    const total = mcs.reduce((n, r) => n + r.pauseMs, 0);
    const longestStep = Math.max(...mcs.map((r) => r.fields.incremental_longest_step ?? 0));
    lines.push(
      `GC phases, mark-compact ${mcs.length}× (pauses ${ms(total)} ms: marking ${ms(sum('mark'))}, evacuate ${ms(sum('evacuate'))}, clear ${ms(sum('clear'))}, ` +
        `sweep ${ms(sum('sweep'))}, finish ${ms(sum('finish'))}; incremental steps ${sum('incremental_steps_count')}, the longest ${ms(longestStep)} ms, ` +
        `sweeping array buffers ${ms(sum('incremental.sweep_array_buffers') + sum('finish.sweep_array_buffers'))} ms), longest:`,
    );
    for (const r of [...mcs].sort(byPause).slice(0, top)) lines.push(`  ${describeMarkCompact(r)}`);
  }
  if (scavenges.length) {
    const total = scavenges.reduce((n, r) => n + r.pauseMs, 0);
    lines.push(`GC phases, scavenge ${scavenges.length}× (pauses ${ms(total)} ms), longest:`);
    for (const r of [...scavenges].sort(byPause).slice(0, top)) lines.push(`  ${describeScavenge(r)}`);
  }
  if (others.length) lines.push(`GC phases, other kinds: ${others.map((r) => `${r.kind} ${ms(r.pauseMs)} ms`).join(', ')}`);
  return [...lines, ...workerLine];
}
