/**
 * `npm run dev`: the sync server (restarted on change by tsx watch) plus Vite
 * with hot reload, which proxies /api, /sync and /models to that server.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const port = process.env.PORT ?? '8080';
const root = process.cwd();
const children = [
  spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', 'sync-server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: port, PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://localhost:5173' },
  }),
  spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js')], {
    stdio: 'inherit',
    env: { ...process.env, INTERQ_DEV_SERVER: `http://localhost:${port}` },
  }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', stop);
