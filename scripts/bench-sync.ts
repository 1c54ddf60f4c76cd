/**
 * npm run bench:sync — the collab sync server under N live sessions.
 *
 * For each N (default 10, 100, 500): a fresh server process of ours, as `npm start` composes it with every
 * production hook on a stored update (tests/support/app-process.ts; `--server collab`: the collab server alone,
 * tests/support/collab-process.ts; bench-sync/server-choice.ts), its own SQLite file, and load-generator
 * processes (scripts/bench-sync/generator.ts) running N sessions of 6 y-websocket
 * protocol clients (host, interviewer, moderator, guest, 2 audience; the
 * workload is described in scripts/bench-sync/workload.ts), all on loopback.
 * The load generators run at nice 10 (--generator-nice) so the server under test
 * is scheduled first; a probe process at normal priority holds a few sessions
 * (--probe-sessions) whose deliveries are what a client on its own device sees.
 * Reports end-to-end propagation latency p50/p99 (sender push -> receiver
 * observe, every receiving client counted), updates sent and deliveries per
 * second, server CPU and memory per session (memory measured after a GC with
 * the sessions connected and quiet), and checks that no update was lost: every
 * receiver holds every message, and so does the SQLite file after the server stopped.
 *
 * Options: --server app|collab (ours: app, the default, is the figure of record: what production runs per update;
 *          collab leaves out the hooks, to see what they cost)
 *          --sessions 10,100,500  --window 30 (s measured: keep it a whole number of the servers' 30 s ping interval,
 *          see below)  --warmup 5 (s)
 *          --generators 1  --json <file>
 *          --profile-server <dir> (a V8 CPU profile of each server's main thread over the measured window only,
 *          <kind>-<N>-sessions-window.cpuprofile; open it in Chrome DevTools. The profiler costs CPU: compare CPU per
 *          update from runs without it)
 *          --cpu-prof-interval <µs> (with --profile-server: V8's sampling interval, default about 1000 µs; 250 names
 *          short per-update work, at a higher profiling cost)
 *          --heap-profile-server <dir> (V8's sampling heap profile of each server over the measured window only: where
 *          it allocated, every allocation counted whether it died young or not, <kind>-<N>-sessions-window.heapprofile;
 *          open it in Chrome DevTools' Memory tab; the bytes per update by allocation site are printed too. Allocation
 *          is what sets how often V8 scavenges; the profile is a sample, about one per 4 KiB)
 *          --heap-profile-survivors (with --heap-profile-server: only the samples of objects that no scavenge collected:
 *          alive at the window's end, or promoted and collected by a mark-compact; V8's sampling heap profiler with
 *          includeObjectsCollectedByMinorGC off. What the young generation kept, by allocation site, which heap
 *          snapshots cannot show for objects living a second or two. Samples of objects allocated after the last
 *          scavenge stay in too, whether alive or not: about one scavenge's worth of allocation)
 *          --heap-snapshots-server <dir> (full heap snapshots of each server at the window's offsets given by
 *          --heap-snapshot-at, default 5,15 s of the server's running time (the time it is stopped writing one is not
 *          counted, so the window is longer by that): <kind>-<N>-sessions-run<R>-at<S>s.heapsnapshot; the objects the last has
 *          that the first had not, grouped by kind and by retainer path per update, are printed
 *          (bench-sync/heap-snapshot-diff.ts): what the server kept of what it allocated in between, which is what
 *          its old generation holds and marks. Each snapshot stops the server for a second or more (over a minute
 *          for ours at 500 sessions on a busy machine), so that run's latencies, loop and CPU figures are not
 *          comparable with other runs; a stop past 30 s also lets every presence time out, so renewed presence shows up
 *          as new)
 *          --generator-nice N (default 10: the load generators run at that niceness, so on a machine with fewer cores
 *          than processes the server under test is scheduled first. Absolute: the servers run at the bench's own
 *          niceness, so under `nice -n 5` the default is a gap of 5; the header line prints both and the gap)
 *          --generator-slice-us N (the load generators' threads ask the kernel's EEVDF scheduler for an N µs time slice
 *          instead of its default, 1.4 ms on 2 cores, at the same niceness: a short slice brings a woken generator's
 *          deadline near, so it runs soon after its sockets have data, in short pieces, while its niceness still caps
 *          its share; needs Linux 6.12 or later and python3, and stops with the reason otherwise; bench-sync/sched-slice.ts)
 *          --sched-waits <dir> (`perf sched record` of the machine over the window's first 10 s, kept in <dir>; each run then
 *          prints who ran on the CPUs while a load generator's main thread waited 10 ms or more for one: the server's
 *          main thread or its other threads, the other generator, the probe, or processes outside the bench by name;
 *          bench-sync/sched-waits.ts. Needs perf and the right to trace; the bench's own runs only, not --paired)
 *          --server-build bundle|tsx (default bundle: both servers run from an esbuild bundle of their entry with plain
 *          node, as npm start runs ours: scripts/server-bundle.ts; tsx: through tsx's loader)
 *          --server-flags "<node flags>" (our server only, after npm start's own --max-semi-space-size=16, e.g. GC settings
 *          being tried: --max-semi-space-size=8 for the young generation used until stop 19)
 *          --peer-flags "<node flags>" (the reference server's, with --peer: e.g. the same V8 tracing flags as ours, to
 *          compare the two side by side; it runs with V8's defaults otherwise)
 *          --store sqlite|postgres (where our server keeps the documents: its SQLite file, or a PostgreSQL started on
 *          loopback from Debian's package with DATABASE_URL, one node under leases; scripts/bench-sync/store.ts. The
 *          stored rows are checked either way, and PostgreSQL's CPU is printed beside the server's)
 *          --peer y-websocket (after each of our runs, the same workload against y-websocket 1.5.4's reference server,
 *          scripts/bench-sync/reference-process.ts: in memory, no checks, no storage; the table then has a row for
 *          each and their ratios)
 *          --generators N spreads the sessions over N load-generator processes, so one generator's own event-loop
 *          stalls (reported beside the latencies) do not pass for the server's
 *          --diagnostics (every guest publishes tech support diagnostics in its stage presence, through the app's own
 *          publisher; compare with a run without it for the added bytes per guest and server CPU)
 *          --paired [only] (with --peer y-websocket: after each run's sequential pair, a paired run: both servers at once,
 *          every client with a twin on the other server sending the same updates at the same moments, and each server's
 *          CPU per update (process and main thread) read over the same window, so what the machine does in it weighs on
 *          both; prints each window's ratio and, at the end, the paired ratios' median and spread beside the sequential
 *          runs'. Each paired window also prints both servers' latencies in it (every client's and twin's deliveries) and
 *          each load generator's loop max, GC pauses and scavenges: the same generators' stalls weigh on both servers
 *          there, so they compare with each other, not with the sequential runs' (two servers and twice the clients).
 *          `only`: paired runs only. bench-sync/paired.ts)
 *          --repeat N (each session count N times per server, ours and the reference alternating ABBA… over the whole
 *          invocation; prints every run
 *          and then each figure's median per server with the ratio, bench-sync/medians.ts: one run's noise on a 2-core
 *          machine is larger than the gaps the targets are about)
 *          --probe-sessions N (default 10, at most a tenth of the sessions, 0 = none: that many sessions run in a probe
 *          process of their own at normal priority (--probe-nice); its loop is nearly idle, so its deliveries are
 *          what a client on its own device sees. They are printed apart, with the probe's own loop max; p50/p99/max
 *          stay every client's, the probe's included)
 *          --idle-window <s> (after the loss check: the server's CPU with every client connected and none writing)
 *          --generator-flags "<node flags>" (the load generators' and the probe's, e.g. GC settings)
 *          --generator-build bundle|tsx (default bundle: the load generators and the probe run from an esbuild bundle of
 *          generator.ts with plain node, as the servers do; tsx: through tsx's loader, as before)
 *          --presence-tick <ms> (default 50: how often the raw clients' presence renewals are checked, raw-client.ts;
 *          500 was the tick before, which renewed a hundred sockets per generator in one turn)
 *          --profile-generators <dir> (a V8 CPU profile of each load generator's and the probe's whole life)
 *          --heap-profile-generators <dir> (a sampling heap profile of each load generator's and the probe's window, every
 *          allocation counted, and a line per generator: KB allocated per update it sent and the sites that allocated
 *          most; its scavenges follow from it, and unlike its stalls it does not change with the machine's load)
 *          --pin-server <cpu> (the server under test, both kinds alike, runs on that CPU and the load generators and the
 *          probe on the others, taskset -a: on a 2-core machine the operating system's preemption of the server by a
 *          generator then leaves the figures; default: not pinned)
 *          --server-stdout <file> (our server's standard output appended to that file, e.g. V8's --trace-gc-nvp lines
 *          given with --server-flags: bytes each scavenge copied and promoted, which do not depend on the machine's load;
 *          lines `=== bench-sync window start|end <kind> <N> sessions run <R>` mark the measured window in it, to within a
 *          block of output: V8 prints through C stdio, which buffers a pipe's output in blocks)
 *          --peer-stdout <file> (the same for the reference server's standard output, e.g. with --peer-flags)
 *          --gc-phases (both servers print V8's --trace-gc-nvp lines for the window only, turned on and off at run time
 *          through the same observer, and each run prints what the window's longest mark-compacts and scavenges were
 *          made of: marking left for the pause, evacuation, clearing, the incremental marking steps before it;
 *          bench-sync/gc-phases.ts. A line per GC on standard output: about free)
 *          --trace-long-tasks <ms> (both servers time every callback and busy span of their main thread with
 *          sync-server/long-tasks.ts and print, for the window, the spans of at least <ms> by their time on the CPU
 *          (wall minus the time the thread waited for a CPU), what each was made of and the GC inside it: what runs
 *          long whatever else the machine runs; a turn ends where the loop's pass does: an immediate scheduled from the
 *          check phase runs on the next pass, so a chain of slices is many turns. Each server's stalls over 15 ms then
 *          also say how much of them it ran on a CPU and how much it waited for one, as the generators' do; with
 *          --profile-server the profile's code inside the turns longest on the CPU is printed too.
 *          Costs a few µs per span: compare CPU per update from runs without it)
 * The load generator shares the machine with the server (and, here, with other
 * developers' work): figures are noisy; the load average is printed with them.
 * Pings: both servers' interval is 30 s. The reference pings every connection from a timer per connection, 30 s
 * after it opened (so its pings come in one burst as long as the connecting took); ours goes round its connections a
 * slice every 100 ms and pings only those it has not heard from since its last round (a client's presence renewal
 * every 15 s proves it alive, so in this workload it pings none). A window of a whole number of intervals holds each
 * connection's ping from the reference once wherever it falls (a 20 s window held all of its burst or none of it);
 * the clients count the pings they receive in the window and each run prints them per second, per server.
 * Each run also prints what the server's stalls were (tests/support/answer-bench-parent.ts): its GC pauses by kind,
 * its turns more than 15 ms late with the GC pauses that ran since the loop last came round (inside the stall or just
 * before its due time, tests/support/loop-stalls.ts; "no GC": its own work, or not scheduled; compare
 * with the idle process's loop), its CPU by thread (/proc: main, v8-pool = V8's GC helpers and compiler, libuv-pool,
 * and our workers by the names they give themselves: wal-checkpoint, compaction, pg-fold), and for ours on SQLite the
 * documents' batches per transaction (collab/turn-commits.ts). Both servers carry the same observers.
 * Whose stall a slow delivery was: every process's late turns are recorded with their times on the machine's
 * monotonic clock (tests/support/loop-stalls.ts), so each generator's GC pauses and stalls are printed beside the
 * server's, and each delivery of 50 ms or more is put down to the late turns inside it: the generator's (sender and
 * receivers share one), the server's, both or neither; "highest with no late generator turn inside" is the slowest
 * delivery its generator never delayed (bench-sync/latency-blame.ts). The generators' and the probe's stalls also say
 * how much of each the process ran on a CPU and how much it waited for one (/proc/thread-self/schedstat, read on each
 * tick of their stall recorder): its own long turn, or the machine giving the cores to others; "most CPU inside one
 * late turn" is its longest own turns, which the machine's load does not lengthen. Each generator's young generation
 * in the window is printed too (allocated, promoted and kept by its scavenges, per update it sent;
 * tests/support/young-generation.ts): its scavenges' work in bytes, which the load does not stretch either. With
 * --profile-server (and --cpu-prof-interval 250), the code the profile caught inside each server stall of 15 ms or
 * more is printed and written next to the profile (bench-sync/stall-stacks.ts); a stall with few samples was time the
 * server was not scheduled at all.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SLOW_SAMPLE_MS, type FromGenerator, type ToGenerator, type VerifyReport, type WindowReport } from './bench-sync/protocol';
import { CONNECTIONS_PER_SESSION, PEOPLE } from './bench-sync/workload';
import { openBenchStore, type BenchStore } from './bench-sync/store';
import { processCpuMs, runtimeThreadCounts, threadCpuMs, type RuntimeThreadCounts } from './bench-cluster/proc-cpu';
import { describeAllocation, type SamplingHeapProfile } from './bench-sync/heap-profile';
import { describeDiff, diffSnapshots, highestId, readHeapSnapshot } from './bench-sync/heap-snapshot-diff';
import type { BenchGcReport, YoungGenerationReport } from '../tests/support/answer-bench-parent';
import { blameLatencies, describeBlame, type LatencyBlame } from './bench-sync/latency-blame';
import { describeStallStacks, longTurnsAsStalls, type CpuProfile } from './bench-sync/stall-stacks';
import { describeMedians, mediansOf, type RunFigures } from './bench-sync/medians';
import { bundledEntry } from './server-bundle';
import { describeLongTasks, type LongTaskReport } from '../sync-server/long-tasks';
import { describeGcPhases, parseNvp } from './bench-sync/gc-phases';
import { WAIT_BUCKET_MS, type TurnWaits } from '../sync-server/collab/message-slices';
import { arg, flag, knownOptional, refuseUnknownOptions } from './cli-arg';
import { describeNiceness, runAtNiceness } from './bench-sync/niceness';
import { parseSliceUs, setProcessSlice } from './bench-sync/sched-slice';
import { startSchedTrace } from './bench-sync/sched-waits';
import { describePaired, describeRate, machineBusyPct, workloadUpdatesPerSession, parseMachineTicks, parsePairedMode, perUpdate, type PairedMode, type PairedWindow, type SequentialPair, type ServerWindow } from './bench-sync/paired';
import { DEFAULT_LIMITS } from '../sync-server/collab/limits';
import { seedPlans } from './bench-sync/seed-plans';
import { describeOurServer, OUR_SERVER_SCRIPTS, parseOurServer, type OurServer } from './bench-sync/server-choice';
import { describeFlushStats, flushStatsBetween, type FlushStats } from './bench-sync/projector-flushes';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


const SESSION_COUNTS = arg('sessions', '10,100,500').split(',').map(Number);
const WINDOW_S = Number(arg('window', '30'));
/**
 * Both servers' ping interval: 30 s (ours: DEFAULT_LIMITS.pingIntervalMs, a round spread over the interval that
 * pings only the connections it has not heard from since its last round; y-websocket's reference: bin/utils.js'
 * pingTimeout, a timer per connection that fires 30 s after it opened, so its pings come in a burst as long as the
 * connecting took). Only a window that is a whole number of intervals holds each connection's ping from the reference
 * exactly once, wherever the window falls: a 20 s window held all of its burst or none of it. The bench prints the
 * pings per second each server's clients received, so a reader sees what each paid for.
 */
