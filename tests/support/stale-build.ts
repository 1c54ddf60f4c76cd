/**
 * Builds a test's own bundle only when it is missing or older than any of its inputs (the rule
 * scripts/build-if-stale.ts applies to the app's dist/): a spec that builds a harness page in its beforeAll
 * then pays for the build once, not on every run of the suite (#12: the suite's time).
 */
import fs from 'node:fs';
import path from 'node:path';

/** The newest modification time under `p` (a file or a folder, recursively), 0 when it does not exist. */
export function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

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
