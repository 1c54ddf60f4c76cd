/**
 * PostgreSQL sessions kept across restarts (sync-server/storage/postgres/pg-session.ts keepSession), through both of
 * its users on a real server that is killed and started again: a LISTEN connection (pg-listener.ts: listening again,
 * its onConnected run again so the caller re-reads what it missed, notices heard after the restart) and the node id's
 * advisory lock (cluster/node-id-lock.ts: held again after the restart, so a second node with the id is still refused;
 * let go on release).
 */
import { afterAll, describe, expect, it as itBase } from 'vitest';
import pg from 'pg';
import { storageBackends } from '../support/storage-backends';
import { waitFor } from '../support/yws-client';
import { listenToPostgres } from '../../sync-server/storage/postgres/pg-listener';
import { holdNodeId } from '../../sync-server/cluster/node-id-lock';

const postgres = storageBackends({ restartable: true }).find((b) => b.name === 'postgres')!;
const it = postgres.skip ? itBase.skip : itBase;
const logs: string[] = [];
const log = (level: string, msg: string) => void logs.push(`${level} ${msg}`);
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function notify(url: string, channel: string, payload: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SELECT pg_notify($1, $2)', [channel, payload]);
  } finally {
    await c.end();
  }
}

describe('PostgreSQL sessions kept across a restart', () => {
  it('a LISTEN connection listens again after PostgreSQL restarts, runs onConnected again, and hears what is sent afterwards', async () => {
    const url = (await postgres.open()).url!;
    const heard: string[] = [];
    let connected = 0;
    const unlisten = listenToPostgres({
      connectionString: url,
      channels: ['test_kept'],
      what: 'test notices',
      log,
      retryMs: 100,
      onNotice: (_channel, payload) => void heard.push(payload),
      onConnected: () => void connected++,
    });
    cleanups.push(unlisten);
    await waitFor(() => connected === 1, 'listening');
    await notify(url, 'test_kept', 'before');
    await waitFor(() => heard.includes('before'), 'the notice before the restart');

    await postgres.cluster()!.restart();
    await waitFor(() => connected === 2, 'listening again after the restart', 30_000);
    await notify(url, 'test_kept', 'after');
    await waitFor(() => heard.includes('after'), 'the notice after the restart');
    expect(heard).toEqual(['before', 'after']);
    expect(logs.some((l) => l.startsWith('warn Lost the PostgreSQL connection that hears test notices; reconnecting'))).toBe(true);

    // Unsubscribed: the session ends and nothing reconnects.
    unlisten();
    await notify(url, 'test_kept', 'unheard');
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual(['before', 'after']);
    expect(connected).toBe(2);
  });

  it("the node id's lock is held again after PostgreSQL restarts (a second node with the id is still refused) and let go on release", async () => {
    const url = (await postgres.open()).url!;
    const held = await holdNodeId({ connectionString: url, nodeId: 'kept-node', log, retryMs: 100 });
    cleanups.push(() => held.release());
    const second = () => holdNodeId({ connectionString: url, nodeId: 'kept-node', log, waitMs: 300 }).then(
      async (lock) => {
        await lock.release();
        return 'taken';
      },
      (err: Error) => err.message,
    );
    expect(await second()).toContain('Another running node already uses the node id "kept-node" on this database');

    await postgres.cluster()!.restart();
    // Held again once the session is back: until then a second node could take it, after that it is refused.
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    cleanups.push(() => sql.end());
    const advisoryLocks = async () => Number((await sql.query("SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted")).rows[0].n);
    await waitFor(async () => (await advisoryLocks()) === 1, 'the lock taken again after the restart', 30_000);
    expect(await second()).toContain('Another running node already uses the node id "kept-node" on this database');
    expect(logs.some((l) => l.startsWith('error Another node took'))).toBe(false);

    await held.release();
    await waitFor(async () => (await advisoryLocks()) === 0, 'the lock let go on release');
    expect(await second()).toBe('taken');
  });
});