const PING_INTERVAL_S = DEFAULT_LIMITS.pingIntervalMs / 1000;
const WARMUP_S = Number(arg('warmup', '5'));
const GENERATORS = Math.max(1, Number(arg('generators', '1')));
/**
 * `--probe-sessions N` (default 10, at most a tenth of the sessions; 0: none): that many of the N sessions run in a
 * probe process of their own at normal priority, beside the load generators. Its event loop is nearly idle, so its
 * deliveries are what a client on its own device sees (the server's delay and the network's, not a busy load
 * generator's turns); they are also in the all-client figures, which stay the headline.
 */
const PROBE_SESSIONS = Math.max(0, Number(arg('probe-sessions', '10')));
/**
 * `--probe-nice N` (default 0, normal priority, ahead of the niced load generators): the probe's niceness. On a busy
 * machine a negative value (as root) keeps its own loop idle, as a client's on its own device would be: it uses
 * about 1 % of a core, so it takes nothing measurable from the server. Its own loop max is printed beside its
 * figures either way.
 */
const PROBE_NICE = Number(arg('probe-nice', '0'));
/** `--repeat N`: each session count N times per server, ours and the reference alternating, then the median per side. */
const REPEAT = Math.max(1, Number(arg('repeat', '1')));
/** `--idle-window <s>`: after the loss check, the server's CPU over this many seconds with every client connected and none writing (presence and pings only). */
const IDLE_WINDOW_S = Number(arg('idle-window', '0'));
const JSON_OUT = arg('json', '');
/**
 * `--pin-server <cpu>`: the server under test on that CPU, the load generators and the probe on the others (taskset -a,
 * every thread), so a generator never preempts the server; the same for both servers. Empty: not pinned.
 */
const PIN_SERVER = arg('pin-server', '');
const OTHER_CPUS = PIN_SERVER
  ? Array.from({ length: os.cpus().length }, (_, i) => String(i)).filter((c) => c !== PIN_SERVER).join(',')
  : '';
if (PIN_SERVER && (!/^\d+$/.test(PIN_SERVER) || Number(PIN_SERVER) >= os.cpus().length || !OTHER_CPUS)) {
  console.error(`--pin-server ${PIN_SERVER}: give one CPU number below ${os.cpus().length}, leaving at least one other for the load generators`);
  process.exit(2);
}

/** Runs every thread of a process on the given CPUs (taskset -a), or says it could not. */
function pin(pid: number | undefined, cpus: string, what: string): void {
  if (!cpus || !pid) return;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  } catch (err) {
    console.error(`   could not pin the ${what} to CPU ${cpus} (${(err as Error).message}); it runs unpinned`);
  }
}

/**
 * `--server-stdout <file>` / `--peer-stdout <file>`: our server's / the reference server's standard output is appended
 * there (V8 tracing flags print to it), with a line marking where each measured window starts and ends.
 */
const STDOUT_FILES: Record<ServerKind, string> = { interq: arg('server-stdout', ''), 'y-websocket': arg('peer-stdout', '') };

/** `--gc-phases`: both servers trace their GCs' phases (V8's --trace-gc-nvp) in the window (bench-sync/gc-phases.ts). */
const GC_PHASES = flag('gc-phases');
/** `--trace-long-tasks <ms>`: both servers trace their main thread's busy spans of at least that (sync-server/long-tasks.ts). */
const TRACE_LONG_TASKS = arg('trace-long-tasks', '');
/** Folder for V8 CPU profiles of the server processes over the measured window only (answer-bench-parent.ts), to see where its time goes. */
const PROFILE_DIR = arg('profile-server', '');
/** Folder for V8 sampling heap profiles of the server processes over the measured window only (answer-bench-parent.ts). */
const HEAP_PROFILE_DIR = arg('heap-profile-server', '');
/**
 * `--heap-profile-survivors` (with --heap-profile-server): the profile keeps only the samples of objects no scavenge
 * collected (alive at the window's end, or collected later by a mark-compact: promoted), by allocation site.
 */
const HEAP_PROFILE_SURVIVORS = flag('heap-profile-survivors');
/** Folder for full heap snapshots of the server processes inside the window (answer-bench-parent.ts), and when. */
const HEAP_SNAPSHOT_DIR = arg('heap-snapshots-server', '');
const HEAP_SNAPSHOT_AT_S = arg('heap-snapshot-at', '5,15').split(',').map(Number);
if (HEAP_SNAPSHOT_DIR && (HEAP_SNAPSHOT_AT_S.length < 2 || HEAP_SNAPSHOT_AT_S.some((s, i) => !(s >= 0 && s < WINDOW_S) || (i > 0 && s <= HEAP_SNAPSHOT_AT_S[i - 1]!)))) {
  console.error(`--heap-snapshot-at ${HEAP_SNAPSHOT_AT_S.join(',')}: give two or more increasing offsets in seconds, each inside the ${WINDOW_S} s window`);
  process.exit(2);
}
/** V8's sampling interval for those profiles, µs (0: V8's default). */
const PROFILE_INTERVAL_US = Number(arg('cpu-prof-interval', '0'));
const DIAGNOSTICS = flag('diagnostics');
/**
 * `--client raw|provider`: the load generators' clients (generator.ts): the lighter y-websocket protocol client
 * (bench-sync/raw-client.ts, the default) or stock WebsocketProvider's (always with --diagnostics).
 */
const CLIENT = arg('client', 'raw');
if (CLIENT !== 'raw' && CLIENT !== 'provider') {
  console.error(`--client ${CLIENT}: use raw (the lighter protocol client) or provider (stock y-websocket providers)`);
  process.exit(2);
}
const PEER = arg('peer', '');
const STORE = arg('store', 'sqlite');
/**
 * `--server-build bundle|tsx`: how both servers' processes run. `bundle` (the default): from an esbuild bundle of
 * their entry with plain node (scripts/server-bundle.ts), as `npm start` and the systemd unit run the server; `tsx`:
 * through tsx's loader, as before (its keepNames wrappers and loader hooks cost CPU of their own).
 */
