/**
 * Browser entry of the code sandbox (a module worker, one per run; see run-code.ts). The reply channel is kept in
 * this module before lockdown removes it from the global scope, where the candidate's code could forge results.
 */
import { createSandboxHandler } from './handler';
import { lockDown } from './lockdown';
import { SANDBOX_PROTOCOL_VERSION as v, type SandboxMessage } from './protocol';
import { toScript } from './strip-types';

// Most workers start ahead of their run (frame-port.ts keepSandboxFrameWarm): compiling a line of ours now, while
// nothing waits, makes the compiler's first use on the candidate's code several times faster. It is not the
// candidate's code, and nothing of it is kept.
try {
  toScript('export function warmUp(xs: number[]): number {\n  return [...xs].sort((a, b) => a - b).length;\n}\n', 'typescript');
} catch {
  // The run compiles without it.
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = scope.postMessage.bind(scope) as (message: SandboxMessage) => void;
const reachable = lockDown(scope);
const handle =
  reachable.length === 0
    ? createSandboxHandler(reply)
    : // Fail closed: never run a candidate's code with the network or storage in reach.
      async () => {
        reply({ v, type: 'load-error', message: `the sandbox could not be locked down (${reachable.join(', ')} still reachable)` });
        reply({ v, type: 'done' });
      };
scope.addEventListener('message', (event: MessageEvent<unknown>) => void handle(event.data), { once: true });
