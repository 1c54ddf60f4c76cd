/**
 * PostgreSQL schema of the shared store, versioned like the SQLite one
 * (db/migrations.ts) but recorded in `schema_migrations`, one row per applied
 * version. Several nodes may start at once: each applies migrations under one
 * transaction-scoped advisory lock, so exactly one does the work and the others
 * find it done. Append only: never edit a migration that has shipped.
 */
import type { Pool } from 'pg';

export interface PgMigration {
  version: number;
  description: string;
  sql: string;
}

/** Arbitrary, fixed: the advisory lock key every InterQ node takes while migrating. */
const MIGRATION_LOCK = 0x696e7471; // "intq"

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    description: 'Yjs documents (updates, snapshots, client-id owners) and revoked tokens',
    sql: `
      -- seq comes from a sequence: unique and increasing per insert, but NOT in commit order across transactions.
      -- So a snapshot replaces exactly the rows it folded (deleted by seq), never "every row up to upto_seq".
      CREATE TABLE yjs_updates (
        seq BIGSERIAL PRIMARY KEY,
        doc TEXT NOT NULL,
        update_data BYTEA NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX yjs_updates_doc ON yjs_updates(doc, seq);
      CREATE TABLE yjs_snapshots (
        doc TEXT PRIMARY KEY,
        state BYTEA NOT NULL,
        -- The highest seq folded in (informational: projections' watermarks), not a boundary for loading.
        upto_seq BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE yjs_client_owners (
        doc TEXT NOT NULL,
        client BIGINT NOT NULL,
        owner TEXT NOT NULL,
        claimed_at BIGINT NOT NULL,
        PRIMARY KEY (doc, client)
      );
      CREATE TABLE revoked_tokens (
        jti TEXT PRIMARY KEY,
        revoked_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'Interview index and deleted interviews, shared by every node',
    sql: `
      CREATE TABLE interviews (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        archetype TEXT NOT NULL,
        depth TEXT NOT NULL,
        question_count INTEGER NOT NULL,
        version INTEGER NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX interviews_updated ON interviews(updated_at DESC);
      -- A deleted interview's id stays, so no node stores its documents again (a device may still hold them).
      CREATE TABLE deleted_interviews (
        id TEXT PRIMARY KEY,
        deleted_at BIGINT NOT NULL,
        deleted_by TEXT NOT NULL,
        summary TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    description: 'Issued links (invites, reviewer and host links), shared by every node',
    sql: `
      CREATE TABLE invites (
        jti TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL,
        role TEXT NOT NULL,
        subject TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX invites_interview ON invites(interview_id, created_at);
    `,
  },
  {
    version: 4,
    description: 'Interview leases: one owner node per interview, with a fencing epoch (sync-server/cluster/)',
    sql: `
      -- One row per interview a node has served. The database's clock (clock_timestamp()) sets and judges
      -- expires_at, so a node whose own clock is wrong cannot extend or steal a lease. epoch grows by one at each
      -- change of owner; every document write carries the epoch it was loaded under and is refused otherwise.
      CREATE TABLE interview_leases (
        interview TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        -- host:port where the proxy reaches the owner (nginx's redirect to the owner, deploy/nginx).
        owner_address TEXT NOT NULL,
        epoch BIGINT NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 5,
    description: 'Server settings, and each interview\'s wrap-up (status and finished syntheses) as its owner last published it',
    sql: `
      -- Key → text (storage/settings-store.ts); the health check writes one row per node.
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      -- Written only by the node that owns the interview (synthesis/wrap-up-mirror.ts): its interview_status row and
      -- its finished synthesis runs, oldest first, as JSON of the SQLite rows. Every other node copies them into its
      -- own SQLite, where the dashboard's queries join them.
      CREATE TABLE interview_wrapup (
        interview_id TEXT PRIMARY KEY,
        publisher TEXT NOT NULL,
        status_json TEXT,
        syntheses_json TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 6,
    description: 'Answer recordings and their parts (resumable uploads), shared by every node',
    sql: `
      -- Every write to a recording takes a new version from this sequence (never reused, even after a deletion):
      -- a node trusts the SHA-256 it keeps running in memory only for the version it wrote itself.
      CREATE SEQUENCE recording_versions;
      CREATE TABLE recordings (
        interview_id TEXT NOT NULL,
        recording_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        total_bytes BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        duration_ms BIGINT NOT NULL,
        received_bytes BIGINT NOT NULL DEFAULT 0,
        uploaded_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        completed_at BIGINT,
        version BIGINT NOT NULL DEFAULT nextval('recording_versions'),
        PRIMARY KEY (interview_id, recording_id)
      );
      CREATE INDEX recordings_created ON recordings(created_at);
      -- One row per accepted PATCH (at most 1 MiB); the parts of a recording tile 0..received_bytes without gaps.
      CREATE TABLE recording_parts (
        interview_id TEXT NOT NULL,
        recording_id TEXT NOT NULL,
        part_offset BIGINT NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (interview_id, recording_id, part_offset),
        FOREIGN KEY (interview_id, recording_id) REFERENCES recordings (interview_id, recording_id) ON DELETE CASCADE
      );
      -- Compressed audio does not compress again: stored out of line without TOAST's attempt at it.
      ALTER TABLE recording_parts ALTER COLUMN data SET STORAGE EXTERNAL;
    `,
  },
  {
    version: 7,
    description: 'The lease epoch of each wrap-up publication: an older owner can no longer overwrite the new one',
    sql: `
      -- The epoch of the interview's lease under which its publisher wrote the row (synthesis/wrap-up-mirror.ts). A
      -- row published under an older epoch than the stored one is refused by the INSERT itself: an owner that was
      -- paused past its lease cannot publish once more after a takeover. 0: published before this column existed.
      ALTER TABLE interview_wrapup ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 8,
    description: 'Projected rows each owner publishes for the other nodes\' read models (instead of a notice per commit)',
    sql: `
      -- What an interview's owner projected from one document (projections/projector.ts, storage/postgres/
      -- postgres-projected-docs.ts): every other node applies these rows to its own SQLite read model without reading
      -- or projecting the document. seq: the document's last stored seq the rows reflect (a row is replaced only by a
      -- higher one, or the same seq from a newer projection version). rows_json NULL: the projection ships no rows, so
      -- a node reads the document itself. batch: the publication (one statement, one NOTIFY) that last wrote the row.
      CREATE SEQUENCE projected_batches;
      CREATE TABLE projected_docs (
        projection TEXT NOT NULL,
        doc TEXT NOT NULL,
        interview_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        seq BIGINT NOT NULL,
        rows_json TEXT,
        publisher TEXT NOT NULL,
        batch BIGINT NOT NULL,
        PRIMARY KEY (projection, doc)
      );
      CREATE INDEX projected_docs_batch ON projected_docs(batch);
      CREATE INDEX projected_docs_interview ON projected_docs(interview_id);
    `,
  },
  {
    version: 9,
    description: 'Index on interview_leases.expires_at: the expired-lease look reads only the leases that ran out since its last look',
    sql: `
      -- Every following node looks every 2 s for the leases that ran out in the last few seconds
      -- (storage/postgres/expired-lease-catch-up.ts, EXPIRED_LEASES_SQL). The table keeps one row per interview ever
      -- served, so without this index each look read every row. A plain index: a partial one cannot name the clock
      -- (its predicate must be immutable). Renewals update expires_at, which an index makes a little dearer (no HOT
      -- update): one index entry per held lease per renewal. Built inside the migration's transaction (CREATE INDEX
      -- CONCURRENTLY cannot be), so lease writes wait for the build: well under a second at 100,000 rows.
      CREATE INDEX interview_leases_expires ON interview_leases(expires_at);
    `,
  },
  {
    version: 10,
    description: 'Expired recordings: what the status still needs of a completed recording once retention deleted its audio',
    sql: `
      -- As SQLite's migration 9 (db/migrations.ts): written by retention's deletion in the same statement, read by
      -- every node's status (completedIds), the export and the audio routes (which say "expired", not "missing").
      CREATE TABLE expired_recordings (
        interview_id TEXT NOT NULL,
        recording_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        completed_at BIGINT NOT NULL,
        expired_at BIGINT NOT NULL,
        PRIMARY KEY (interview_id, recording_id)
      );
    `,
  },
];

export const PG_LATEST_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

/** Brings the schema up to date; refuses a database migrated by a newer InterQ build. */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    if (current > PG_LATEST_VERSION) {
      throw new Error(
        `PostgreSQL database has schema version ${current}, newer than this InterQ build knows (${PG_LATEST_VERSION}). Upgrade InterQ; the database was not changed.`,
      );
    }
    for (const m of PG_MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)', [m.version, m.description, Date.now()]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
