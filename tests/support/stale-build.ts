/**
 * Builds a test's own bundle only when it is missing or older than any of its inputs (the rule
 * scripts/build-if-stale.ts applies to the app's dist/): a spec that builds a harness page in its beforeAll
 * then pays for the build once, not on every run of the suite (#12: the suite's time).
 */
import fs from 'node:fs';
import path from 'node:path';
import { newestMtime } from '../../scripts/newest-mtime';

/**
 * Runs `build` (which writes `outDir`) unless `outDir` holds a stamp newer than every path in `inputs`; writes the
 * stamp after a build that succeeded, so a failed or interrupted build is never taken for a current one, dated when
 * that build started.
 * Returns whether it built.
 */
export async function buildUnlessCurrent(outDir: string, inputs: readonly string[], build: () => Promise<unknown>): Promise<boolean> {
  const stamp = path.join(outDir, '.build-stamp');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (built > 0 && inputs.every((input) => newestMtime(input) < built)) return false;
  // The stamp carries the time the build started: a file changed while it ran is newer, so the next run builds again.
  const started = new Date();
  await build();
  fs.writeFileSync(stamp, `${started.toISOString()}\n`);
  fs.utimesSync(stamp, started, started);
  return true;
}
