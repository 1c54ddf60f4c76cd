/**
 * An InterQ sync node in cluster mode inside the test process: the real collab server on a real HTTP port, its
 * documents in PostgreSQL, serving an interview only under its lease (sync-server/cluster/). Its own SQLite file
 * holds nothing of the documents (the collab server still wants a handle for its checkpointer).
 */
import http from 'node:http';
import path from 'node:path';
import type net from 'node:net';
import { openDatabase } from '../../sync-server/db/open';
import { createCollabServer, type CollabServer, type CollabServerOptions } from '../../sync-server/collab/collab-server';
import { startOwnership } from '../../sync-server/cluster/cluster-node';
import type { InterviewOwnership } from '../../sync-server/cluster/interview-ownership';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { tempDir, type LogLine } from './yws-client';

export interface TestClusterNode {
  nodeId: string;
  port: number;
  syncUrl: string;
  collab: CollabServer;
  storage: PostgresDocumentStorage;
  ownership: InterviewOwnership;
  logs: LogLine[];
  /** Drain and stop as on SIGTERM (flush, release the leases, close sockets with 1001). */
  stop(): Promise<void>;
}

export async function startClusterTestNode(opts: {
  databaseUrl: string;
  secret: Buffer;
  nodeId: string;
  leaseMs: number;
  collab?: Partial<Omit<CollabServerOptions, 'db' | 'secret' | 'log' | 'storage' | 'ownership'>>;
}): Promise<TestClusterNode> {
  const logs: LogLine[] = [];
  const log: CollabServerOptions['log'] = (level, msg, fields) => logs.push(fields ? { level, msg, fields } : { level, msg });
  // The port first: the node's address goes into the leases it takes.
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const storage = await PostgresDocumentStorage.open({ connectionString: opts.databaseUrl, log });
  const ownership = startOwnership(storage, opts.leaseMs, log, { nodeId: opts.nodeId, nodeAddress: `127.0.0.1:${port}` });
  const db = openDatabase(path.join(tempDir('interq-node-'), 'interq.sqlite'));
  const collab = createCollabServer({ ...opts.collab, db, secret: opts.secret, log, storage, ownership });
  server.on('upgrade', collab.handleUpgrade);
  let stopped: Promise<void> | null = null;
  return {
    nodeId: opts.nodeId,
    port,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    collab,
    storage,
    ownership,
    logs,
    stop() {
      stopped ??= (async () => {
        collab.drain();
        await collab.close();
        ownership.stop();
        await storage.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        db.close();
      })();
      return stopped;
    },
  };
}
