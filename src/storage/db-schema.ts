/**
 * The app database's name and schema, as plain data (no Dexie here). Dexie declares its versions from this list
 * (db.ts), and the first screen's raw IndexedDB access (first-screen-idb.ts) creates an absent database from the
 * same list, so a database made by either is the same database and Dexie stays its owner: it never has an upgrade
 * to run or a difference to patch when it opens one the first screen made.
 *
 * Schema changes: append a version; never edit an old one (Dexie upgrades devices from the installed one).
 */

export const APP_DB_NAME = 'interq';

export interface SchemaVersion {
  version: number;
  /** Dexie's syntax: the primary key first (`++` auto-incremented), then indexes (`[a+b]` compound). */
  stores: Readonly<Record<string, string>>;
}

export const APP_DB_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      interviews: 'id, updatedAt, localRole',
      credentials: 'scope',
      recordings: 'id, interviewId, [interviewId+questionId], status',
      audioChunks: '++id, [recordingId+seq], recordingId',
      kv: 'key',
    },
  },
  { version: 2, stores: { ratedAnswers: 'id, interviewId' } },
];