const SERVER_BUILD = arg('server-build', 'bundle');
if (SERVER_BUILD !== 'bundle' && SERVER_BUILD !== 'tsx') {
  console.error(`--server-build ${SERVER_BUILD}: use bundle (what npm start runs) or tsx`);
  process.exit(2);
}
/** Extra node flags for our server only (e.g. GC settings being tried), space-separated. */
const OUR_FLAGS = arg('server-flags', '').split(' ').filter(Boolean);
/** `--peer-flags`: node flags for the reference server (e.g. the V8 tracing flags given to ours), space-separated. */
const PEER_FLAGS = arg('peer-flags', '').split(' ').filter(Boolean);
/**
 * `--generator-build bundle|tsx`: how the load generators and the probe run. `bundle` (the default): from an esbuild
 * bundle of generator.ts with plain node, as the servers run (scripts/server-bundle.ts); `tsx`: through tsx's loader,
 * whose keepNames wraps every closure the generator creates per socket and per message in a `__name` call.
 */
const GENERATOR_BUILD = arg('generator-build', 'bundle');
if (GENERATOR_BUILD !== 'bundle' && GENERATOR_BUILD !== 'tsx') {
  console.error(`--generator-build ${GENERATOR_BUILD}: use bundle (plain node) or tsx`);
  process.exit(2);
}
const GENERATOR_SCRIPT = 'scripts/bench-sync/generator.ts';
/** `--presence-tick <ms>`: the raw clients' presence renewal tick (raw-client.ts PRESENCE_TICK_MS by default). */
const PRESENCE_TICK = arg('presence-tick', '');
/** `--profile-generators <dir>`: a V8 CPU profile of each load generator's whole life (node --cpu-prof), to see what its turns cost. */
const GENERATOR_PROFILE_DIR = arg('profile-generators', '');
/**
 * `--heap-profile-generators <dir>`: a sampling heap profile of each load generator's (and the probe's) window,
 * generator-<pid>-window-<n>.heapprofile (bench-sync/window-heap-profile.ts), and a line per generator with its bytes
 * per update it sent and the sites that allocated most: a generator's allocation sets how often it scavenges, and
 * unlike its stalls does not depend on the machine's load.
 */
const GENERATOR_HEAP_PROFILE_DIR = arg('heap-profile-generators', '');
if (GENERATOR_HEAP_PROFILE_DIR) fs.mkdirSync(GENERATOR_HEAP_PROFILE_DIR, { recursive: true });
/** Extra node flags for the load generators (e.g. GC settings being tried), space-separated. */
const GENERATOR_FLAGS = arg('generator-flags', '').split(' ').filter(Boolean);
/**
 * `--generator-nice N`: the load generators run at this niceness (default 10), so on a machine with fewer cores
 * than processes the server under test is scheduled first and the generators take what is left: their own stalls
 * (reported beside the latencies) then show up as generator delay rather than as the server's.
 */
const GENERATOR_NICE = Number(arg('generator-nice', '10'));
/**
 * `--sched-waits <dir>`: `perf sched record` over the window's first SCHED_WAITS_S seconds, then who ran on the CPUs while
 * a load generator's main thread waited 10 ms or more for one (bench-sync/sched-waits.ts); the trace is kept in <dir>.
 */
const SCHED_WAITS_DIR = arg('sched-waits', '');
const SCHED_WAITS_S = 10;
const SCHED_WAIT_MIN_MS = 10;
/**
 * `--generator-slice-us N`: the load generators' threads ask the scheduler for an N µs slice (bench-sync/sched-slice.ts),
 * so a generator woken with sockets to read runs soon at its unchanged nice-level share; null: the kernel's default.
 */
