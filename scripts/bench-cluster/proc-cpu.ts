/**
 * CPU time of processes that bench:cluster did not write (PostgreSQL's server processes) or that answer nothing about
 * themselves (the nodes, npm start's main.ts), read from Linux's /proc: a process's user + system time covers all its
 * threads (the compaction fold worker included).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcStat {
  ppid: number;
  /** utime + stime, ms. */
  own: number;
  /** cutime + cstime: children that exited and were waited for, ms. */
  reaped: number;
}

/** A /proc `stat` file (a process's, or a thread's under task/) read; null when the process or thread is gone. */
function stat(file: string): (ProcStat & { name: string }) | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null; // gone
  }
  // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ms = (i: number) => (Number(f[i]) * 1000) / TICKS_PER_S;
  return { name: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), ppid: Number(f[1]), own: ms(11) + ms(12), reaped: ms(13) + ms(14) };
}

const processStat = (pid: number) => stat(`/proc/${pid}/stat`);

/** CPU ms one process has used so far (all its threads); NaN when it is gone. */
export function processCpuMs(pid: number): number {
  return processStat(pid)?.own ?? NaN;
}

/**
 * CPU ms a server and its children have used so far: its own, its live children's, and what its exited children
 * used (PostgreSQL's postmaster waits for its backends, so a closed connection's time still counts).
 */
export function processTreeCpuMs(pid: number): number {
  const root = processStat(pid);
  if (!root) return NaN;
  let total = root.own + root.reaped;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = processStat(Number(entry));
    if (s?.ppid === pid) total += s.own;
  }
  return total;
}

/** The postmaster of the PostgreSQL listening on `port` (tests/support/postgres.ts starts it with `-p <port>`). */
export function postmasterPid(port: number): number | null {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const p = args.indexOf('-p');
    if (p >= 0 && args[p + 1] === String(port) && /postgres$/.test(args[0] ?? '')) return Number(entry);
  }
  return null;
}

/** How many threads Node 20 starts for V8 and libuv: `--v8-pool-size` (4 by default) and UV_THREADPOOL_SIZE (4). */
export interface RuntimeThreadCounts {
  v8Pool: number;
  uvPool: number;
}

const DEFAULT_RUNTIME_THREADS: RuntimeThreadCounts = { v8Pool: 4, uvPool: 4 };

/** The counts a Node process started with these flags and environment runs (the last `--v8-pool-size` given counts). */
export function runtimeThreadCounts(execArgv: readonly string[], env: NodeJS.ProcessEnv = {}): RuntimeThreadCounts {
  const v8 = execArgv.map((a) => /^--v8-pool-size=(\d+)$/.exec(a)?.[1]).filter((v) => v !== undefined).pop();
  const uv = Number(env.UV_THREADPOOL_SIZE);
  return { v8Pool: v8 !== undefined ? Number(v8) : DEFAULT_RUNTIME_THREADS.v8Pool, uvPool: uv > 0 ? uv : DEFAULT_RUNTIME_THREADS.uvPool };
}

/**
 * What Node 20's own threads do, which all carry the name "node": told apart by the order Node starts them in
 * (thread ids ascend), checked on Node 20.20 by loading each kind (an allocation loop moves only the V8 pool's
 * CPU, async pbkdf2 only libuv's): node's delayed-task scheduler (its own uv loop), V8's platform workers (GC
 * helpers: concurrent marking, parallel scavenges, sweeping; and the optimizing compiler), the inspector's
 * SIGUSR1 watcher, then libuv's pool (started by the ES module loader's first file read, before any of the
 * program's code). Our own worker threads name themselves (sync-server/collab/*), so they never count here.
 */
function runtimeThreadName(index: number, counts: RuntimeThreadCounts): string {
  if (index === 0) return 'node-scheduler';
  if (index <= counts.v8Pool) return 'v8-pool';
  if (index === counts.v8Pool + 1) return 'node-inspector';
  if (index <= counts.v8Pool + 1 + counts.uvPool) return 'libuv-pool';
  return 'node';
}

/**
 * CPU ms of each thread of a process by thread name (Linux /proc; empty elsewhere): main, V8's pool (GC helpers),
 * libuv's pool, and the workers that name themselves.
 */
export function threadCpuMs(pid: number | undefined, counts: RuntimeThreadCounts = DEFAULT_RUNTIME_THREADS): Map<string, number> {
  const out = new Map<string, number>();
  if (!pid) return out;
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // not Linux, or the process is gone
  }
  let unnamed = 0;
  for (const tid of tids.sort((a, b) => Number(a) - Number(b))) {
    const s = stat(`/proc/${pid}/task/${tid}/stat`);
    if (!s) continue;
    const key = tid === String(pid) ? 'main' : s.name === 'node' ? runtimeThreadName(unnamed++, counts) : s.name;
    out.set(key, (out.get(key) ?? 0) + s.own);
  }
  return out;
}

/** Context switches of every thread of a process so far (Linux /proc/<pid>/task/<tid>/status); zeros elsewhere. */
export interface ContextSwitches {
  /** The thread waited (I/O, a timer, an empty event loop): the kernel switched because it had nothing to run. */
  voluntary: number;
  /** The thread could still run but the kernel gave the core to another thread (CPU contention). */
  nonvoluntary: number;
}

export function contextSwitches(pid: number | undefined): ContextSwitches {
  const out = { voluntary: 0, nonvoluntary: 0 };
  if (!pid) return out;
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    out.voluntary += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(text)?.[1] ?? 0);
    out.nonvoluntary += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(text)?.[1] ?? 0);
  }
  return out;
}
