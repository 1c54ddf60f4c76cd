/**
 * bench:sync `--generator-slice-us N`: the load generators' threads ask the kernel's fair scheduler (EEVDF, Linux 6.6
 * and later; a custom slice from 6.12) for a time slice of N µs instead of its default (0.7 ms × (1 + log2 CPUs): 1.4 ms
 * on 2 cores). Their niceness, and so their share of the CPUs when every core is wanted, is unchanged.
 *
 * Why: at 500 sessions the slowest deliveries are the generators' own late turns, and those are nearly all time spent
 * waiting for a CPU (their stall lines: 2–8 ms on a CPU inside 30–95 ms late). EEVDF runs the task with the earliest
 * virtual deadline, and a task's deadline is its slice scaled by 1024 / its weight: at nice 10 (weight 110) a 1.4 ms
 * slice is 13 ms of virtual time, so a generator that wakes up with a socket to read queues behind every nice-0 server
 * thread that has a nearer deadline. A short slice brings its deadline near (0.1 ms at nice 10: 0.9 ms), so the
 * scheduler runs it soon after it wakes, in short pieces, while its weight still caps what it takes from the servers
 * in a contended minute. The kernel's documentation: Documentation/scheduler/sched-eevdf.rst.
 *
 * The slice is a thread's own (a thread created later starts at the default), so it is set on every thread the process
 * has when called: after the generator has connected, its V8 and libuv threads exist. Node cannot make the system call
 * itself; python3's ctypes does (sched_setattr with SCHED_OTHER, the thread's own niceness and sched_runtime = the
 * slice). Each thread's slice is then read back from /proc/<pid>/task/<tid>/sched, so a kernel that ignores the
 * request (before 6.12) is named rather than silently measured as if it had taken it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** The kernel's bounds for a custom slice (kernel/sched/syscalls.c: 0.1 ms to 100 ms). */
export const MIN_SLICE_US = 100;
export const MAX_SLICE_US = 100_000;

/** sched_setattr(2) for each thread id given (argv[2:]) with sched_runtime = argv[1] ns, keeping its niceness. */
const SET_SLICE_PY = `
import ctypes, os, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
SYS_sched_setattr = {'x86_64': 314, 'aarch64': 274}[os.uname().machine]
ns = int(sys.argv[1])
for tid in map(int, sys.argv[2:]):
    nice = os.getpriority(os.PRIO_PROCESS, tid)
    # struct sched_attr: size, policy (SCHED_OTHER), flags, nice, priority, runtime, deadline, period (utilisation clamps: none)
    attr = ctypes.create_string_buffer(struct.pack('IIQiIQQQII', 56, 0, 0, nice, 0, ns, 0, 0, 0, 0), 56)
    if libc.syscall(SYS_sched_setattr, tid, attr, 0) != 0 and ctypes.get_errno() != 3:  # ESRCH: the thread has ended
        sys.exit('sched_setattr(%d): %s' % (tid, os.strerror(ctypes.get_errno())))
`;

/** `--generator-slice-us`'s value: null when not given, else a whole number of µs inside the kernel's bounds. */
export function parseSliceUs(value: string): number | null {
  if (value === '') return null;
  const us = Number(value);
  if (!Number.isInteger(us) || us < MIN_SLICE_US || us > MAX_SLICE_US) {
    throw new Error(`--generator-slice-us ${value}: give a whole number of µs from ${MIN_SLICE_US} to ${MAX_SLICE_US} (the kernel's bounds for a slice)`);
  }
  return us;
}

/** A thread's slice in ns as the scheduler reports it (/proc/<pid>/task/<tid>/sched, `se.slice`), or null if unreadable. */
export function threadSliceNs(pid: number, tid: number): number | null {
  try {
    const m = /^se\.slice\s*:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/task/${tid}/sched`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Sets every current thread of `pid` to a slice of `sliceUs` and checks it took. Returns null when every thread reads
 * back that slice, else why not (python3 missing, the call refused, or a kernel that ignored it).
 */
export function setProcessSlice(pid: number, sliceUs: number): string | null {
  let tids: number[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`).map(Number);
  } catch (err) {
    return `cannot list its threads (${(err as Error).message})`;
  }
  try {
    execFileSync('python3', ['-c', SET_SLICE_PY, String(sliceUs * 1000), ...tids.map(String)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    return `python3 could not set it (${stderr || (err as Error).message})`;
  }
  // A thread that ended meanwhile reads back nothing; so does every thread where the kernel has no /proc/…/sched.
  const read = tids.map((tid) => threadSliceNs(pid, tid)).filter((ns): ns is number => ns !== null);
  if (read.length === 0) return `its threads' slices cannot be read back (/proc/${pid}/task/<tid>/sched), so it is not known to have taken`;
  const off = read.filter((ns) => ns !== sliceUs * 1000).length;
  return off === 0 ? null : `${off} of ${read.length} threads do not read back a ${sliceUs} µs slice (a kernel before 6.12 ignores it)`;
}
