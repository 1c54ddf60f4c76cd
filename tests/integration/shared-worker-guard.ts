/**
 * Setup file of the `integration` project, whose files share their two worker processes (`isolate: false` in
 * vitest.config.ts): a file there must leave the process as it found it, or the files after it in the same worker
 * would run against what it left behind. After each file this checks, and fails the file with a sentence when not:
 * - no global was added or removed (fake-indexeddb/auto, vi.stubGlobal without unstubbing), fake timers are off and
 *   the environment variables are unchanged (as the unit project's guard, tests/unit/shared-worker-guard.ts);
 * - no listener it added to `process` is left (a cluster's exit hook without its stop());
 * - no child process it started is still running: a server, PostgreSQL cluster, nginx or collab process the file did
 *   not stop would keep running, and keep using the CPU the other file and the end-to-end suite need, until the
 *   worker exits at the end of the run (the guard stops it with SIGTERM after failing the file). esbuild's service
 *   process is the one child kept: esbuild starts it once per process and reuses it for every build.
 *
 * Names that begin with `__` are a package's own marker, set once when the package first loads (yjs's `__ $YJS$ __`,
 * zod's `__zod_globalRegistry`): the package stays loaded in the worker, so its marker belongs to it, not to the file.
 * A file that needs to leave any of these behind belongs in INTEGRATION_ISOLATED.
 */
import fs from 'node:fs';
import { afterAll, vi } from 'vitest';

const ownGlobals = () => new Set(Object.getOwnPropertyNames(globalThis).filter((g) => !g.startsWith('__')));
/**
 * Environment variables a package sets for itself when it first loads (@huggingface/transformers sets
 * ORT_DISABLE_TELEMETRY, the sharp it imports VIPSHOME): like the `__` globals, they belong to the loaded package.
 */
const PACKAGE_ENV = new Set(['ORT_DISABLE_TELEMETRY', 'VIPSHOME']);
const environment = () => JSON.stringify(Object.entries(process.env).filter(([k]) => !PACKAGE_ENV.has(k)));
const processListeners = () => new Map(process.eventNames().map((e) => [String(e), process.listenerCount(e)]));

/** This process's running children (exited ones not yet reaped excluded), with their command lines. */
function runningChildren(): Map<number, string> {
  const out = new Map<number, string>();
  for (const tid of fs.readdirSync(`/proc/${process.pid}/task`)) {
    let list = '';
    try {
      list = fs.readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8');
    } catch {
      continue; // the thread exited meanwhile
    }
    for (const pid of list.trim().split(/\s+/).filter(Boolean).map(Number)) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
        if (/\besbuild\b.*--service/.test(cmd)) continue;
        out.set(pid, cmd);
      } catch {
        // it exited meanwhile
      }
    }
  }
  return out;
}

const canListChildren = fs.existsSync(`/proc/${process.pid}/task/${process.pid}/children`);
const globalsBefore = ownGlobals();
const envBefore = environment();
const listenersBefore = processListeners();
const childrenBefore = canListChildren ? runningChildren() : new Map<number, string>();

afterAll(async () => {
  const problems: string[] = [];
  const now = ownGlobals();
  const added = [...now].filter((g) => !globalsBefore.has(g));
  const removed = [...globalsBefore].filter((g) => !now.has(g));
  if (added.length > 0) problems.push(`added the globals ${added.join(', ')}`);
  if (removed.length > 0) problems.push(`removed the globals ${removed.join(', ')}`);
  if (vi.isFakeTimers()) problems.push('left fake timers on');
  if (environment() !== envBefore) problems.push('changed environment variables');
  const listeners = [...processListeners()].filter(([e, n]) => n > (listenersBefore.get(e) ?? 0)).map(([e]) => e);
  if (listeners.length > 0) problems.push(`left listeners on process for ${listeners.join(', ')}`);
  if (canListChildren) {
    // A child stopped without waiting for its exit (kill() alone) may take a moment to go: wait for that, not more.
    let left = [...runningChildren()].filter(([pid]) => !childrenBefore.has(pid));
    for (const deadline = Date.now() + 10_000; left.length > 0 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = [...runningChildren()].filter(([pid]) => !childrenBefore.has(pid));
    }
    if (left.length > 0) {
      problems.push(`left child processes running (${left.map(([pid, cmd]) => `${pid}: ${cmd.slice(0, 160)}`).join('; ')}; stopped now)`);
      // Stopped here, so that they do not run (and use the CPU) until the worker exits at the end of the run. A server
      // whose start outlasted a timed-out beforeAll is one: the hook gave up, the start went on, nothing stops it.
      for (const [pid] of left) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `This file ${problems.join('; ')}. Files of the "integration" project share their worker process with other ` +
        'files, so undo it in the file (afterEach/afterAll: stop what it started) or list the file in ' +
        'INTEGRATION_ISOLATED in vitest.config.ts.',
    );
  }
}, 30_000);
