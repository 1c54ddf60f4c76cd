/**
 * One running node per node id (sync-server/cluster/node-id-lock.ts): a second server process started on the same
 * PostgreSQL with the id a live node uses is refused at start with a sentence, and takes no lease; a node that died
 * and is started again with its id is not refused (it must keep its id: deploy/README.md), and takes its lease back.
 */
import { afterAll, expect, it } from 'vitest';
import pg from 'pg';
import { readSecret, startServer, dataDirSharingSecret, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { mintToken } from '../../sync-server/auth/tokens';

const postgres = storageBackends().find((b) => b.name === 'postgres')!;
const IV = 'node-id-1';
const nodes: ServerProcess[] = [];
afterAll(async () => {
  for (const n of nodes) await n.stop().catch(() => undefined);
});

it.skipIf(postgres.skip)(
  'refuses to start a node whose id a live node uses, with a sentence; the same id starts again once that node died',
  async () => {
    const databaseUrl = (await postgres.open()).url!;
    const env = { DATABASE_URL: databaseUrl, INTERQ_LEASE_MS: '60000', INTERQ_NODE_ID: 'twin' };
    const first = await startServer({ env });
    nodes.push(first);
    const guest = mintToken(readSecret(first.dataDir), { iid: IV, role: 'guest', sub: 'guest-1', ttlSec: 600 });
    const recordings = (node: ServerProcess) => fetch(`${node.url}/api/interviews/${IV}/recordings/take-1`, { headers: { Authorization: `Bearer ${guest}` } });
    // The first node takes the interview (a 404: no such upload, served under the lease).
    expect((await recordings(first)).status).toBe(404);

    // A second node (its own data folder and port) with the same id: it exits before it serves anything.
    const refused = await startServer({ dataDir: dataDirSharingSecret(first), env }).then(
      (n) => {
        nodes.push(n);
        return 'started';
      },
      (err: Error) => err.message,
    );
    expect(refused).toMatch(/server exited with code 1 before starting/);
    expect(refused).toContain('Another running node already uses the node id "twin" on this database');
    expect(refused).toContain('give this one another INTERQ_NODE_ID, or stop the other node first');
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    try {
      const lease = async () => (await sql.query<{ owner_address: string; epoch: string }>('SELECT owner_address, epoch FROM interview_leases WHERE interview = $1', [IV])).rows[0];
      expect(await lease()).toEqual({ owner_address: `127.0.0.1:${first.port}`, epoch: '1' });

      // The node dies (its 60 s lease still runs) and starts again with its id, on another port: not refused, and it
      // takes its own lease back at once (a new epoch) instead of waiting a minute for it.
      await first.kill();
      const again = await startServer({ dataDir: first.dataDir, env });
      nodes.push(again);
      expect((await recordings(again)).status).toBe(404);
      expect(await lease()).toEqual({ owner_address: `127.0.0.1:${again.port}`, epoch: '2' });
    } finally {
      await sql.end();
    }
  },
  180_000,
);
