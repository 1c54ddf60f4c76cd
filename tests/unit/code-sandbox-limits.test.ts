/**
 * The code sandbox's per-case limit (worker/sandbox/run-code.ts), with a port that plays the sandbox's side on the
 * test's schedule: a case is judged only after what the sandbox sent before its limit has been read. On a busy
 * device the page and the sandbox are starved together; when they run again, the due timer can come before a
 * result that was already waiting, and a case that had finished was reported as an endless loop (code-sandbox's
 * "promise never settles" case failed so under load). An endless loop is still stopped at its limit.
 */
import { describe, expect, it } from 'vitest';
import { runCode, type SandboxPort } from '../../worker/sandbox/run-code';
import { SANDBOX_PROTOCOL_VERSION as v, type SandboxMessage } from '../../worker/sandbox/protocol';

const INPUT = { source: 'function f(x) { return x; }', language: 'javascript' as const, functionName: 'f', cases: [[1], [2], [3]] };
const returned = (index: number): SandboxMessage => ({ v, type: 'case', index, outcome: { ok: true, value: index + 1, ms: 0.1, logs: [] } });

/** This thread does nothing else for `ms`, as a device busy with other work. */
function starve(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

/** A port whose sandbox side is `script`, run once the run request is posted; `terminated` says whether the run stopped it. */
function scriptedPort(script: (send: (m: SandboxMessage) => void) => void, alive?: () => Promise<boolean>): { port: () => SandboxPort; terminated: () => boolean } {
  let stopped = false;
  return {
    terminated: () => stopped,
    port: () => {
      let deliver: (data: unknown) => void = () => undefined;
      return {
        postMessage: () => void setImmediate(() => script((m) => deliver(m))),
        listen(onMessage) {
          deliver = onMessage;
          return () => {
            deliver = () => undefined;
          };
        },
        terminate: () => void (stopped = true),
        ...(alive ? { alive } : {}),
      };
    },
  };
}

describe('code sandbox per-case limit', () => {
  it('reads a result that was waiting when the limit passed: the case finished, it is not an endless loop', async () => {
    const { port } = scriptedPort((send) => {
      send({ v, type: 'ready' });
      send({ v, type: 'case-start', index: 0 });
      // The sandbox answers at once, but its messages are read only after this thread was starved past the limit.
      setImmediate(() => {
        send(returned(0));
        for (const index of [1, 2]) {
          send({ v, type: 'case-start', index });
          send(returned(index));
        }
        send({ v, type: 'done' });
      });
      starve(400);
    });
    const report = await runCode(port, INPUT, { perCaseMs: 300, loadMs: 60_000 });
    expect(report.cases.map((c) => c.state)).toEqual(['returned', 'returned', 'returned']);
  });

  it('the same while the port is asked whether the sandbox lives', async () => {
    const { port } = scriptedPort(
      (send) => {
        send({ v, type: 'ready' });
        send({ v, type: 'case-start', index: 0 });
        setImmediate(() => {
          send(returned(0));
          send({ v, type: 'done' });
        });
        starve(400);
      },
      // Answered after the waiting result, as a ping through the same channel is.
      () => new Promise((resolve) => setTimeout(() => resolve(true), 50)),
    );
    const report = await runCode(port, { ...INPUT, cases: [[1]] }, { perCaseMs: 300, loadMs: 60_000 });
    expect(report.cases).toEqual([{ state: 'returned', value: 1, ms: 0.1, logs: [] }]);
  });

  it('stops a case that sends nothing at its limit, and reports the cases after it as not run', async () => {
    const loop = scriptedPort((send) => {
      send({ v, type: 'ready' });
      send({ v, type: 'case-start', index: 0 });
      send(returned(0));
      send({ v, type: 'case-start', index: 1 });
    });
    const started = performance.now();
    const report = await runCode(loop.port, INPUT, { perCaseMs: 300, loadMs: 60_000 });
    expect(report.cases.map((c) => c.state)).toEqual(['returned', 'timeout', 'not-run']);
    expect(report.cases[1]).toEqual({ state: 'timeout', limitMs: 300 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(loop.terminated()).toBe(true);

    // A sandbox that does not answer the question at the limit died of its memory meanwhile.
    const dead = scriptedPort(
      (send) => {
        send({ v, type: 'ready' });
        send({ v, type: 'case-start', index: 0 });
      },
      async () => false,
    );
    expect((await runCode(dead.port, INPUT, { perCaseMs: 100, loadMs: 60_000 })).cases[0]).toEqual({ state: 'memory', limitMb: null });
  });
});

describe('code sandbox load limit', () => {
  const compileError: SandboxMessage = { v, type: 'load-error', message: 'the code does not compile: Unexpected token (1:30)', line: 1 };

  it('times the code’s loading from when the sandbox runs it, not from its start: a slow start is not an endless loop', async () => {
    // The sandbox takes longer to start (a busy device loading the worker and its compiler) than the load limit, then
    // finds the code does not compile. Before, the load limit ran from the start and called it an endless loop.
    const { port } = scriptedPort((send) => {
      setTimeout(() => {
        send(compileError);
        send({ v, type: 'done' });
      }, 300);
    });
    const report = await runCode(port, INPUT, { perCaseMs: 300, loadMs: 100 });
    expect(report.loadError).toBe('the code does not compile: Unexpected token (1:30)');
    expect(report.loadErrorLine).toBe(1);
  });

  it('reads a load error that was waiting when the load limit passed', async () => {
    const { port } = scriptedPort((send) => {
      send({ v, type: 'loading' });
      setImmediate(() => {
        send(compileError);
        send({ v, type: 'done' });
      });
      starve(300);
    });
    const report = await runCode(port, INPUT, { perCaseMs: 300, loadMs: 100 });
    expect(report.loadError).toBe('the code does not compile: Unexpected token (1:30)');
  });

  it('stops code whose top level never ends at the load limit, and a sandbox that never starts at the start limit, each in its own words', async () => {
    const looping = scriptedPort((send) => send({ v, type: 'loading' }));
    const loopReport = await runCode(looping.port, INPUT, { perCaseMs: 300, loadMs: 100 });
    expect(loopReport.loadError).toBe('the code did not finish loading within 0.1 s (an endless loop outside the function?)');
    expect(loopReport.cases.every((c) => c.state === 'not-run')).toBe(true);
    expect(looping.terminated()).toBe(true);

    const silent = scriptedPort(() => undefined);
    const silentReport = await runCode(silent.port, INPUT, { perCaseMs: 300, loadMs: 100, startMs: 200 });
    expect(silentReport.loadError).toBe('the sandbox did not start within 0.2 s (the device is busy; the code itself never ran)');
    expect(silent.terminated()).toBe(true);
  });
});
