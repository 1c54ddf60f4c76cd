/**
 * Parts of the code sandbox that need no worker: the lockdown of a global scope (on an object built like a worker's
 * global, with names on the instance and on its prototypes), the judging of results, and the handler's refusal to
 * run a second request or a malformed one.
 */
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/domain/coding/judge';
import { createSandboxHandler } from '../../worker/sandbox/handler';
import { lockDown } from '../../worker/sandbox/lockdown';
import { SANDBOX_PROTOCOL_VERSION, type SandboxMessage } from '../../worker/sandbox/protocol';

describe('lockDown', () => {
  it('removes network, storage and messaging from the scope and every prototype it inherits from', () => {
    class EventTargetLike {
      addEventListener() {}
    }
    class GlobalScopeLike extends EventTargetLike {
      get indexedDB() {
        return {};
      }
      fetch() {}
      importScripts() {}
    }
    const scope = Object.assign(new GlobalScopeLike(), { WebSocket: class {}, postMessage() {}, Math, keep: 1 });
    expect(lockDown(scope)).toEqual([]);
    const s = scope as unknown as Record<string, unknown>;
    for (const name of ['indexedDB', 'fetch', 'importScripts', 'WebSocket', 'postMessage']) expect(s[name], name).toBeUndefined();
    // What a computation needs stays.
    expect(s.Math).toBe(Math);
    expect(s.keep).toBe(1);
    expect(typeof s.addEventListener).toBe('function');
  });

  it('reports what it could not remove, so the worker refuses to run code', () => {
    const scope = {};
    Object.defineProperty(scope, 'fetch', { value: () => undefined, configurable: false });
    expect(lockDown(scope)).toEqual(['fetch']);
  });
});

describe('judge', () => {
  const tests = [
    { args: [1], expected: { a: [1, 2] } },
    { args: [2], expected: 2 },
    { args: [3], expected: 3 },
  ];
  it('compares as JSON (key order ignored) and counts passes', () => {
    const j = judge({ loadError: null, cases: [{ state: 'returned', value: { a: [1, 2] }, ms: 1, logs: [] }, { state: 'returned', value: '2', ms: 1, logs: [] }, { state: 'timeout', limitMs: 2000 }] }, tests);
    expect(j).toMatchObject({ passed: 1, total: 3 });
    expect(j.verdicts.map((v) => v.state)).toEqual(['passed', 'wrong', 'timeout']);
    expect(j.verdicts[2]!.detail).toBe('still running after 2 s, so it was stopped (an endless loop?)');
  });
  it('marks every case not run, with the reason, when the code did not load', () => {
    const j = judge({ loadError: 'the code does not compile: Unexpected token (1:5)', cases: [] }, tests);
    expect(j.passed).toBe(0);
    expect(j.verdicts.every((v) => v.state === 'not-run' && v.detail === 'the code does not compile: Unexpected token (1:5)')).toBe(true);
  });
});

describe('sandbox handler', () => {
  it('runs one request per worker and refuses malformed ones', async () => {
    const sent: SandboxMessage[] = [];
    const handle = createSandboxHandler((m) => sent.push(m));
    await handle({ v: SANDBOX_PROTOCOL_VERSION, type: 'run', source: 'function f(){return 1}', language: 'javascript', functionName: 'f; alert(1)', cases: [[]] });
    expect(sent.map((m) => m.type)).toEqual(['load-error', 'done']);
    sent.length = 0;
    await handle({ v: SANDBOX_PROTOCOL_VERSION, type: 'run', source: 'function f(){return 1}', language: 'javascript', functionName: 'f', cases: [[]] });
    expect(sent.map((m) => m.type)).toEqual(['loading', 'ready', 'case-start', 'case', 'done']);
    sent.length = 0;
    await handle({ v: SANDBOX_PROTOCOL_VERSION, type: 'run', source: 'function f(){return 2}', language: 'javascript', functionName: 'f', cases: [[]] });
    expect(sent).toEqual([
      { v: SANDBOX_PROTOCOL_VERSION, type: 'load-error', message: 'this sandbox has already run code' },
      { v: SANDBOX_PROTOCOL_VERSION, type: 'done' },
    ]);
  });
});
