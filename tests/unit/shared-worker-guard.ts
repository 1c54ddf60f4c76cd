/**
 * Setup file of the `unit` project, whose files share their worker processes (`isolate: false` in vitest.config.ts):
 * a file there must leave the process as it found it, or the files after it in the same worker would run against
 * what it left behind. After each file this checks that no global was added or removed (fake-indexeddb/auto,
 * vi.stubGlobal without unstubbing), fake timers are off and the environment variables are unchanged, and fails the
 * file with a sentence when not. A file that needs any of these belongs in the `unit-isolated` project.
 *
 * Names that begin with `__` are a package's own marker, set once when the package first loads (yjs's `__ $YJS$ __`,
 * zod's `__zod_globalRegistry`): the package stays loaded in the worker, so its marker belongs to it, not to the file.
 */
import { afterAll, vi } from 'vitest';

const ownGlobals = () => new Set(Object.getOwnPropertyNames(globalThis).filter((g) => !g.startsWith('__')));
const globalsBefore = ownGlobals();
const envBefore = JSON.stringify(process.env);

afterAll(() => {
  const now = ownGlobals();
  const added = [...now].filter((g) => !globalsBefore.has(g));
  const removed = [...globalsBefore].filter((g) => !now.has(g));
  const problems: string[] = [];
  if (added.length > 0) problems.push(`added the globals ${added.join(', ')}`);
  if (removed.length > 0) problems.push(`removed the globals ${removed.join(', ')}`);
  if (vi.isFakeTimers()) problems.push('left fake timers on');
  if (JSON.stringify(process.env) !== envBefore) problems.push('changed environment variables');
  if (problems.length > 0) {
    throw new Error(
      `This file ${problems.join('; ')}. Files of the "unit" project share their worker process with other files, so ` +
        'undo it in the file (afterEach/afterAll) or list the file in UNIT_ISOLATED in vitest.config.ts.',
    );
  }
});
