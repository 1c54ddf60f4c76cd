/**
 * The expired-lease look (sync-server/storage/postgres/expired-lease-catch-up.ts) runs every 2 s on every following
 * node, over `interview_leases`, which keeps one row per interview ever served. PostgreSQL migration 9 indexes
 * `expires_at`, so the look reads the few leases that ran out since the last look instead of the whole table. On a
 * real PostgreSQL with 100,000 leases (nearly all long expired, a few hundred live, a few just run out), the look's own
 * statement (EXPIRED_LEASES_SQL, with the values a node sends) is planned on that index, not as a scan of the table,
 * and returns exactly the leases in its window. The planner's cost and the run time with and without the index are
 * printed (the index dropped in a transaction that is rolled back), and so is the time migration 9 takes to build
 * the index on that table; neither is asserted: speed is for benchmarks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { storageBackends } from '../support/storage-backends';
import { migratePostgres, PG_MIGRATIONS } from '../../sync-server/storage/postgres/migrations';
import { EXPIRED_LEASES_SQL } from '../../sync-server/storage/postgres/expired-lease-catch-up';

const postgres = storageBackends().find((b) => b.name === 'postgres')!;
const ROWS = 100_000;
const LIVE = 300;
const JUST_EXPIRED = 5;
const GRACE_MS = 2_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Total Cost': number;
  'Actual Total Time'?: number;
  Plans?: PlanNode[];
}
const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

let pool: pg.Pool | null = null;
afterAll(async () => {
  await pool?.end();
});

describe('the expired-lease look on 100,000 leases', () => {
  it.skipIf(postgres.skip)('is planned on the expires_at index (migration 9), not as a scan of the table, and finds exactly the leases in its window', async () => {
    pool = new pg.Pool({ connectionString: (await postgres.open()).url!, max: 2 });
    await migratePostgres(pool);
    // Leases of interviews served long ago (expired 1 minute to about 28 hours ago), a few hundred live ones, and a
    // few that ran out 3–7 s ago: the ones a look covering the last 10 s must find.
    await pool.query(
      `INSERT INTO interview_leases (interview, owner, owner_address, epoch, expires_at)
       SELECT 'old-' || g, 'node-' || (g % 3), '127.0.0.1:8081', 1 + g % 5, clock_timestamp() - interval '1 minute' - g * interval '1 second'
       FROM generate_series(1, $1::int) g`,
      [ROWS - LIVE - JUST_EXPIRED],
    );
    await pool.query(
      `INSERT INTO interview_leases (interview, owner, owner_address, epoch, expires_at)
       SELECT 'live-' || g, 'node-' || (g % 3), '127.0.0.1:8081', 1, clock_timestamp() + interval '6 seconds'
       FROM generate_series(1, $1::int) g`,
      [LIVE],
    );
    await pool.query(
      `INSERT INTO interview_leases (interview, owner, owner_address, epoch, expires_at)
       SELECT 'gone-' || g, 'node-1', '127.0.0.1:8081', 2, clock_timestamp() - (2 + g) * interval '1 second'
       FROM generate_series(1, $1::int) g`,
      [JUST_EXPIRED],
    );
    await pool.query('ANALYZE interview_leases');
    const since = (await pool.query<{ t: Date }>("SELECT clock_timestamp() - interval '10 seconds' AS t")).rows[0]!.t;

    const explain = async (client: pg.PoolClient): Promise<PlanNode[]> => {
      const res = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${EXPIRED_LEASES_SQL}`,
        [since, GRACE_MS],
      );
      const top = res.rows[0]!['QUERY PLAN'][0]!;
      console.log(`[expired-lease-index] cost ${top.Plan['Total Cost']}, ${top['Execution Time'].toFixed(2)} ms: ${nodesOf(top.Plan).map((n) => n['Node Type'] + (n['Index Name'] ? ` (${n['Index Name']})` : '')).join(' > ')}`);
      return nodesOf(top.Plan);
    };

    const client = await pool.connect();
    try {
      const withIndex = await explain(client);
      const onLeases = withIndex.filter((n) => n['Relation Name'] === 'interview_leases' || n['Index Name'] === 'interview_leases_expires');
      expect(onLeases.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      expect(onLeases.some((n) => n['Index Name'] === 'interview_leases_expires')).toBe(true);

      // What the same statement costs without the index (dropped inside a transaction that is rolled back).
      await client.query('BEGIN');
      try {
        await client.query('DROP INDEX interview_leases_expires');
        const without = await explain(client);
        expect(without.filter((n) => n['Relation Name'] === 'interview_leases').map((n) => n['Node Type'])).toContain('Seq Scan');
        // How long migration 9 holds lease writes back on a table this size (deploy/README.md, "Upgrading the nodes").
        const building = performance.now();
        await client.query(PG_MIGRATIONS.find((m) => m.version === 9)!.sql);
        console.log(`[expired-lease-index] migration 9 built the index on ${ROWS} leases in ${(performance.now() - building).toFixed(0)} ms`);
      } finally {
        await client.query('ROLLBACK');
      }
    } finally {
      client.release();
    }

    // The look's answer: exactly the leases that ran out in its window, with the bound it moves on to.
    const look = await pool.query<{ upto: Date; interview: string | null }>(EXPIRED_LEASES_SQL, [since, GRACE_MS]);
    expect(look.rows.map((r) => r.interview).sort()).toEqual(Array.from({ length: JUST_EXPIRED }, (_, i) => `gone-${i + 1}`).sort());
    expect(look.rows[0]!.upto.getTime()).toBeGreaterThan(since.getTime());
  }, 120_000);
});
