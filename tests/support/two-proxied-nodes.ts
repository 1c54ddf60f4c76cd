/**
 * Two cluster node processes on one PostgreSQL database, each behind an nginx of its own that knows only that node:
 * a request through either proxy reaches the interview's owner only through the 421 the other node answers.
 */
import { startClusterProcess, type ClusterProcess } from './cluster-processes';
import { startNginx, type NginxProcess } from './nginx-process';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';

export interface TwoProxiedNodes {
  /** A connection of the test's own to the nodes' database (leases, stored rows). */
  inspector: PostgresDocumentStorage;
  a: ClusterProcess;
  b: ClusterProcess;
  /** nginx in front of node A only. */
  proxyA: NginxProcess;
  /** nginx in front of node B only. */
  proxyB: NginxProcess;
  /** Stops the proxies, the nodes and the inspector (not the database). */
  stop(): Promise<void>;
}

export async function startTwoProxiedNodes(databaseUrl: string, opts: { secret: Buffer; leaseMs: number }): Promise<TwoProxiedNodes> {
  const started: Partial<Omit<TwoProxiedNodes, 'stop'>> = {};
  const stop = async () => {
    await started.proxyA?.stop();
    await started.proxyB?.stop();
    await started.a?.server.stop();
    await started.b?.server.stop();
    await started.inspector?.close();
  };
  try {
    started.inspector = await PostgresDocumentStorage.open({ connectionString: databaseUrl, log: () => undefined });
    started.a = await startClusterProcess({ databaseUrl, secret: opts.secret, nodeId: 'node-a', leaseMs: opts.leaseMs });
    started.b = await startClusterProcess({ databaseUrl, secret: opts.secret, nodeId: 'node-b', leaseMs: opts.leaseMs });
    started.proxyA = await startNginx([started.a.address]);
    started.proxyB = await startNginx([started.b.address]);
  } catch (err) {
    await stop();
    throw err;
  }
  const { inspector, a, b, proxyA, proxyB } = started as Omit<TwoProxiedNodes, 'stop'>;
  return { inspector, a, b, proxyA, proxyB, stop };
}
