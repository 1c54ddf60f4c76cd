/**
 * The code sandbox in the browser: a module worker per run. Imported dynamically by the screens that run code, so
 * neither the compiler (sucrase) nor the worker is part of the guest's first load.
 */
import type { Judgement } from '../../src/domain/coding/judge';
import type { CodeTestCase } from '../../src/domain/questions';
import { runTests, type RunCodeInput, type RunCodeOptions, type SandboxPort } from './run-code';

function browserPort(): SandboxPort {
  const worker = new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module', name: 'code-sandbox' });
  return {
    postMessage: (m) => worker.postMessage(m),
    listen(onMessage, onFailure) {
      const message = (e: MessageEvent<unknown>) => onMessage(e.data);
      const error = (e: ErrorEvent) => {
        e.preventDefault();
        onFailure(new Error(e.message || 'the sandbox worker failed'));
      };
      const messageError = () => onFailure(new Error('a message from the sandbox could not be read'));
      worker.addEventListener('message', message);
      worker.addEventListener('error', error);
      worker.addEventListener('messageerror', messageError);
      return () => {
        worker.removeEventListener('message', message);
        worker.removeEventListener('error', error);
        worker.removeEventListener('messageerror', messageError);
      };
    },
    terminate: () => worker.terminate(),
  };
}

export function runTestsInBrowserSandbox(code: Omit<RunCodeInput, 'cases'>, tests: readonly CodeTestCase[], options?: RunCodeOptions): Promise<Judgement> {
  return runTests(browserPort, code, tests, options);
}
