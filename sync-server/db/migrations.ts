/**
 * Versioned schema migrations, applied in order inside one transaction each.
 * Append only: never edit a migration that has shipped; add a new one instead.
 * `PRAGMA user_version` records how far a database has come.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'Yjs documents, revoked tokens, server settings',
    sql: `
      CREATE TABLE yjs_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc TEXT NOT NULL,
        update_data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX yjs_updates_doc ON yjs_updates(doc, seq);
      -- A compacted state replaces all updates of a document up to upto_seq.
      CREATE TABLE yjs_snapshots (
        doc TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        upto_seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE revoked_tokens (
        jti TEXT PRIMARY KEY,
        revoked_at INTEGER NOT NULL
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'Interview index for listing and invite bookkeeping',
    sql: `
      CREATE TABLE interviews (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        archetype TEXT NOT NULL,
        depth TEXT NOT NULL,
        question_count INTEGER NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE invites (
        jti TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL,
        role TEXT NOT NULL,
        subject TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX invites_interview ON invites(interview_id);
    `,
  },
  {
    version: 3,
    description: 'Resumable uploads of answer audio',
    sql: `
      CREATE TABLE recordings (
        interview_id TEXT NOT NULL,
        recording_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        total_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        received_bytes INTEGER NOT NULL DEFAULT 0,
        uploaded_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        completed_at INTEGER,
        PRIMARY KEY (interview_id, recording_id)
      );
      -- One row per PATCH; the parts of a recording tile 0..received_bytes without gaps.
      CREATE TABLE recording_parts (
        interview_id TEXT NOT NULL,
        recording_id TEXT NOT NULL,
        offset INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (interview_id, recording_id, offset)
      );
    `,
  },
  {
    version: 4,
    description: 'Projection versions and per-document watermarks (read models derived from the Yjs updates)',
    sql: `
      -- The version each projection's tables were built with; a different version in code rebuilds them.
      CREATE TABLE projection_state (
        projection TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        built_at INTEGER NOT NULL
      );
      -- The highest yjs_updates.seq (or snapshot upto_seq) of a document a projection has applied.
      CREATE TABLE projection_watermarks (
        projection TEXT NOT NULL,
        doc TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (projection, doc)
      );
    `,
  },
  {
    version: 5,
    description: 'Deleted interviews: their documents are refused from then on',
    sql: `
      -- A deleted interview's id stays here, so a device that still holds its documents
      -- cannot bring them back by syncing, and the deletion is on record (who, when, what).
      CREATE TABLE deleted_interviews (
        id TEXT PRIMARY KEY,
        deleted_at INTEGER NOT NULL,
        deleted_by TEXT NOT NULL,
        summary TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    description: 'Interview status projection and the final synthesis of each interview',
    sql: `
      -- Kept by the server from the documents it stores (sync-server/synthesis/status-projection.ts); no client writes it.
      CREATE TABLE interview_status (
        interview_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        human_review_only INTEGER NOT NULL,
        answers INTEGER NOT NULL,
        recordings INTEGER NOT NULL,
        uploaded INTEGER NOT NULL,
        transcribed INTEGER NOT NULL,
        to_score INTEGER NOT NULL,
        scored INTEGER NOT NULL,
        input_hash TEXT,
        completed_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      -- One row per synthesis run; only host and interviewer read it (through the API), it is in no Yjs document.
      CREATE TABLE syntheses (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        interview_id TEXT NOT NULL,
        input_hash TEXT NOT NULL,
        mode TEXT NOT NULL,
        state TEXT NOT NULL,
        trigger TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        kind TEXT,
        reliable INTEGER,
        stale INTEGER NOT NULL DEFAULT 0,
        fallback_reason TEXT,
        model TEXT,
        prompt_version TEXT NOT NULL,
        tokens_prompt INTEGER NOT NULL DEFAULT 0,
        tokens_completion INTEGER NOT NULL DEFAULT 0,
        claims_kept INTEGER NOT NULL DEFAULT 0,
        claims_dropped INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        progress TEXT NOT NULL,
        error TEXT,
        result_json TEXT,
        state_vectors TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX syntheses_interview ON syntheses(interview_id, id);
      -- At most one run in flight per interview and input: concurrent triggers join it.
      CREATE UNIQUE INDEX syntheses_one_running ON syntheses(interview_id, input_hash) WHERE state = 'running';
    `,
  },
  {
    version: 7,
    description: 'Yjs client ids bound to the writer that first used them, per document',
    sql: `
      -- A Yjs client id names whose clocks a struct claims. Bound to the first writer (role and name of the link) that
      -- wrote with it in a document, so nobody else can claim that writer's clocks and make every peer drop its writes.
      CREATE TABLE yjs_client_owners (
        doc TEXT NOT NULL,
        client INTEGER NOT NULL,
        owner TEXT NOT NULL,
        claimed_at INTEGER NOT NULL,
        PRIMARY KEY (doc, client)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 8,
    description: 'Yjs update rows without AUTOINCREMENT; a kept high-water mark instead, so no sequence number is reused',
    sql: `
      -- AUTOINCREMENT wrote its counter's page (sqlite_sequence) in every transaction that stored an update: a third
      -- of the WAL pages of a one-update commit. What it guaranteed is kept here instead: the highest seq of any row
      -- ever deleted (compaction, interview deletion), so that a new row's seq (doc-store.ts: one above both this and
      -- the highest row left) is above every seq ever handed out. Projection watermarks and the compaction's
      -- "seq > upto_seq" read count on a document's sequence numbers only growing.
      CREATE TABLE yjs_seq_high_water (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL
      );
      INSERT INTO yjs_seq_high_water (id, seq) VALUES (1, max(
        ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'yjs_updates'), 0),
        ifnull((SELECT max(seq) FROM yjs_updates), 0),
        ifnull((SELECT max(upto_seq) FROM yjs_snapshots), 0)
      ));
      -- The same table without AUTOINCREMENT, every row kept with its seq.
      CREATE TABLE yjs_updates_rebuilt (
        seq INTEGER PRIMARY KEY,
        doc TEXT NOT NULL,
        update_data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      INSERT INTO yjs_updates_rebuilt (seq, doc, update_data, created_at) SELECT seq, doc, update_data, created_at FROM yjs_updates ORDER BY seq;
      DROP TABLE yjs_updates;
      ALTER TABLE yjs_updates_rebuilt RENAME TO yjs_updates;
      CREATE INDEX yjs_updates_doc ON yjs_updates(doc, seq);
      -- Whoever deletes rows (DocStore.compact, the compaction thread, an interview's deletion, an operator by hand)
      -- raises the mark first; it costs nothing on the write path.
      CREATE TRIGGER yjs_updates_keep_high_water BEFORE DELETE ON yjs_updates
      WHEN OLD.seq > (SELECT seq FROM yjs_seq_high_water WHERE id = 1)
      BEGIN
        UPDATE yjs_seq_high_water SET seq = OLD.seq WHERE id = 1;
      END;
    `,
  },
  {
    version: 9,
    description: 'Expired recordings: what the status still needs of a completed recording once retention deleted its audio',
    sql: `
      -- Retention (uploads/retention.ts) deletes a recording's row and audio once it is past the retention period. The
      -- interview's status counts the uploads the server completed, so without this row a synthesized interview read
      -- again (a later rating) fell back to "completed". One row per completed recording retention deleted, in the
      -- same transaction as the deletion: no audio, only that it was complete and when it expired.
      CREATE TABLE expired_recordings (
        interview_id TEXT NOT NULL,
        recording_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        completed_at INTEGER NOT NULL,
        expired_at INTEGER NOT NULL,
        PRIMARY KEY (interview_id, recording_id)
      ) WITHOUT ROWID;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
