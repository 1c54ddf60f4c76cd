/**
 * The whole InterQ server as `npm start` composes it (sync-server/app-server.ts startAppServer: the collab server
 * with every production hook — the results projection's projector, the wrap-up's status projection, the interview
 * index and the staff-transcript relay — plus its HTTP routes and health checks) in a process of its own, for
 * bench:sync's `--server app` (the figure of record: what production runs per update) and for tests. It takes the
 * same environment as collab-process.ts, so the bench starts either the same way: PORT (0 = any free port), DATA
 * (the data folder: interq.sqlite and the token secret), SECRET (hex: written to the data folder's secret file, so
 * the tokens the bench mints are the server's own), DATABASE_URL (optional, as npm start). Everything else the app
 * server reads from the environment (README's table) applies as it would in production, except that the speech
 * model is not fetched at start unless INTERQ_MODEL_AUTOFETCH says so (a one-off download, never per update).
 * Prints "ready <port>" on stdout once listening; SIGTERM/SIGINT stop it as npm start does (flush, close sockets,
 * close the database) and exit 0. With an IPC channel it answers the bench's questions as collab-process.ts does
 * (answer-bench-parent.ts), so both carry the same observers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../sync-server/config';
import { SECRET_FILE } from '../../sync-server/data-dir';
import { startAppServer } from '../../sync-server/app-server';
import { answerBenchParent } from './answer-bench-parent';

const dataDir = process.env.DATA;
const secretHex = process.env.SECRET;
if (!dataDir || !secretHex || !/^[0-9a-f]{64}$/.test(secretHex)) {
  console.error('app-process: DATA and SECRET (64 hex digits) are required');
  process.exit(2);
}
fs.mkdirSync(dataDir, { recursive: true });
fs.writeFileSync(path.join(dataDir, SECRET_FILE), `${secretHex}\n`, { mode: 0o600 });

// Warnings and errors as JSON lines on stderr, as collab-process.ts logs them (the bench prints those); info only
// with LOG_INFO. Standard output stays for "ready" and V8's traces.
const log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void => {
  if (level !== 'info' || process.env.LOG_INFO) console.error(JSON.stringify({ level, msg, ...fields }));
};

const config = loadConfig(
  {
    INTERQ_MODEL_AUTOFETCH: '0',
    ...process.env,
    PORT: process.env.PORT ?? '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
  },
  process.cwd(),
  [],
);
const running = await startAppServer(config, log);
console.log(`ready ${running.port}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.error(JSON.stringify({ level: 'info', msg: `stopping on ${signal}` }));
  await running.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

answerBenchParent(
  () => void stop('disconnect'),
  // projectorFlushes: the results projection's live transactions (bench:sync prints them per window).
  () => ({ ...running.collab.stats(), turnCommits: running.collab.turnCommitCounts(), slices: running.collab.sliceCounts(), projectorFlushes: running.projector.takeFlushStats() }),
);
