/**
 * Builds the PWA when dist/ is missing or older than any of its inputs, so
 * `npm start` on a fresh clone (or after a pull) always serves the current app.
 * With `--with-server` (npm start, npm run build) it also brings the server's bundle up to date
 * (scripts/server-bundle.ts): `dist-server/main.mjs`, which npm start and the systemd unit run with plain
 * `node`, without tsx's loader. `--force` rebuilds the app even when it looks current.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newestMtime } from './newest-mtime';
import { bundledEntry, writeLauncher } from './server-bundle';

const ROOT = process.cwd();
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const INPUTS = ['src', 'worker', 'public', 'index.html', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
/** Where npm start's server bundle lives (not under dist/: that folder is served to browsers). */
const SERVER_DIR = path.join(ROOT, 'dist-server');

export function buildIsStale(): { stale: boolean; reason: string } {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.html')) || !fs.existsSync(STAMP)) return { stale: true, reason: 'no build yet' };
  const built = fs.statSync(STAMP).mtimeMs;
  for (const input of INPUTS) {
    if (newestMtime(path.join(ROOT, input)) > built) return { stale: true, reason: `${input} changed since the last build` };
  }
  return { stale: false, reason: 'build is current' };
}

const { stale, reason } = buildIsStale();
if (!stale && !process.argv.includes('--force')) {
  console.log(`InterQ: ${reason}.`);
} else {
  console.log(`InterQ: building the app (${reason})…`);
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('InterQ: the build failed; see the messages above.');
    process.exit(r.status ?? 1);
  }
  fs.writeFileSync(STAMP, new Date().toISOString() + '\n');
}

if (process.argv.includes('--with-server')) {
  try {
    // Rebuilt only when one of the files that went into it changed (about 1 CPU-s); otherwise a few milliseconds.
    writeLauncher(path.join(SERVER_DIR, 'main.mjs'), await bundledEntry('sync-server/main.ts', { root: ROOT, cacheDir: SERVER_DIR }));
  } catch (err) {
    console.error(`InterQ: the server could not be built: ${(err as Error).message}`);
    process.exit(1);
  }
}
