/**
 * The sandbox worker's side of one run: compile, load, then each case in turn, reporting as it goes (the app times
 * each case from its `case-start` and terminates the worker when one runs too long).
 */
import { CodeError, LogCollector, loadFunction, runCase } from './evaluate';
import { isSandboxRunRequest, SANDBOX_PROTOCOL_VERSION as v, type SandboxMessage } from './protocol';
import { toScript } from './strip-types';

export function createSandboxHandler(send: (message: SandboxMessage) => void): (data: unknown) => Promise<void> {
  let used = false;
  return async (data) => {
    // One run per worker: a second request would meet whatever the first one's code left behind.
    if (used || !isSandboxRunRequest(data)) {
      send({ v, type: 'load-error', message: used ? 'this sandbox has already run code' : 'not a run request' });
      send({ v, type: 'done' });
      return;
    }
    used = true;
    const logs = new LogCollector();
    let fn;
    try {
      const script = toScript(data.source, data.language);
      send({ v, type: 'loading' });
      fn = loadFunction(script, data.functionName, logs);
    } catch (err) {
      const line = err instanceof CodeError ? err.line : undefined;
      send(line === undefined ? { v, type: 'load-error', message: err instanceof Error ? err.message : String(err) } : { v, type: 'load-error', message: err instanceof Error ? err.message : String(err), line });
      send({ v, type: 'done' });
      return;
    }
    send({ v, type: 'ready' });
    for (const [index, args] of data.cases.entries()) {
      send({ v, type: 'case-start', index });
      send({ v, type: 'case', index, outcome: await runCase(fn, args, logs) });
    }
    send({ v, type: 'done' });
  };
}
