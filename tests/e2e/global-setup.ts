/**
 * The e2e tests run against the production build, like users do; build it first when stale. The test server's
 * bundle is built here too, once, rather than by whichever worker starts a server first.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../support/server-process';
import { bundledEntry } from '../support/server-bundle';

export default async function globalSetup(): Promise<void> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/build-if-stale.ts')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the app for the e2e tests failed');
  await bundledEntry('sync-server/main.ts');
}
