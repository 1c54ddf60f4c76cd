/**
 * bench:sync --trace-long-tasks (tests/support/answer-bench-parent.ts): a traced server's stalls also say how much of
 * each it ran on a CPU and how much it waited for one, so a late turn with no GC is told apart from the machine
 * giving the core to a load generator. Untraced, the server reads nothing more. A real process with the bench's own
 * observer; its IPC answer is caught in the process itself.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchGcReport } from '../support/answer-bench-parent';

const ROOT = path.resolve(__dirname, '../..');

/** The server's stall report after one 60 ms turn on the CPU, from a process with the given environment. */
function stallsOfABusyTurn(env: NodeJS.ProcessEnv): BenchGcReport['stalls'] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-stalls-'));
  const child = path.join(dir, 'child.mts');
  fs.writeFileSync(
    child,
    `import { answerBenchParent } from ${JSON.stringify(path.join(ROOT, 'tests/support/answer-bench-parent.ts'))};
const sent: Array<{ type: string; gc?: { stalls: unknown } }> = [];
process.send = ((m: { type: string }) => (sent.push(m), true)) as typeof process.send;
answerBenchParent(() => {}, () => ({}));
const after = (ms: number) => new Promise((r) => setTimeout(r, ms));
await after(50);
const until = performance.now() + 60;
while (performance.now() < until) { /* one long turn of the server's own */ }
await after(50);
process.emit('message' as never, { type: 'stats' } as never);
console.log(JSON.stringify(sent.find((m) => m.type === 'stats')!.gc!.stalls));
process.exit(0);
`,
  );
  try {
    const out = spawnSync(process.execPath, ['--import', 'tsx', child], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
    expect(out.status, out.stderr).toBe(0);
    return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as BenchGcReport['stalls'];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('bench:sync server stalls', () => {
  it('traced, says how much of a stall the server ran on a CPU and how much it waited for one', () => {
    const stalls = stallsOfABusyTurn({ INTERQ_TRACE_LONG_TASKS: '8' });
    expect(stalls.count).toBeGreaterThanOrEqual(1);
    const [longest] = stalls.longest;
    // A turn of 60 ms on the clock, late by about 50: however busy the machine, it was running or waiting to run.
    expect(longest!.ms).toBeGreaterThan(15);
    expect(longest!.cpuMs).toBeGreaterThan(0);
    expect(longest!.cpuMs! + longest!.waitMs!).toBeGreaterThan(longest!.ms / 2);
    expect(Object.values(stalls.byCause ?? {}).reduce((a, b) => a + b, 0)).toBe(stalls.count);
    expect(stalls.mostCpuMs?.length).toBeGreaterThan(0);
  });

  it('untraced, records the same stall without reading the thread CPU clock', () => {
    const stalls = stallsOfABusyTurn({ INTERQ_TRACE_LONG_TASKS: '' });
    expect(stalls.count).toBeGreaterThanOrEqual(1);
    expect(stalls.longest[0]!.cpuMs).toBeUndefined();
    expect(stalls.byCause).toBeUndefined();
  });
});
