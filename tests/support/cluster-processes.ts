/**
 * InterQ nodes as real processes (sync-server/main.ts, as `npm start` runs it) sharing one PostgreSQL through
 * DATABASE_URL, one secret (links issued by any node are valid on all), each with its own data folder, node id and
 * address, and a short lease so failover tests finish quickly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startServer, tempDataDir, type ServerProcess } from './server-process';
import { SECRET_FILE } from '../../sync-server/data-dir';

export interface ClusterProcess {
  nodeId: string;
  port: number;
  address: string;
  /** The running process (replaced by `restart`). */
  server: ServerProcess;
  /** Starts the node again on the same port, data folder and id (after kill or stop), with `env` changed if given. */
  restart(env?: Record<string, string>): Promise<void>;
}

export async function startClusterProcess(opts: {
  databaseUrl: string;
  secret: Buffer;
  nodeId: string;
  leaseMs: number;
  env?: Record<string, string>;
  /** Gives up this node's starts (the first and every restart) while under way: server-process.ts `serverStarts`. */
  signal?: AbortSignal;
}): Promise<ClusterProcess> {
  const dataDir = tempDataDir('interq-cluster-node-');
  fs.writeFileSync(path.join(dataDir, SECRET_FILE), opts.secret.toString('hex') + '\n', { mode: 0o600 });
  const port = await freePort();
  let env: Record<string, string> = {
    DATABASE_URL: opts.databaseUrl,
    INTERQ_NODE_ID: opts.nodeId,
    INTERQ_NODE_ADDRESS: `127.0.0.1:${port}`,
    INTERQ_LEASE_MS: String(opts.leaseMs),
    LOG_QUIET: '0',
    ...opts.env,
  };
  const start = () => startServer({ dataDir, port, env, timeoutMs: 180_000, ...(opts.signal ? { signal: opts.signal } : {}) });
  const node: ClusterProcess = {
    nodeId: opts.nodeId,
    port,
    address: `127.0.0.1:${port}`,
    server: await start(),
    async restart(changed) {
      if (changed) env = { ...env, ...changed };
      node.server = await start();
    },
  };
  return node;
}