let GENERATOR_SLICE_US: number | null = null;
try {
  GENERATOR_SLICE_US = parseSliceUs(arg('generator-slice-us', ''));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
if (PEER && PEER !== 'y-websocket') {
  console.error(`--peer ${PEER}: the only reference server is y-websocket (its 1.5.4 reference server)`);
  process.exit(2);
}
/**
 * `--paired` / `--paired only`: ours and the reference also (or only) run at once, each client with a twin on the other
 * server, so both servers' CPU per update is read over the same window (bench-sync/paired.ts).
 */
let PAIRED: PairedMode = 'off';
try {
  PAIRED = parsePairedMode(process.argv, PEER);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

/**
 * `--server app|collab`: ours as npm start composes it, with production's hooks (the default and the figure of
 * record), or the collab server alone (bench-sync/server-choice.ts).
 */
let OUR_SERVER: OurServer = 'app';
try {
  OUR_SERVER = parseOurServer(arg('server', ''));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
// Every option is read above: anything else on the command line is a mistake, refused before minutes of load start.
knownOptional('paired');
refuseUnknownOptions('the comment at the top of scripts/bench-sync.ts');

/** The server under test: ours, or y-websocket's reference server. */
type ServerKind = 'interq' | 'y-websocket';
/**
 * Node flags `npm start` and the systemd unit give our server (package.json, deploy/systemd): the bench runs it as
 * they do. `--server-flags` comes after them, so a V8 flag given there wins (the last one given counts).
 */
const PRODUCTION_FLAGS = ['--max-semi-space-size=16'];
const SERVER_FLAGS: Record<ServerKind, string[]> = { interq: [...PRODUCTION_FLAGS, ...OUR_FLAGS], 'y-websocket': PEER_FLAGS };
const SERVER_SCRIPTS: Record<ServerKind, string> = {
  interq: OUR_SERVER_SCRIPTS[OUR_SERVER],
  'y-websocket': 'scripts/bench-sync/reference-process.ts',
};

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ServerStats {
  cpu: NodeJS.CpuUsage;
  mem: NodeJS.MemoryUsage;
  collab: {
    docs: number;
    connections: number;
    turnCommits?: { transactions: number; batches: number } | null;
    slices?: { deferred: number; slices: number; waits?: TurnWaits };
    /** --server app: the projector's live transactions (sync-server/projections/projector.ts FlushStats). */
    projectorFlushes?: FlushStats;
  };
  loop: { p50: number; p99: number; max: number };
  gc: BenchGcReport;
  /** What the young generation allocated, promoted and kept since the last ask (tests/support/young-generation.ts). */
  young: YoungGenerationReport;
  /** With --trace-long-tasks: the main thread's long busy spans since the last ask. */
  longTasks: LongTaskReport | null;
  at: number;
  /** The same moment as `at` on the machine's monotonic clock (µs), which the CPU profile's timestamps use. */
  atUs: number;
}

class ServerProc {
  private waiters: Array<(m: { type: string }) => void> = [];
  /** With --gc-phases: what the server printed on standard output since it was ready. */
  stdout = '';
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
    /** Where its standard output is appended (--server-stdout, --peer-stdout), or null. */
    private readonly stdoutFile: fs.WriteStream | null,
  ) {
    // --gc-phases: V8's nvp lines come on standard output (C stdio buffers them: read them after the process exits).
    if (GC_PHASES) child.stdout!.on('data', (c: Buffer) => (this.stdout += c.toString()));
    child.on('message', (m: { type: string }) => {
      const w = this.waiters.shift();
      w?.(m);
    });
  }

  static async start(kind: ServerKind, dataDir: string, secret: Buffer, env: Record<string, string> = {}): Promise<ServerProc> {
    const bundled = SERVER_BUILD === 'bundle';
    const child = fork(bundled ? await bundledEntry(SERVER_SCRIPTS[kind]) : path.join(ROOT, SERVER_SCRIPTS[kind]), [], {
      cwd: ROOT,
      execArgv: [...(bundled ? ['--enable-source-maps'] : ['--import', 'tsx']), '--expose-gc', ...SERVER_FLAGS[kind]],
      env: { ...process.env, PORT: '0', DATA: dataDir, SECRET: secret.toString('hex'), ...(TRACE_LONG_TASKS ? { INTERQ_TRACE_LONG_TASKS: TRACE_LONG_TASKS } : {}), ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.add(child);
    child.stderr!.on('data', (c: Buffer) => {
      const text = c.toString();
      if (text.includes('"level":"error"') || text.includes('"level":"warn"')) process.stderr.write(`[server] ${text}`);
    });
    const stdoutFile = STDOUT_FILES[kind] ? fs.createWriteStream(STDOUT_FILES[kind], { flags: 'a' }) : null;
    if (stdoutFile) child.stdout!.pipe(stdoutFile);
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        // Only the tail: V8's tracing flags can print long lines before "ready".
        out = (out + c.toString()).slice(-4096);
        const m = /ready (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code} before ready`)));
    });
    // Pinned once it runs, so its V8 and libuv threads exist and go along (-a).
    pin(child.pid, PIN_SERVER, 'server');
    return new ServerProc(child, port, dataDir, stdoutFile);
  }

  /**
   * A line in its standard output file (if one is kept) saying where the window starts or ends, so a V8 trace can be
   * cut to the window. Written between the server's own chunks, which usually end a line; it starts a line of its own.
   * Approximate by up to a block of output: V8 prints its traces through C stdio, which a pipe makes block-buffered,
   * so the lines just before a mark may have been printed after it (a block fills in well under a second with tracing
   * flags on).
   */
  markStdout(text: string): void {
    this.stdoutFile?.write(`\n=== bench-sync ${text}\n`);
  }

  private ask<T>(type: string): Promise<T> {
    return new Promise((resolve) => {
      this.waiters.push(resolve as (m: { type: string }) => void);
      this.child.send({ type });
    });
  }

  /** A V8 CPU profile of the main thread from now until profileStop (answer-bench-parent.ts, the inspector). */
  async profileStart(intervalUs: number): Promise<void> {
    await new Promise((resolve) => {
      this.waiters.push(resolve as (m: { type: string }) => void);
      this.child.send({ type: 'profile-start', intervalUs });
    });
  }

  /** A V8 sampling heap profile of every allocation from now until heapProfileStop (answer-bench-parent.ts). */
  async heapProfileStart(): Promise<void> {
    await new Promise((resolve) => {
      this.waiters.push(resolve as (m: { type: string }) => void);
      this.child.send({ type: 'heap-profile-start', survivors: HEAP_PROFILE_SURVIVORS });
    });
  }

  async heapProfileStop(file: string): Promise<void> {
    await new Promise((resolve) => {
      this.waiters.push(resolve as (m: { type: string }) => void);
      this.child.send({ type: 'heap-profile-stop', file });
    });
  }

  /** Writes a full heap snapshot of the server to `file` (answer-bench-parent.ts); the server stops meanwhile. */
  async heapSnapshot(file: string): Promise<void> {
    await new Promise((resolve) => {
      this.waiters.push(resolve as (m: { type: string }) => void);
      this.child.send({ type: 'heap-snapshot', file });
    });
  }

  async profileStop(file: string): Promise<void> {
    await new Promise((resolve) => {
      this.waiters.push(resolve as (m: { type: string }) => void);
      this.child.send({ type: 'profile-stop', file });
    });
  }

  /** V8's --trace-gc-nvp on or off in the server (answer-bench-parent.ts). */
  async gcTrace(on: boolean): Promise<void> {
    await this.ask(on ? 'gc-trace-on' : 'gc-trace-off');
  }

  async stats(gc = false): Promise<ServerStats> {
    if (gc) {
      await this.ask('gc');
      await sleep(200);
      await this.ask('gc');
    }
    return this.ask<ServerStats>('stats');
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    const code = await exited;
    children.delete(this.child);
    return code;
  }
}

class Generator {
  private listeners: Array<(m: FromGenerator) => void> = [];
  readonly child: ChildProcess;

  /**
   * `nice`: the niceness it runs at (the load generators GENERATOR_NICE, the probe PROBE_NICE); `entry`: the bundle
   * of generator.ts, or null to run the TypeScript through tsx.
   */
  constructor(readonly nice: number, entry: string | null) {
    this.child = fork(entry ?? path.join(ROOT, GENERATOR_SCRIPT), [], {
      cwd: ROOT,
      execArgv: [
        ...(entry ? ['--enable-source-maps'] : ['--import', 'tsx']), '--max-old-space-size=8192', ...GENERATOR_FLAGS,
        ...(GENERATOR_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', GENERATOR_PROFILE_DIR] : []),
      ],
      env: { ...process.env, BENCH_DIAGNOSTICS: DIAGNOSTICS ? '1' : '0', BENCH_CLIENT: CLIENT, ...(PRESENCE_TICK ? { BENCH_PRESENCE_TICK_MS: PRESENCE_TICK } : {}), ...(GENERATOR_PROFILE_DIR ? { BENCH_GENERATOR_PROFILE: '1' } : {}), ...(GENERATOR_HEAP_PROFILE_DIR ? { BENCH_GENERATOR_HEAP_PROFILE_DIR: path.resolve(GENERATOR_HEAP_PROFILE_DIR) } : {}) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(this.child);
    pin(this.child.pid, OTHER_CPUS, 'load generator');
    const refused = this.child.pid ? runAtNiceness(this.child.pid, nice) : null;
    if (refused) console.error(`   could not run a client process at nice ${nice} (${refused}); it runs at ${os.getPriority(this.child.pid!)}`);
    this.child.on('message', (m: FromGenerator) => {
      if (m.type === 'error') {
        console.error(`[generator] ${m.message}`);
        process.exit(1);
      }
      for (const l of [...this.listeners]) l(m);
    });
  }

  send(msg: ToGenerator): void {
    this.child.send(msg);
  }

  /**
   * --generator-slice-us: every thread it has now asks for that slice (sched-slice.ts). Called once it has connected,
   * when its V8 and libuv threads exist (a thread created later starts at the kernel's default).
   */
  shortenSlice(): void {
    if (GENERATOR_SLICE_US === null || !this.child.pid) return;
    const failed = setProcessSlice(this.child.pid, GENERATOR_SLICE_US);
    if (failed) {
      console.error(`--generator-slice-us ${GENERATOR_SLICE_US}: a load generator's slice was not set: ${failed}`);
      process.exit(1);
    }
  }

  next<T extends FromGenerator['type']>(type: T): Promise<Extract<FromGenerator, { type: T }>> {
    return new Promise((resolve) => {
      const l = (m: FromGenerator) => {
        if (m.type !== type) return;
        this.listeners = this.listeners.filter((x) => x !== l);
        resolve(m as Extract<FromGenerator, { type: T }>);
      };
      this.listeners.push(l);
    });
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.on('exit', () => resolve()));
    this.send({ type: 'close' });
    await exited;
    children.delete(this.child);
  }
}

/** What the probe's own clients saw: a client process that is not busy, so its latencies are the server's and the network's. */
interface ProbeFigures {
  sessions: number;
  samples: number;
  p50: number;
  p99: number;
  max: number;
  /** The probe's own event-loop delay max and GC pauses, ms: near zero when its figures are trustworthy. */
  loopMax: number;
  gc: BenchGcReport;
}

function probeFigures(sessions: number, r: WindowReport): ProbeFigures {
  return { sessions, ...latencyFigures([r.latencies]), loopMax: r.loop.max, gc: r.gc };
}

interface LatencyFigures {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50, p99 and max of the latencies of several generators' reports taken together (ms). */
function latencyFigures(lists: readonly (readonly number[])[]): LatencyFigures {
  const all = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
  let o = 0;
  for (const list of lists) for (const l of list) all[o++] = l;
  all.sort();
  return { samples: all.length, p50: percentile(all, 50), p99: percentile(all, 99), max: all.length ? all[all.length - 1]! : NaN };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Row {
  server: ServerKind;
  sessions: number;
  clients: number;
  connections: number;
  connectS: number;
  sentPerS: number;
  deliveredPerS: number;
  p50: number;
  p99: number;
  max: number;
  samples: number;
  serverCpuPct: number;
  serverCpuPctPerSession: number;
  /** Server CPU time per update sent in the window (µs): everything the server did, relaying and presence included. */
  serverCpuUsPerUpdate: number;
  /** The server's main thread alone, µs per update (/proc; NaN where there is none). */
  mainThreadUsPerUpdate: number;
  generatorCpuPct: number;
  rssMb: number;
  rssPerSessionKb: number;
  heapPerSessionKb: number;
  rssPerSessionJoinedKb: number;
  serverLoopP99: number;
  serverLoopMax: number;
  generatorLoopP99: number;
  generatorLoopMax: number;
  idleLoopP99: number;
  idleLoopMax: number;
  /** Server GC pauses and stalls (turns over 15 ms late) in the window: answer-bench-parent.ts. */
  gc: BenchGcReport;
  /**
   * The server's young generation in the window, bytes per update sent: allocated (sets how often it scavenges),
   * promoted to the old generation (what brings mark-compacts), kept by the scavenges (their copying).
   */
  youngPerUpdate: { scavenges: number; allocated: number; promoted: number; survived: number };
  /** Each load generator's own GC pauses and stalls in the window (tests/support/loop-stalls.ts); the probe's are in `probe`. */
  generatorGc: BenchGcReport[];
  /** Each load generator's young generation in the window (its scavenges' work) and the updates it sent there. */
  generatorYoung: Array<YoungGenerationReport & { sent: number }>;
  /** The probe process's sessions (--probe-sessions): their deliveries alone, and the probe's own loop. */
  probe: ProbeFigures | null;
  /** --idle-window: the server with every client connected and none writing. */
  idleWindow: { seconds: number; cpuPct: number; loopMax: number } | null;
  /** Which run of --repeat this was (1-based). */
  run: number;
  /** Slow deliveries by whose late turns lay inside them (bench-sync/latency-blame.ts). */
  blame: LatencyBlame;
  /** With --profile-server: the code the profile caught inside each server stall (bench-sync/stall-stacks.ts). */
  stallStacks: string[];
  /** With --sched-waits: who ran on the CPUs while a load generator waited for one (bench-sync/sched-waits.ts). */
  schedWaits: string | null;
  /** Server CPU in the window by thread (main, V8's pool of GC helpers, libuv's pool, our named workers), from /proc. */
  threadsCpu: string;
  /** With --heap-profile-server: the window's allocation per update and its largest sites (bench-sync/heap-profile.ts). */
  allocation: string;
  /** With --trace-long-tasks: the server main thread's long busy spans in the window. */
  longTasks: LongTaskReport | null;
  /** With --gc-phases: what the window's longest GC pauses were made of (bench-sync/gc-phases.ts), one line each. */
  gcPhases: string[];
  /** Ours on SQLite: documents' batches per SQLite transaction in the window (collab/turn-commits.ts). */
  batchesPerTransaction: number | null;
  /** Ours: client messages that waited for a later slice of the event loop in the window, and those slices (collab/message-slices.ts). */
  deferredMessages: { deferred: number; slices: number } | null;
  /** --server app: the projector's live transactions in the window (count, documents, event-loop time). */
  projectorFlushes: FlushStats | null;
  /**
   * Ours: where a relay waited on the server in the window (stored before relayed): a turn's first client message
   * until the turn's end, and that end (the SQLite transaction, then the relays), ms p50/p99/max.
   */
  turnWaits: { beforeCommit: [number, number, number]; commitAndRelay: [number, number, number] } | null;
  lostAtClients: number;
  /** Documents in storage (SQLite or PostgreSQL, --store) missing messages; null for the reference server, which stores nothing. */
  lostInSqlite: number | null;
  /** PostgreSQL's CPU in the window (--store postgres), % of a core and µs per update; null when the store is in the server. */
  storeCpuPct: number | null;
  storeCpuUsPerUpdate: number | null;
  loadAvg: string;
  /** WebSocket pings the server sent the clients in the window, and per second (both servers' interval is PING_INTERVAL_S). */
  pingsInWindow: number;
  pingsPerS: number;
  /** Presence bytes per guest per minute: sent by the guest on the stage, and received by each stage reader. */
  guestPresenceSentPerMin: number;
  readerPresenceReceivedPerMin: number;
}

/** Our server on a fresh storage that holds every session's published plan (bench-sync/seed-plans.ts), as a live interview's does. */
async function startOurs(dataDir: string, secret: Buffer, store: BenchStore, ids: readonly string[]): Promise<ServerProc> {
  const env = await store.prepareRun();
  await seedPlans(dataDir, env.DATABASE_URL ?? null, ids);
  return ServerProc.start('interq', dataDir, secret, env);
}

async function runOnce(sessions: number, kind: ServerKind, store: BenchStore, run: number): Promise<Row> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-bench-sync-'));
  const secret = randomBytes(32);
  const ids = Array.from({ length: sessions }, (_, i) => `bench-${String(i).padStart(4, '0')}`);
  const server = kind === 'interq' ? await startOurs(dataDir, secret, store, ids) : await ServerProc.start(kind, dataDir, secret);
  const base = await server.stats(true);
  // The probe's sessions first (its own process at normal priority), then the rest spread over the load generators.
  const probeN = Math.min(PROBE_SESSIONS, Math.floor(sessions / 10));
  const loadIds = ids.slice(probeN);
  const entry = GENERATOR_BUILD === 'bundle' ? await bundledEntry(GENERATOR_SCRIPT) : null;
  const loadGens = Array.from({ length: Math.min(GENERATORS, loadIds.length) }, () => new Generator(GENERATOR_NICE, entry));
  const probe = probeN > 0 ? new Generator(PROBE_NICE, entry) : null;
  const gens = probe ? [...loadGens, probe] : loadGens;
  const sessionsOf = (gi: number): string[] => (gens[gi] === probe ? ids.slice(0, probeN) : loadIds.filter((_, i) => i % loadGens.length === gi));
  console.log(
    `\n== ${sessions} sessions, ${kind === 'interq' ? 'InterQ' : "y-websocket 1.5.4's reference server"}: connecting ${sessions * CONNECTIONS_PER_SESSION} sockets (${sessions * PEOPLE.length} clients` +
      `${probe ? `; ${probeN} sessions in the probe process` : ''})…`,
  );
  const t0 = performance.now();
  const connected = gens.map((g) => g.next('connected'));
  gens.forEach((g, gi) => g.send({ type: 'connect', port: server.port, secretHex: secret.toString('hex'), sessionIds: sessionsOf(gi), batch: 20 }));
  const conns = (await Promise.all(connected)).reduce((n, m) => n + m.connections, 0);
  const connectS = (performance.now() - t0) / 1000;
  for (const g of loadGens) g.shortenSlice();
  await sleep(2000);
  const joined = await server.stats(true);
  console.log(`   connected in ${connectS.toFixed(1)} s; sending (warm-up ${WARMUP_S} s, window ${WINDOW_S} s)…`);

  for (const g of gens) g.send({ type: 'send', on: true });
  await sleep(WARMUP_S * 1000);
  if (PROFILE_DIR) await server.profileStart(PROFILE_INTERVAL_US);
  if (HEAP_PROFILE_DIR) await server.heapProfileStart();
  const runtimeThreads = runtimeThreadCounts(SERVER_FLAGS[kind], process.env);
  const threads0 = threadCpuMs(server.child.pid, runtimeThreads);
  if (GC_PHASES) await server.gcTrace(true);
  const s0 = await server.stats();
  const store0 = kind === 'interq' ? store.cpuMs() : null;
  for (const g of gens) g.send({ type: 'window', start: true });
  server.markStdout(`window start ${kind} ${sessions} sessions run ${run}`);
  const schedTrace = SCHED_WAITS_DIR ? startSchedTrace(path.join(SCHED_WAITS_DIR, `${kind}-${sessions}-sessions-run${run}.perf`), Math.min(SCHED_WAITS_S, WINDOW_S)) : null;
  // This process idles during the window: its own event-loop delay is the machine's scheduling noise floor.
  const canary = monitorEventLoopDelay({ resolution: 1 });
  canary.enable();
  const setSending = (on: boolean) => {
    for (const g of gens) g.send({ type: 'send', on });
  };
  const snapshots = HEAP_SNAPSHOT_DIR ? await heapSnapshotsInWindow(server, `${kind}-${sessions}-sessions-run${run}`, setSending) : null;
  if (!HEAP_SNAPSHOT_DIR) await sleep(WINDOW_S * 1000);
  canary.disable();
  server.markStdout(`window end ${kind} ${sessions} sessions run ${run}`);
  const windows = gens.map((g) => g.next('window'));
  for (const g of gens) g.send({ type: 'window', start: false });
  const reports: WindowReport[] = (await Promise.all(windows)).map((m) => m.report);
  const loadReports = reports.slice(0, loadGens.length);
  printGeneratorAllocation(reports);
  const probeReport = probe ? reports[loadGens.length]! : null;
  const s1 = await server.stats();
  const schedWaits = schedTrace
    ? await schedTrace.whoRanWhileWaiting(
        loadGens.map((g) => g.child.pid!),
        new Map([[server.child.pid!, 'the server'], ...loadGens.map((g) => [g.child.pid!, 'a load generator'] as [number, string]), ...(probe ? [[probe.child.pid!, 'the probe'] as [number, string]] : [])]),
        SCHED_WAIT_MIN_MS,
      )
    : null;
  if (GC_PHASES) await server.gcTrace(false);
  const store1 = kind === 'interq' ? store.cpuMs() : null;
  const threads1 = threadCpuMs(server.child.pid, runtimeThreads);
  let stallStacks: string[] = [];
  const threadsCpu = [...threads1].map(([k, v]) => [k, v - (threads0.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  if (PROFILE_DIR) {
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    const file = path.join(PROFILE_DIR, `${kind}-${sessions}-sessions-window.cpuprofile`);
    await server.profileStop(file);
    console.log(`   CPU profile of the server's window: ${file}`);
    if (fs.existsSync(file)) {
      const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
      stallStacks = describeStallStacks(profile, s1.gc.stalls.list);
      // With --trace-long-tasks: the code inside the turns that ran longest on the CPU (a stall can be time the
      // server waited for a CPU; these are its own work). Their times are the server's performance.now().
      if (s1.longTasks) {
        const turns = longTurnsAsStalls(s1.longTasks, s1.at, s1.atUs);
        stallStacks.push(...describeStallStacks(profile, turns, 0).map((l) => l.replace(/^stall /, 'long turn ')));
      }
      fs.writeFileSync(`${file}.stalls.txt`, `${stallStacks.join('\n')}\n`);
    }
  }
  let heapProfile: SamplingHeapProfile | null = null;
  if (HEAP_PROFILE_DIR) {
    fs.mkdirSync(HEAP_PROFILE_DIR, { recursive: true });
    const file = path.join(HEAP_PROFILE_DIR, `${kind}-${sessions}-sessions-window.heapprofile`);
    await server.heapProfileStop(file);
    console.log(`   heap (allocation) profile of the server's window: ${file}`);
    if (fs.existsSync(file)) heapProfile = JSON.parse(fs.readFileSync(file, 'utf8')) as SamplingHeapProfile;
  }
  for (const g of gens) g.send({ type: 'send', on: false });
  if (snapshots) {
    // The clients sent nothing while a snapshot was written: the rate is that of the time they were sending.
    const sending = Math.max(...reports.map((r) => r.windowMs)) - snapshots.stoppedMs;
    describeSnapshots(snapshots.taken, reports.reduce((n, r) => n + r.sent, 0) / (sending / 1000));
  }

  const verifying = gens.map((g) => g.next('verified'));
  for (const g of gens) g.send({ type: 'verify', timeoutMs: 60_000 });
  const verified = (await Promise.all(verifying)).map((m) => m.report);
  await sleep(5000);
  const idle = await server.stats(true);
  let idleWindow: Row['idleWindow'] = null;
  if (IDLE_WINDOW_S > 0) {
    const i0 = await server.stats();
    await sleep(IDLE_WINDOW_S * 1000);
    const i1 = await server.stats();
    const cpuMs = (i1.cpu.user + i1.cpu.system - (i0.cpu.user + i0.cpu.system)) / 1000;
    idleWindow = { seconds: (i1.at - i0.at) / 1000, cpuPct: (cpuMs / (i1.at - i0.at)) * 100, loopMax: i1.loop.max };
  }
  const loadAvg = os.loadavg().map((x) => x.toFixed(1)).join(' ');

  for (const g of gens) await g.close();
  const exitCode = await server.stop();
  if (exitCode !== 0) console.error(`   server exited with ${exitCode}`);
  const gcPhases = GC_PHASES ? describeGcPhases(parseNvp(server.stdout)) : [];
  const expected = Object.assign({}, ...verified.map((v) => v.expected)) as VerifyReport['expected'];
  const stored = kind === 'interq' ? await store.storedShortfalls(dataDir, expected) : null;
  fs.rmSync(dataDir, { recursive: true, force: true });

  const latency = latencyFigures(reports.map((r) => r.latencies));
  const windowMs = Math.max(...reports.map((r) => r.windowMs));
  const serverCpuUs = s1.cpu.user + s1.cpu.system - (s0.cpu.user + s0.cpu.system);
  const serverWallMs = s1.at - s0.at;
  const serverCpuPct = (serverCpuUs / 1000 / serverWallMs) * 100;
  const shortfalls = verified.flatMap((v) => v.shortfalls);
  const reconnects = verified.reduce((n, v) => n + v.reconnects, 0);
  if (reconnects > 0) console.error(`   clients reconnected ${reconnects} times after an unexpected close`);
  if (shortfalls.length) console.error(`   clients missing messages:\n     ${shortfalls.join('\n     ')}`);
  if (stored?.length) console.error(`   ${store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} missing messages:\n     ${stored.slice(0, 20).join('\n     ')}`);
  const sentPerS = reports.reduce((n, r) => n + r.sent, 0) / (windowMs / 1000);
  return {
    server: kind,
    run,
    sessions,
    clients: sessions * PEOPLE.length,
    connections: conns,
    connectS,
    sentPerS,
    deliveredPerS: reports.reduce((n, r) => n + r.delivered, 0) / (windowMs / 1000),
    ...latency,
    serverCpuPct,
    serverCpuPctPerSession: serverCpuPct / sessions,
    serverCpuUsPerUpdate: serverCpuUs / (sentPerS * (serverWallMs / 1000)),
    mainThreadUsPerUpdate: ((threadsCpu.find(([k]) => k === 'main')?.[1] ?? NaN) * 1000) / (sentPerS * (serverWallMs / 1000)),
    generatorCpuPct: (loadReports.reduce((n, r) => n + r.cpuUs, 0) / 1000 / windowMs) * 100,
    rssMb: idle.mem.rss / 2 ** 20,
    rssPerSessionKb: (idle.mem.rss - base.mem.rss) / sessions / 1024,
    heapPerSessionKb: (idle.mem.heapUsed - base.mem.heapUsed) / sessions / 1024,
    rssPerSessionJoinedKb: (joined.mem.rss - base.mem.rss) / sessions / 1024,
    serverLoopP99: s1.loop.p99,
    serverLoopMax: s1.loop.max,
    generatorLoopP99: Math.max(...loadReports.map((r) => r.loop.p99)),
    generatorLoopMax: Math.max(...loadReports.map((r) => r.loop.max)),
    probe: probeReport ? probeFigures(probeN, probeReport) : null,
    idleWindow,
    idleLoopP99: canary.percentile(99) / 1e6,
    idleLoopMax: canary.max / 1e6,
    gc: s1.gc,
    youngPerUpdate: youngPerUpdate(s1.young, sentPerS * (windowMs / 1000)),
    generatorGc: loadReports.map((r) => r.gc),
    generatorYoung: loadReports.map((r) => ({ ...r.young, sent: r.sent })),
    blame: blameLatencies(reports, s1.gc.stalls.list),
    stallStacks,
    schedWaits,
    threadsCpu: threadsCpu.map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', '),
    allocation: heapProfile ? describeAllocation(heapProfile, sentPerS * (windowMs / 1000)) : '',
    longTasks: s1.longTasks ?? null,
    gcPhases,
    batchesPerTransaction:
      s0.collab.turnCommits && s1.collab.turnCommits
        ? (s1.collab.turnCommits.batches - s0.collab.turnCommits.batches) / Math.max(1, s1.collab.turnCommits.transactions - s0.collab.turnCommits.transactions)
        : null,
    projectorFlushes: s0.collab.projectorFlushes && s1.collab.projectorFlushes ? flushStatsBetween(s0.collab.projectorFlushes, s1.collab.projectorFlushes) : null,
    deferredMessages:
      s0.collab.slices && s1.collab.slices
        ? { deferred: s1.collab.slices.deferred - s0.collab.slices.deferred, slices: s1.collab.slices.slices - s0.collab.slices.slices }
        : null,
    turnWaits:
      s0.collab.slices?.waits && s1.collab.slices?.waits
        ? {
            beforeCommit: histogramFigures(s0.collab.slices.waits.beforeCommit, s1.collab.slices.waits.beforeCommit),
            commitAndRelay: histogramFigures(s0.collab.slices.waits.commitAndRelay, s1.collab.slices.waits.commitAndRelay),
          }
        : null,
    lostAtClients: shortfalls.length,
    lostInSqlite: stored === null ? null : stored.length,
    storeCpuPct: store0 !== null && store1 !== null ? ((store1 - store0) / serverWallMs) * 100 : null,
    storeCpuUsPerUpdate: store0 !== null && store1 !== null ? ((store1 - store0) * 1000) / (sentPerS * (serverWallMs / 1000)) : null,
    loadAvg,
    pingsInWindow: reports.reduce((n, r) => n + r.pings, 0),
    pingsPerS: reports.reduce((n, r) => n + r.pings, 0) / (windowMs / 1000),
    guestPresenceSentPerMin: reports.reduce((n, r) => n + r.guestAwarenessSent, 0) / sessions / (windowMs / 60_000),
    // Two stage readers per session (host, interviewer): bytes one reader receives per guest per minute.
    readerPresenceReceivedPerMin: reports.reduce((n, r) => n + r.stageAwarenessReceived, 0) / (sessions * 2) / (windowMs / 60_000),
  };
}

/** A paired run's figures (bench-sync/paired.ts) and what its loss check found. */
interface PairedRow extends PairedWindow {
  /** Receivers (on either server) missing messages, and documents in ours' storage missing messages. */
  lostAtClients: number;
  lostInStore: number;
  /** Deliveries per second to the primary server's clients and to their twins on the other: the same when both relayed alike. */
  deliveredPerS: { primary: number; twin: number };
  generatorCpuPct: number;
  generatorLoopMax: number;
  /**
   * Each server's end-to-end latency in the same window: its clients' deliveries, the primary's and the twins' alike
   * (a twin is sent the same message at the same moment). Both carry the same generators' late turns, which
   * `generators` gives, so the two servers' figures compare with each other, not with the sequential runs'.
   */
  latency: Record<ServerKind, LatencyFigures>;
  /** Each load generator's own loop max, GC pauses and young generation in the window. */
  generators: Array<{ loopMax: number; gc: BenchGcReport; young: YoungGenerationReport & { sent: number } }>;
  /** Each server's event-loop max and GC line in the window (not comparable with the sequential runs': 2 servers on 2 cores). */
  loopMax: Record<ServerKind, number>;
  gc: Record<ServerKind, string>;
  /** Each server's CPU per update by thread in the window, µs (/proc, read at the same two instants as the totals). */
  threadsPerUpdate: Record<ServerKind, string>;
}

const SERVER_KINDS: readonly ServerKind[] = ['interq', 'y-websocket'];

/** The machine's busy and total time so far (/proc/stat), or null where there is none. */
function machineTicks() {
  try {
    return parseMachineTicks(fs.readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/**
 * `--paired`: ours and the reference server at once, every client connected to `primary` with a twin on the other
 * server that sends the same updates at the same moments (generator.ts), and both servers' CPU read over the same
 * window (bench-sync/paired.ts says why). No probe process: its latencies would not be comparable anyway.
 */
async function runPaired(sessions: number, store: BenchStore, run: number, primary: ServerKind): Promise<PairedRow> {
  const secret = randomBytes(32);
  const dataDirs = Object.fromEntries(SERVER_KINDS.map((k) => [k, fs.mkdtempSync(path.join(os.tmpdir(), 'interq-bench-sync-'))])) as Record<ServerKind, string>;
  const ids = Array.from({ length: sessions }, (_, i) => `bench-${String(i).padStart(4, '0')}`);
  const servers = {
    interq: await startOurs(dataDirs.interq, secret, store, ids),
    'y-websocket': await ServerProc.start('y-websocket', dataDirs['y-websocket'], secret),
  } satisfies Record<ServerKind, ServerProc>;
  const twin: ServerKind = primary === 'interq' ? 'y-websocket' : 'interq';
  const entry = GENERATOR_BUILD === 'bundle' ? await bundledEntry(GENERATOR_SCRIPT) : null;
  const gens = Array.from({ length: Math.min(GENERATORS, ids.length) }, () => new Generator(GENERATOR_NICE, entry));
  console.log(
    `\n== ${sessions} sessions, paired: InterQ and the reference at once, ${primary === 'interq' ? 'InterQ' : 'the reference'} first in each pair of twins: ` +
      `connecting ${2 * sessions * CONNECTIONS_PER_SESSION} sockets (${sessions * PEOPLE.length} clients, each with a twin)…`,
  );
  const t0 = performance.now();
  const connected = gens.map((g) => g.next('connected'));
  gens.forEach((g, gi) =>
    g.send({ type: 'connect', port: servers[primary].port, twinPort: servers[twin].port, secretHex: secret.toString('hex'), sessionIds: ids.filter((_, i) => i % gens.length === gi), batch: 20 }),
  );
  const conns = (await Promise.all(connected)).reduce((n, m) => n + m.connections, 0);
  for (const g of gens) g.shortenSlice();
  console.log(`   connected ${conns} sockets in ${((performance.now() - t0) / 1000).toFixed(1)} s; sending (warm-up ${WARMUP_S} s, window ${WINDOW_S} s)…`);
  await sleep(2000);
  for (const g of gens) g.send({ type: 'send', on: true });
  await sleep(WARMUP_S * 1000);

  const threads = Object.fromEntries(SERVER_KINDS.map((k) => [k, runtimeThreadCounts(SERVER_FLAGS[k], process.env)])) as Record<ServerKind, RuntimeThreadCounts>;
  // Both servers' CPU read from /proc by this process at the same instants, not from their own stats answers: a
  // server whose loop is backed up answers late, and its window would then be shorter than the other's.
  const readCpu = () => ({
    at: performance.now(),
    ticks: machineTicks(),
    servers: SERVER_KINDS.map((k) => {
      const byThread = threadCpuMs(servers[k].child.pid, threads[k]);
      return { processMs: processCpuMs(servers[k].child.pid!), mainMs: byThread.get('main') ?? NaN, byThread };
    }),
  });
  // Asked so that the next answers' loop delay and GC report cover the window only.
  const s0 = await Promise.all(SERVER_KINDS.map((k) => servers[k].stats()));
  const cpu0 = readCpu();
  for (const g of gens) g.send({ type: 'window', start: true });
  for (const k of SERVER_KINDS) servers[k].markStdout(`window start ${k} ${sessions} sessions paired run ${run}`);
  await sleep(WINDOW_S * 1000);
  for (const k of SERVER_KINDS) servers[k].markStdout(`window end ${k} ${sessions} sessions paired run ${run}`);
  const windows = gens.map((g) => g.next('window'));
  for (const g of gens) g.send({ type: 'window', start: false });
  const cpu1 = readCpu();
  const s1 = await Promise.all(SERVER_KINDS.map((k) => servers[k].stats()));
  const reports = (await Promise.all(windows)).map((m) => m.report);
  printGeneratorAllocation(reports);
  for (const g of gens) g.send({ type: 'send', on: false });
  const flushes0 = s0[0]!.collab.projectorFlushes;
  const flushes1 = s1[0]!.collab.projectorFlushes;
  if (flushes0 && flushes1) console.log(`   run ${run}, our projector in the window: ${describeFlushStats(flushStatsBetween(flushes0, flushes1))}`);

  const verifying = gens.map((g) => g.next('verified'));
  for (const g of gens) g.send({ type: 'verify', timeoutMs: 60_000 });
  const verified = (await Promise.all(verifying)).map((m) => m.report);
  const loadAvg = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  for (const g of gens) await g.close();
  for (const k of SERVER_KINDS) {
    const code = await servers[k].stop();
    if (code !== 0) console.error(`   ${k} server exited with ${code}`);
  }
  const expected = Object.assign({}, ...verified.map((v) => v.expected)) as VerifyReport['expected'];
  const stored = await store.storedShortfalls(dataDirs.interq, expected);
  for (const k of SERVER_KINDS) fs.rmSync(dataDirs[k], { recursive: true, force: true });
  const shortfalls = verified.flatMap((v) => v.shortfalls);
  if (shortfalls.length) console.error(`   clients missing messages:\n     ${shortfalls.join('\n     ')}`);
  if (stored.length) console.error(`   ${store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} missing messages:\n     ${stored.slice(0, 20).join('\n     ')}`);

  const windowMs = Math.max(...reports.map((r) => r.windowMs));
  const serverWindow = (i: number): ServerWindow => ({
    wallMs: cpu1.at - cpu0.at,
    cpuUs: (cpu1.servers[i]!.processMs - cpu0.servers[i]!.processMs) * 1000,
    mainMs: cpu1.servers[i]!.mainMs - cpu0.servers[i]!.mainMs,
  });
  const delivered = reports.reduce((n, r) => n + r.delivered, 0);
  const twinDelivered = reports.reduce((n, r) => n + r.twinDelivered, 0);
  const updatesPerS = reports.reduce((n, r) => n + r.sent, 0) / (windowMs / 1000);
  /** Each thread's CPU per update in the window, largest first (the WAL checkpointer's share, V8's pool…). */
  const threadsPerUpdate = (i: number): string => {
    const updates = updatesPerS * ((cpu1.at - cpu0.at) / 1000);
    return [...cpu1.servers[i]!.byThread]
      .map(([k, v]) => [k, ((v - (cpu0.servers[i]!.byThread.get(k) ?? 0)) * 1000) / updates] as const)
      .filter(([, us]) => us > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([k, us]) => `${k} ${us.toFixed(1)}`)
      .join(', ');
  };
  return {
    sessions,
    run,
    primary,
    updatesPerS,
    threadsPerUpdate: { interq: threadsPerUpdate(0), 'y-websocket': threadsPerUpdate(1) },
    workloadPerS: workloadUpdatesPerSession(PEOPLE) * sessions,
    ours: serverWindow(0),
    reference: serverWindow(1),
    machineBusyPct: machineBusyPct(cpu0.ticks, cpu1.ticks),
    loadAvg,
    lostAtClients: shortfalls.length,
    lostInStore: stored.length,
    deliveredPerS: { primary: delivered / (windowMs / 1000), twin: twinDelivered / (windowMs / 1000) },
    generatorCpuPct: (reports.reduce((n, r) => n + r.cpuUs, 0) / 1000 / windowMs) * 100,
    generatorLoopMax: Math.max(...reports.map((r) => r.loop.max)),
    latency: {
      [primary]: latencyFigures(reports.map((r) => r.latencies)),
      [twin]: latencyFigures(reports.map((r) => r.twinLatencies)),
    } as Record<ServerKind, LatencyFigures>,
    generators: reports.map((r) => ({ loopMax: r.loop.max, gc: r.gc, young: { ...r.young, sent: r.sent } })),
    loopMax: { interq: s1[0]!.loop.max, 'y-websocket': s1[1]!.loop.max },
    gc: { interq: describeGc(s1[0]!.gc), 'y-websocket': describeGc(s1[1]!.gc) },
  };
}

/**
 * Sleeps through the window, taking a heap snapshot of the server at each --heap-snapshot-at offset; returns each
 * snapshot's file and when it was asked for (ms of the server's running time since the window started), and how
 * long the server was stopped writing them (the clients' updates paused meanwhile).
 */
async function heapSnapshotsInWindow(
  server: ServerProc,
  prefix: string,
  setSending: (on: boolean) => void,
): Promise<{ taken: Array<{ file: string; atMs: number }>; stoppedMs: number }> {
  fs.mkdirSync(HEAP_SNAPSHOT_DIR, { recursive: true });
  const start = performance.now();
  const taken: Array<{ file: string; atMs: number }> = [];
  // The offsets count the server's running time: the time it spent writing a snapshot (stopped, tens of seconds at
  // 500 sessions on a busy machine) is left out, so two snapshots always have the asked time of work between them.
  // The clients send no updates meanwhile (their presence renewals go on), so the server does not spend that time
  // catching up on a backlog of them: what it keeps between two snapshots is what it keeps in steady work.
  let stopped = 0;
  let previous = 0;
  for (const at of HEAP_SNAPSHOT_AT_S) {
    await sleep((at - previous) * 1000);
    previous = at;
    const file = path.join(HEAP_SNAPSHOT_DIR, `${prefix}-at${at}s.heapsnapshot`);
    setSending(false);
    const asked = performance.now();
    await server.heapSnapshot(file);
    const writing = performance.now() - asked;
    setSending(true);
    stopped += writing;
    console.log(`   heap snapshot at ${at} s of the window's running time (written in ${(writing / 1000).toFixed(1)} s): ${file}`);
    taken.push({ file, atMs: asked - start - (stopped - writing) });
  }
  await sleep(Math.max(0, WINDOW_S * 1000 - (performance.now() - start - stopped)));
  return { taken, stoppedMs: stopped };
}

/** What the server kept of what it allocated between its first and last snapshot (bench-sync/heap-snapshot-diff.ts). */
function describeSnapshots(snapshots: Array<{ file: string; atMs: number }>, sentPerS: number): void {
  const first = snapshots[0]!;
  const last = snapshots[snapshots.length - 1]!;
  const updates = Math.round((sentPerS * (last.atMs - first.atMs)) / 1000);
  try {
    const sinceId = highestId(readHeapSnapshot(first.file));
    const diff = diffSnapshots(sinceId, readHeapSnapshot(last.file));
    console.log(`   kept between the heap snapshots at ${(first.atMs / 1000).toFixed(1)} and ${(last.atMs / 1000).toFixed(1)} s (about ${updates} updates at the rate the clients sent):`);
    for (const line of describeDiff(diff, updates)) console.log(`     ${line}`);
  } catch (err) {
    console.error(`   could not compare the heap snapshots: ${(err as Error).message}`);
  }
}

/** p50, p99 and max (ms, bucket tops) of what a cumulative histogram of WAIT_BUCKET_MS buckets gained between two reads. */
function histogramFigures(before: number[], after: number[]): [number, number, number] {
  const counts = after.map((n, i) => n - (before[i] ?? 0));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return [NaN, NaN, NaN];
  const at = (q: number): number => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i]!;
      if (seen >= q * total) return (i + 1) * WAIT_BUCKET_MS;
    }
    return counts.length * WAIT_BUCKET_MS;
  };
  let last = counts.length - 1;
  while (last > 0 && counts[last] === 0) last--;
  return [at(0.5), at(0.99), (last + 1) * WAIT_BUCKET_MS];
}

/** The sequential runs' CPU per update, ours and the reference of the same run number, for describePaired. */
function sequentialPairs(rows: readonly Row[]): SequentialPair[] {
  const figures = (r: Row) => ({ cpuUs: r.serverCpuUsPerUpdate, mainUs: r.mainThreadUsPerUpdate });
  return rows
    .filter((r) => r.server === 'interq')
    .flatMap((ours) => {
      const ref = rows.find((r) => r.server === 'y-websocket' && r.sessions === ours.sessions && r.run === ours.run);
      return ref ? [{ sessions: ours.sessions, run: ours.run, ours: figures(ours), reference: figures(ref) }] : [];
    });
}

function runFigures(r: Row): RunFigures {
  return {
    server: r.server,
    sessions: r.sessions,
    p99: r.p99,
    max: r.max,
    cpuUsPerUpdate: r.serverCpuUsPerUpdate,
    serverLoopMax: r.serverLoopMax,
    generatorLoopMax: r.generatorLoopMax,
    probeP99: r.probe?.p99 ?? NaN,
    probeMax: r.probe?.max ?? NaN,
    // None slower than SLOW_SAMPLE_MS (the generators keep only those): that bound stands for it.
    maxWithoutGeneratorStall: r.blame.maxWithoutGeneratorStall ?? SLOW_SAMPLE_MS,
  };
}

/** With --heap-profile-generators: each generator's allocation per update it sent in the window, and where. */
function printGeneratorAllocation(reports: readonly WindowReport[]): void {
  reports.forEach((r, i) => {
    if (!r.heapProfile) return;
    const profile = JSON.parse(fs.readFileSync(r.heapProfile, 'utf8')) as SamplingHeapProfile;
    console.log(`   generator ${i + 1} allocated in the window ${describeAllocation(profile, r.sent)} (${r.heapProfile})`);
  });
}

/**
 * A load generator's young generation in the window, per update it sent: its scavenges copy and promote what its
 * clients keep (every message in each client's Y.Doc), and those scavenges are its longest turns of its own.
 */
function describeGeneratorYoung(y: YoungGenerationReport & { sent: number }): string {
  const perUpdate = (bytes: number) => (y.sent > 0 ? `${(bytes / y.sent / 1024).toFixed(2)} KB` : '-');
  return (
    `young generation in the window: ${y.scavenges} scavenges, allocated ${(y.allocatedBytes / 1048576).toFixed(0)} MB, ` +
    `promoted ${(y.promotedBytes / 1048576).toFixed(1)} MB (${perUpdate(y.promotedBytes)} per update it sent), kept by its scavenges ${(y.survivedBytes / 1048576).toFixed(1)} MB (${perUpdate(y.survivedBytes)})`
  );
}

function youngPerUpdate(young: YoungGenerationReport, updates: number): Row['youngPerUpdate'] {
  const per = (bytes: number) => bytes / Math.max(1, updates);
  return { scavenges: young.scavenges, allocated: per(young.allocatedBytes), promoted: per(young.promotedBytes), survived: per(young.survivedBytes) };
}

/** One line: the server's GC pauses by kind and its stalls, with what each stall overlapped. */
function describeGc(gc: BenchGcReport): string {
  const kinds = Object.entries(gc.byKind)
    .map(([k, v]) => `${k} ${v.count}× (max ${v.maxMs.toFixed(1)}, total ${v.totalMs.toFixed(0)} ms)`)
    .join(', ');
  const withGc = Object.entries(gc.stalls.withGc).map(([k, n]) => `${n} ${k}`).join(', ');
  const cpu = (s: { cpuMs?: number; waitMs?: number }) => (s.cpuMs === undefined ? '' : `; on CPU ${s.cpuMs.toFixed(0)}, waiting for a CPU ${s.waitMs!.toFixed(0)}`);
  const longest = gc.stalls.longest.map((s) => `${s.ms.toFixed(0)} ms [${s.gc}${cpu(s)}]`).join('; ');
  const byCause = gc.stalls.byCause
    ? `; by what most of it was: ${Object.entries(gc.stalls.byCause).map(([k, n]) => `${n} ${k}`).join(', ')}; most CPU inside one late turn ${(gc.stalls.mostCpuMs ?? []).map((x) => x.toFixed(0)).join(', ')} ms`
    : '';
  return `server GC: ${kinds || 'none'}; stalls over 15 ms: ${gc.stalls.count}${withGc ? ` (${withGc})` : ''}${byCause}${longest ? `, longest ${longest}` : ''}`;
}

function printTable(rows: Row[]): void {
  const header = [
    'server', 'run', 'sessions', 'clients', 'sockets', 'updates/s', 'deliveries/s', 'p50 ms', 'p99 ms', 'max ms',
    'probe p99/max', 'srv CPU %', 'CPU %/sess', 'CPU µs/upd', 'pings/s', 'gen CPU %', 'srv loop p99/max', 'gen loop p99/max', 'probe loop max', 'idle loop p99/max', 'srv RSS MB', 'KB/idle sess (RSS)', 'KB/idle sess (heap)', 'lost', 'load avg',
  ];
  const lines = rows.map((r) => [
    r.server, r.run, r.sessions, r.clients, r.connections, r.sentPerS.toFixed(0), r.deliveredPerS.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2),
    r.max.toFixed(1), r.probe ? `${r.probe.p99.toFixed(1)}/${r.probe.max.toFixed(0)}` : '-', r.serverCpuPct.toFixed(1), r.serverCpuPctPerSession.toFixed(3), r.serverCpuUsPerUpdate.toFixed(0), r.pingsPerS.toFixed(0), r.generatorCpuPct.toFixed(1),
    `${r.serverLoopP99.toFixed(1)}/${r.serverLoopMax.toFixed(0)}`, `${r.generatorLoopP99.toFixed(1)}/${r.generatorLoopMax.toFixed(0)}`,
    r.probe ? r.probe.loopMax.toFixed(0) : '-',
    `${r.idleLoopP99.toFixed(1)}/${r.idleLoopMax.toFixed(0)}`,
    r.rssMb.toFixed(0), r.rssPerSessionKb.toFixed(0), r.heapPerSessionKb.toFixed(0),
    `${r.lostAtClients}/${r.lostInSqlite ?? '-'}`, r.loadAvg,
  ].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(`\n${fmt(header)}\n${lines.map(fmt).join('\n')}`);
  console.log(`lost = receivers missing messages / documents in ${STORE === 'postgres' ? 'PostgreSQL' : 'SQLite'} missing messages (both must be 0; - : the reference stores nothing)`);
  console.log('CPU µs/upd = server CPU time (all its threads) per update sent, presence and pings included');
  console.log(`pings/s = WebSocket pings the clients received from the server in the window, per second (the reference pings every connection every ${PING_INTERVAL_S} s; ours only those it has not heard from in that time)`);
  for (const ours of rows.filter((r) => r.server === 'interq')) {
    const ref = rows.find((r) => r.server === 'y-websocket' && r.sessions === ours.sessions && r.run === ours.run);
    if (!ref) continue;
    console.log(
      `${ours.sessions} sessions${REPEAT > 1 ? `, run ${ours.run}` : ''}, InterQ / reference: CPU per update ${(ours.serverCpuUsPerUpdate / ref.serverCpuUsPerUpdate).toFixed(2)}, ` +
        `p99 ${(ours.p99 / ref.p99).toFixed(2)} (${ours.p99.toFixed(1)} / ${ref.p99.toFixed(1)} ms), pings ${ours.pingsPerS.toFixed(0)} / ${ref.pingsPerS.toFixed(0)} per s, ` +
        `max ${ours.max.toFixed(0)} / ${ref.max.toFixed(0)} ms, server loop max ${ours.serverLoopMax.toFixed(0)} / ${ref.serverLoopMax.toFixed(0)} ms, ` +
        `generator loop max ${ours.generatorLoopMax.toFixed(0)} / ${ref.generatorLoopMax.toFixed(0)} ms`,
    );
  }
  console.log(`presence on the stage per guest per minute${DIAGNOSTICS ? ' (with tech support diagnostics)' : ''}: ${rows.map((r) => `${r.server} ${r.sessions} sessions${REPEAT > 1 ? ` run ${r.run}` : ''}: ${r.guestPresenceSentPerMin.toFixed(0)} B sent by the guest, ${r.readerPresenceReceivedPerMin.toFixed(0)} B received by each staff reader`).join('; ')}`);
  console.log('loop = event-loop delay in ms during the window: server, load generator, and an idle process (the machine\'s noise floor)');
  if (rows.some((r) => r.probe)) {
    console.log(
      `probe = the deliveries of the sessions in the probe process alone (nice ${PROBE_NICE}, a nearly idle loop): what a client on its own device sees; ` +
        'p50/p99/max are every client\'s, the probe\'s included, and carry the load generators\' own late turns',
    );
  }
}

async function main(): Promise<void> {
  const store = await openBenchStore(STORE);
  console.log(`bench:sync (${describeOurServer(OUR_SERVER)}; our server's documents in ${store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}; ${CLIENT === 'raw' && !DIAGNOSTICS ? 'raw protocol clients' : 'y-websocket provider clients'}; servers run as ${SERVER_BUILD === 'bundle' ? 'a bundle with plain node' : 'TypeScript through tsx'}; ours with ${SERVER_FLAGS.interq.join(' ')} as npm start runs it; ${describeNiceness(os.getPriority(), GENERATOR_NICE, PROBE_SESSIONS > 0 ? PROBE_NICE : null)}${GENERATOR_SLICE_US === null ? '' : `, the load generators' threads with a ${GENERATOR_SLICE_US} µs scheduler slice`}; generators (${GENERATOR_BUILD === 'bundle' ? 'a bundle' : 'through tsx'}${PRESENCE_TICK ? `, presence tick ${PRESENCE_TICK} ms` : ''}${GENERATOR_FLAGS.length ? `, ${GENERATOR_FLAGS.join(' ')}` : ''})${REPEAT > 1 ? `; ${REPEAT} runs per server` : ''}) on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'})${PIN_SERVER ? `, the server pinned to CPU ${PIN_SERVER} and the load generators and probe to ${OTHER_CPUS}` : ''}, Node ${process.version}; load avg ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  if (WINDOW_S % PING_INTERVAL_S !== 0) {
    console.log(
      `note: the ${WINDOW_S} s window is not a whole number of the servers' ${PING_INTERVAL_S} s ping interval, so the pings inside it ` +
        `depend on where it falls (the reference's come in one burst per interval): compare the pings/s of both servers before their CPU`,
    );
  }
  const rows: Row[] = [];
  // Each run's result as soon as it is measured: a long run on a busy machine still leaves figures if it is stopped.
  const measure = async (n: number, kind: ServerKind, run: number) => {
    const r = await runOnce(n, kind, store, run);
    rows.push(r);
    console.log(
      `   ${r.sentPerS.toFixed(0)} updates/s; p50 ${r.p50.toFixed(2)} p99 ${r.p99.toFixed(2)} max ${r.max.toFixed(1)} ms; ` +
        `server ${r.serverCpuPct.toFixed(1)} % CPU, ${r.serverCpuUsPerUpdate.toFixed(0)} µs/update; loop max server ${r.serverLoopMax.toFixed(0)}, ` +
        `generator ${r.generatorLoopMax.toFixed(0)}, idle ${r.idleLoopMax.toFixed(0)} ms; pings ${r.pingsPerS.toFixed(0)}/s (${r.pingsInWindow} in the window, ` +
        `${r.connections} sockets); lost ${r.lostAtClients}/${r.lostInSqlite ?? '-'}; load ${r.loadAvg}`,
    );
    if (r.storeCpuPct !== null) console.log(`   PostgreSQL ${r.storeCpuPct.toFixed(1)} % CPU, ${r.storeCpuUsPerUpdate!.toFixed(0)} µs/update (server and PostgreSQL together ${(r.serverCpuUsPerUpdate + r.storeCpuUsPerUpdate!).toFixed(0)} µs/update)`);
    console.log(`   ${describeGc(r.gc)}`);
    for (const line of r.gcPhases) console.log(`   ${line}`);
    const y = r.youngPerUpdate;
    console.log(
      `   server young generation in the window, per update: allocated ${(y.allocated / 1024).toFixed(1)} KB, promoted ${(y.promoted / 1024).toFixed(2)} KB, kept by its ${y.scavenges} scavenges ${(y.survived / 1024).toFixed(2)} KB`,
    );
    r.generatorGc.forEach((g, i) => console.log(`   generator ${i + 1} ${describeGc(g).replace('server GC', 'GC')}`));
    r.generatorYoung.forEach((y, i) => console.log(`   generator ${i + 1} ${describeGeneratorYoung(y)}`));
    if (r.probe) {
      console.log(
        `   probe (${r.probe.sessions} sessions in a process of their own at nice ${PROBE_NICE}, ${r.probe.samples} deliveries): ` +
          `p50 ${r.probe.p50.toFixed(2)} p99 ${r.probe.p99.toFixed(2)} max ${r.probe.max.toFixed(1)} ms; its own loop max ${r.probe.loopMax.toFixed(0)} ms; ` +
          describeGc(r.probe.gc).replace('server GC', 'GC'),
      );
    }
    if (r.idleWindow) {
      console.log(`   idle (every client connected, none writing, ${r.idleWindow.seconds.toFixed(0)} s): server ${r.idleWindow.cpuPct.toFixed(2)} % CPU (${((r.idleWindow.cpuPct * 10) / r.sessions).toFixed(3)} ms per session per s), loop max ${r.idleWindow.loopMax.toFixed(0)} ms`);
    }
    console.log(`   ${describeBlame(r.blame)}`);
    if (r.schedWaits) console.log(`   ${r.schedWaits}`);
    for (const line of r.stallStacks) console.log(`   ${line}`);
    if (r.threadsCpu) console.log(`   server CPU by thread in the window: ${r.threadsCpu}`);
    if (r.allocation) console.log(`   server allocation in the window (sampled): ${r.allocation}`);
    if (r.longTasks) for (const line of describeLongTasks(r.longTasks)) console.log(`   ${line}`);
    if (r.batchesPerTransaction !== null) console.log(`   documents' batches per SQLite transaction: ${r.batchesPerTransaction.toFixed(2)}`);
    if (r.turnWaits) {
      const f = (t: [number, number, number]) => t.map((x) => x.toFixed(1)).join('/');
      console.log(
        `   stored before relayed: a turn's first client message waited ${f(r.turnWaits.beforeCommit)} ms (p50/p99/max) for the turn's end, ` +
          `which (the SQLite transaction, then the relays) took ${f(r.turnWaits.commitAndRelay)} ms`,
      );
    }
    if (r.projectorFlushes) console.log(`   projector: ${describeFlushStats(r.projectorFlushes)}`);
    if (r.deferredMessages) console.log(`   client messages that waited for a later slice of the event loop (turn budget): ${r.deferredMessages.deferred} in ${r.deferredMessages.slices} slices`);
  };
  // Ours and the reference alternate, in the order ABBA… over the whole invocation (not per session count: with one
  // run each the reference always went second), so a machine that gets busier or quieter weighs on both sides alike.
  const paired: PairedRow[] = [];
  const measurePaired = async (n: number, run: number, primary: ServerKind) => {
    const p = await runPaired(n, store, run, primary);
    paired.push(p);
    const a = perUpdate(p.ours, p.updatesPerS);
    const b = perUpdate(p.reference, p.updatesPerS);
    console.log(
      `   paired window: to each server ${describeRate(p)}; CPU per update InterQ ${a.cpuUs.toFixed(0)} / reference ${b.cpuUs.toFixed(0)} µs (${(a.cpuUs / b.cpuUs).toFixed(2)}×), ` +
        `main thread ${a.mainUs.toFixed(0)} / ${b.mainUs.toFixed(0)} µs (${(a.mainUs / b.mainUs).toFixed(2)}×); machine ${p.machineBusyPct.toFixed(0)} % busy (all cores), ` +
        `generators ${p.generatorCpuPct.toFixed(0)} % CPU, loop max ${p.generatorLoopMax.toFixed(0)} ms; deliveries/s ${p.deliveredPerS.primary.toFixed(0)} (${primary} first) / ${p.deliveredPerS.twin.toFixed(0)} (twins); ` +
        `lost ${p.lostAtClients}/${p.lostInStore}; load ${p.loadAvg}`,
    );
    console.log(`   CPU per update by thread, µs: InterQ ${p.threadsPerUpdate.interq} | reference ${p.threadsPerUpdate['y-websocket']}`);
    const lat = (l: LatencyFigures) => `p50 ${l.p50.toFixed(2)} p99 ${l.p99.toFixed(2)} max ${l.max.toFixed(1)} ms (${l.samples} deliveries)`;
    console.log(`   latency in the same window: InterQ ${lat(p.latency.interq)}; reference ${lat(p.latency['y-websocket'])}`);
    p.generators.forEach((g, i) => {
      console.log(`   generator ${i + 1} loop max ${g.loopMax.toFixed(0)} ms, ${describeGc(g.gc).replace('server GC', 'GC')}`);
      console.log(`   generator ${i + 1} ${describeGeneratorYoung(g.young)}`);
    });
    console.log(`   InterQ loop max ${p.loopMax.interq.toFixed(0)} ms, ${p.gc.interq}`);
    console.log(`   reference loop max ${p.loopMax['y-websocket'].toFixed(0)} ms, ${p.gc['y-websocket'].replace('server GC', 'GC')}`);
  };
  let pairs = 0;
  let pairedRuns = 0;
  for (const n of SESSION_COUNTS) {
    for (let run = 1; run <= REPEAT; run++) {
      const order: ServerKind[] = PEER ? (pairs++ % 2 === 0 ? ['interq', 'y-websocket'] : ['y-websocket', 'interq']) : ['interq'];
      if (REPEAT > 1) console.log(`\n-- ${n} sessions, run ${run} of ${REPEAT}`);
      if (PAIRED !== 'only') for (const kind of order) await measure(n, kind, run);
      // Which server's clients write first and set off the approvals alternates too.
      if (PAIRED !== 'off') await measurePaired(n, run, pairedRuns++ % 2 === 0 ? 'interq' : 'y-websocket');
    }
  }
  await store.close();
  if (rows.length) printTable(rows);
  const medians = mediansOf(rows.map(runFigures));
  if (REPEAT > 1 && rows.length) console.log(`\n${describeMedians(medians, 'interq', 'y-websocket').join('\n')}`);
  if (PAIRED !== 'off') console.log(`\n${describePaired(paired, sequentialPairs(rows)).join('\n')}`);
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ rows, medians, paired }, null, 2));
  const failed = rows.some((r) => r.lostAtClients > 0 || (r.lostInSqlite ?? 0) > 0) || paired.some((p) => p.lostAtClients > 0 || p.lostInStore > 0);
  process.exit(failed ? 1 : 0);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
