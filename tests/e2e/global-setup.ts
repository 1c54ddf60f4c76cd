/** The e2e tests run against the production build, like users do; build it first when stale. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../support/server-process';

export default function globalSetup(): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/build-if-stale.ts')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the app for the e2e tests failed');
}
