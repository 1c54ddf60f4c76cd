/**
 * The wrap-up copy between nodes is fenced by the lease epoch (synthesis/wrap-up-mirror.ts, PostgreSQL migration 7):
 * two "nodes" (each its own SQLite and its own pool on one real PostgreSQL database) publish one interview's status.
 * Node A owned it under epoch 1; node B took it over under epoch 2 and published; A, paused past its lease, wakes up
 * and publishes what it computed under epoch 1: PostgreSQL refuses the row, B's stays, no node hears a notice for it,
 * and A takes B's row into its own SQLite.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { PostgresInviteStore } from '../../sync-server/storage/postgres/postgres-invite-store';
import { startWrapUpMirror, type WrapUpMirror } from '../../sync-server/synthesis/wrap-up-mirror';
import { postgresUnavailable, type TestPostgres } from '../support/postgres';
import { sharedPostgres } from '../support/run-postgres';
import { tempDir, waitFor } from '../support/yws-client';

const IID = 'acme-fence-1';
const unavailable = postgresUnavailable();
if (unavailable) console.warn(`wrap-up-mirror: PostgreSQL cases skipped: ${unavailable}`);

interface Node {
  db: Db;
  mirror: WrapUpMirror;
  storage: PostgresDocumentStorage;
  epoch: { now: number | null };
  warnings: string[];
}

describe.skipIf(unavailable !== null)('wrap-up copy fenced by the lease epoch (PostgreSQL)', () => {
  let cluster: TestPostgres | null = null;
  const nodes: Node[] = [];
  afterAll(async () => {
    for (const n of nodes) {
      n.mirror.stop();
      await n.storage.close();
      n.db.close();
    }
    await cluster?.stop();
  });

  async function node(url: string, name: string): Promise<Node> {
    const db = openDatabase(path.join(tempDir(`interq-wrapup-${name}-`), 'interq.sqlite'));
    const storage = await PostgresDocumentStorage.open({ connectionString: url, log: () => undefined });
    const epoch = { now: null as number | null };
    const warnings: string[] = [];
    const mirror = startWrapUpMirror({
      db,
      documents: storage,
      invites: new PostgresInviteStore(storage.pool),
      nodeKey: `test:${name}`,
      epochOf: () => epoch.now,
      log: (level, msg) => void (level !== 'info' && warnings.push(msg)),
    });
    const n = { db, mirror, storage, epoch, warnings };
    nodes.push(n);
    return n;
  }

  const setStatus = (n: Node, status: string, scored: number): void => {
    n.db
      .prepare(
        `INSERT OR REPLACE INTO interview_status (interview_id, status, human_review_only, answers, recordings, uploaded, transcribed, to_score, scored, input_hash, completed_at, updated_at)
         VALUES (?, ?, 0, 3, 0, 0, 0, 3, ?, 'h', NULL, ?)`,
      )
      .run(IID, status, scored, Date.now());
  };
  const statusOf = (n: Node): { status: string; scored: number } | undefined =>
    n.db.prepare('SELECT status, scored FROM interview_status WHERE interview_id = ?').get(IID) as { status: string; scored: number } | undefined;

  it('refuses a publication under an older epoch in the INSERT itself; the stale node takes the newer row', async () => {
    cluster = await sharedPostgres();
    const url = await cluster.database();
    const a = await node(url, 'a');
    const b = await node(url, 'b');
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const stored = async () =>
      (await check.query<{ publisher: string; epoch: string; status_json: string }>('SELECT publisher, epoch, status_json FROM interview_wrapup WHERE interview_id = $1', [IID])).rows[0];
    try {
      // A owns the interview under epoch 1 and publishes twice (the same epoch replaces its own row).
      a.epoch.now = 1;
      setStatus(a, 'in-progress', 0);
      a.mirror.changed(IID);
      await a.mirror.settle();
      setStatus(a, 'completed', 1);
      a.mirror.changed(IID);
      await a.mirror.settle();
      expect(await stored()).toMatchObject({ publisher: 'test:a', epoch: '1' });
      await waitFor(() => statusOf(b)?.status === 'completed', 'node B copies A\'s row');

      // B takes the lease over (epoch 2) and publishes; A does not hold it any more as far as PostgreSQL knows.
      b.epoch.now = 2;
      setStatus(b, 'scored', 3);
      b.mirror.changed(IID);
      await b.mirror.settle();
      expect(await stored()).toMatchObject({ publisher: 'test:b', epoch: '2' });
      await waitFor(() => statusOf(a)?.status === 'scored', 'node A copies B\'s row');

      // A was paused past its lease: it still believes in epoch 1, computes a status and publishes it.
      setStatus(a, 'completed', 1);
      a.mirror.changed(IID);
      await a.mirror.settle();
      const after = await stored();
      expect(after).toMatchObject({ publisher: 'test:b', epoch: '2' });
      expect(JSON.parse(after!.status_json)).toMatchObject({ status: 'scored', scored: 3 });
      expect(a.warnings).toContain('A wrap-up publication was refused: a newer owner of the interview published one');
      // A's dashboard agrees with the new owner again; B's copy was never touched.
      expect(statusOf(a)).toEqual({ status: 'scored', scored: 3 });
      await new Promise((r) => setTimeout(r, 200));
      await b.mirror.settle();
      expect(statusOf(b)).toEqual({ status: 'scored', scored: 3 });

      // A released lease: A publishes under the last epoch it held (1), still refused; B publishes under 2 again.
      a.epoch.now = null;
      a.mirror.changed(IID);
      await a.mirror.settle();
      expect(await stored()).toMatchObject({ publisher: 'test:b', epoch: '2' });
      setStatus(b, 'synthesized', 3);
      b.mirror.changed(IID);
      await b.mirror.settle();
      expect(await stored()).toMatchObject({ publisher: 'test:b', epoch: '2' });
      await waitFor(() => statusOf(a)?.status === 'synthesized', 'node A copies B\'s next row');
    } finally {
      await check.end();
    }
  });
});
