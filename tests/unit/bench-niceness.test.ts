/**
 * bench:sync's client processes run at the niceness asked for (scripts/bench-sync/niceness.ts), also when the bench
 * itself runs niced and the ask is 0 (the probe's default), which the old code skipped: the probe then ran at the
 * bench's niceness while its lines said 0. Real child processes; lowering a niceness needs root, so that case runs
 * only as root.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { describeNiceness, runAtNiceness } from '../../scripts/bench-sync/niceness';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A sleeping child started through `nice -n <by>` (0: at this process's niceness), once `nice` has set it. */
async function child(by: number): Promise<number> {
  const c = spawn('nice', ['-n', String(by), process.execPath, '-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(c);
  const want = Math.min(19, os.getPriority() + by);
  for (let i = 0; i < 100 && os.getPriority(c.pid!) !== want; i++) await new Promise((r) => setTimeout(r, 10));
  return c.pid!;
}

describe("bench:sync's client niceness", () => {
  it('sets a client to the niceness asked for, and leaves one that is there already', async () => {
    const own = os.getPriority();
    const pid = await child(0);
    expect(os.getPriority(pid)).toBe(own);
    expect(runAtNiceness(pid, Math.min(19, own + 3))).toBeNull();
    expect(os.getPriority(pid)).toBe(Math.min(19, own + 3));
    expect(runAtNiceness(pid, Math.min(19, own + 3))).toBeNull();
  });

  it.skipIf(process.getuid?.() !== 0)('brings a client started niced back to 0 when 0 is asked for (a niced bench, the default probe)', async () => {
    const pid = await child(5);
    const started = os.getPriority(pid);
    expect(started).toBeGreaterThan(0);
    expect(runAtNiceness(pid, 0)).toBeNull();
    expect(os.getPriority(pid)).toBe(0);
  });

  it('says where the servers, the generators and the probe run, and the gap between them', () => {
    expect(describeNiceness(5, 15, 0)).toBe('servers at nice 5, generators at nice 15 (10 below the servers), probe at nice 0');
    expect(describeNiceness(0, 10, null)).toBe('servers at nice 0, generators at nice 10 (10 below the servers)');
    expect(describeNiceness(5, 5, 5)).toBe('servers at nice 5, generators at nice 5 (the same as the servers), probe at nice 5');
  });
});
