/**
 * The collab server alone in its own process, for tests that kill it (SIGKILL)
 * and for the sync benchmark. Env: PORT (0 = any free port), DATA (folder for
 * interq.sqlite), SECRET (hex), COLLAB_OPTIONS (JSON: limits, persistence),
 * DATABASE_URL (optional: documents in that PostgreSQL database, as npm start does, served under interview leases
 * like a cluster node: INTERQ_NODE_ID (default node-<port>), INTERQ_LEASE_MS; the node's id and the address in its
 * leases are those of the port it listens on, so PORT=0 gives each process its own).
 * Prints "ready <port>" on stdout once listening. SIGTERM/SIGINT stop it
 * cleanly (flush, close sockets with 1001, close the database) and exit 0.
 * With an IPC channel it answers {type:'stats'} with CPU, memory and counts,
 * (and event-loop delay since the previous question), and {type:'gc'} by
 * collecting garbage (when started with --expose-gc).
 */
import http from 'node:http';
import { answerBenchParent } from './answer-bench-parent';
import path from 'node:path';
import type net from 'node:net';
import { openDatabase } from '../../sync-server/db/open';
import { createCollabServer } from '../../sync-server/collab/collab-server';
import { openDocumentStorage } from '../../sync-server/storage/open-document-storage';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { leaseMsFromEnv, startOwnership } from '../../sync-server/cluster/cluster-node';

const port = Number(process.env.PORT ?? 0);
const dataDir = process.env.DATA;
const secretHex = process.env.SECRET;
if (!dataDir || !secretHex) {
  console.error('collab-process: DATA and SECRET are required');
  process.exit(2);
}
const options = process.env.COLLAB_OPTIONS ? JSON.parse(process.env.COLLAB_OPTIONS) : {};

const db = openDatabase(path.join(dataDir, 'interq.sqlite'));
const log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void => {
  if (level !== 'info' || process.env.LOG_INFO) console.error(JSON.stringify({ level, msg, ...fields }));
};
const storage = await openDocumentStorage({ databaseUrl: process.env.DATABASE_URL || null, db, log });
const ownership =
  storage instanceof PostgresDocumentStorage
    ? startOwnership(storage, leaseMsFromEnv(process.env), log) // identified once it listens (below)
    : null;
const collab = createCollabServer({
  ...options,
  db,
  storage,
  ...(ownership ? { ownership } : {}),
  secret: Buffer.from(secretHex, 'hex'),
  log,
});
const server = http.createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
server.on('upgrade', collab.handleUpgrade);
server.listen(port, '127.0.0.1', () => {
  const listening = (server.address() as net.AddressInfo).port;
  // Before "ready": no client can connect, so nothing is claimed, until the node has its real id and address.
  ownership?.identify(process.env.INTERQ_NODE_ID || `node-${listening}`, `127.0.0.1:${listening}`);
  console.log(`ready ${listening}`);
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.error(JSON.stringify({ level: 'info', msg: `stopping on ${signal}` }));
  await collab.close();
  ownership?.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await storage.close();
  db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

answerBenchParent(() => void stop('disconnect'), () => ({ ...collab.stats(), turnCommits: collab.turnCommitCounts(), slices: collab.sliceCounts() }));
