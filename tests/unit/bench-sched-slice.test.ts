/**
 * bench:sync --generator-slice-us (scripts/bench-sync/sched-slice.ts): a load generator's threads get the scheduler
 * slice asked for, at their own niceness, and a kernel that ignores the request is named, not measured as if it had
 * taken it. Real child processes and the real system call (through python3). A custom slice needs Linux 6.12 or later;
 * on an older kernel the case checks that the option says so instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SLICE_US, MIN_SLICE_US, parseSliceUs, setProcessSlice, threadSliceNs } from '../../scripts/bench-sync/sched-slice';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** Linux 6.12 added custom slices for SCHED_OTHER (EEVDF's sched_runtime). */
const [major = 0, minor = 0] = os.release().split('.').map((p) => Number.parseInt(p, 10));
const KERNEL_TAKES_SLICES = major > 6 || (major === 6 && minor >= 12);

/** A Node child with its runtime threads started, at `nice` (its niceness must survive the slice being set). */
async function nodeChild(nice: number): Promise<number> {
  const c = spawn('nice', ['-n', String(nice), process.execPath, '-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(c);
  const pid = c.pid!;
  for (let i = 0; i < 200 && (!fs.existsSync(`/proc/${pid}/task`) || fs.readdirSync(`/proc/${pid}/task`).length < 4 || os.getPriority(pid) !== Math.min(19, os.getPriority() + nice)); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return pid;
}

describe('bench:sync --generator-slice-us', () => {
  it('takes a whole number of µs inside the kernel bounds, and nothing when not given', () => {
    expect(parseSliceUs('')).toBeNull();
    expect(parseSliceUs(String(MIN_SLICE_US))).toBe(MIN_SLICE_US);
    expect(parseSliceUs('300')).toBe(300);
    expect(parseSliceUs(String(MAX_SLICE_US))).toBe(MAX_SLICE_US);
    for (const bad of ['99', '100001', '150.5', 'short', '-200']) expect(() => parseSliceUs(bad)).toThrow(/--generator-slice-us .*whole number of µs from 100 to 100000/);
  });

  it.skipIf(!KERNEL_TAKES_SLICES)("gives every thread of a process the slice, and keeps each thread's niceness", async () => {
    const pid = await nodeChild(4);
    const tids = fs.readdirSync(`/proc/${pid}/task`).map(Number);
    expect(tids.length).toBeGreaterThanOrEqual(4); // the main thread and V8's and libuv's
    const niceBefore = tids.map((tid) => os.getPriority(tid));
    const sliceBefore = threadSliceNs(pid, pid);
    expect(sliceBefore).not.toBe(250_000); // the kernel's default is not what the case sets

    expect(setProcessSlice(pid, 250)).toBeNull();

    for (const tid of tids) expect(threadSliceNs(pid, tid)).toBe(250_000);
    expect(tids.map((tid) => os.getPriority(tid))).toEqual(niceBefore);
  });

  it.skipIf(KERNEL_TAKES_SLICES)('names a kernel that ignores the slice (before 6.12)', async () => {
    const pid = await nodeChild(0);
    expect(setProcessSlice(pid, 250)).toMatch(/do not read back a 250 µs slice|cannot be read back|could not set it/);
  });

  it('names a process it cannot reach', () => {
    // Above the largest pid Linux allows (4,194,304), so no process has it.
    expect(setProcessSlice(5_000_000, 250)).toMatch(/cannot list its threads/);
  });
});
