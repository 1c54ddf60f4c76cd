/**
 * Retention (sync-server/uploads/retention.ts) deletes a recording's audio past the retention period; what the
 * interview's status needs of a complete one stays (`expired_recordings`, written in the deletion's transaction), on
 * SQLite and on PostgreSQL. A synthesized interview whose recordings expired stays synthesized when a later rating
 * makes the server read its status again (before: no complete upload counted, and the status fell back to
 * "completed"); the candidate export and the audio routes say the audio expired rather than that it never arrived; a
 * guest's device cannot upload an expired recording again; deleting the interview deletes these rows too. The
 * migration that makes the table (SQLite 9, PostgreSQL 10) keeps every recording and part already stored.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../src/domain/access';
import { publishStageState } from '../../src/sync/stage-doc';
import { setRating } from '../../src/sync/staff-doc';
import { exportCandidateZip } from '../../sync-server/admin/candidate-export';
import { resultsProjection } from '../../sync-server/admin/results-projection';
import { MIGRATIONS } from '../../sync-server/db/migrations';
import { openDatabase } from '../../sync-server/db/open';
import { migratePostgres } from '../../sync-server/storage/postgres/migrations';
import { PostgresRecordingStore } from '../../sync-server/storage/postgres/postgres-recording-store';
import { createRecordingStore } from '../../sync-server/uploads/sqlite-recording-store';
import type { RecordingStore } from '../../sync-server/uploads/recording-store';
import { completedStage, fixturePlan } from '../support/synthesis-fixtures';
import { storageBackends } from '../support/storage-backends';
import { wrapUpInProcess } from '../support/wrap-up-in-process';
import { tempDir } from '../support/yws-client';

const DAY = 86_400_000;
let n = 0;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe.each(storageBackends())('expired recordings on $name', (backend) => {
  if (backend.skip) {
    it.skip('needs PostgreSQL (see the warning above)', () => undefined);
    return;
  }

  /** The wrap-up as the app server composes it, on this backend's recording store and a node's SQLite file. */
  async function setUp() {
    const opened = await backend.open();
    const iid = `expiry-${backend.name}-${++n}`;
    const recordings = await opened.recordings();
    const wrapUp = wrapUpInProcess(opened.db, recordings, iid);
    closers.push(wrapUp.close);
    return { ...opened, ...wrapUp, iid, recordings };
  }

  /** What a failure message needs to tell why a status is not the one expected. */
  const diagnosis = (t: Awaited<ReturnType<typeof setUp>>) => [...t.logged, `latest run: ${JSON.stringify(t.store.latest(t.iid))}`, `running: ${JSON.stringify(t.store.running(t.iid))}`].join('\n');

  it('a synthesized interview whose recordings expired stays synthesized after a later rating', async () => {
    const t = await setUp();
    const now = Date.now();
    const ids = await t.scoredInterview(now - 40 * DAY);
    expect(t.store.status(t.iid), diagnosis(t)).toMatchObject({ status: 'synthesized', recordings: 3, uploaded: 3 });
    // Retention at 30 days: every recording is past it.
    expect(await t.recordings.deleteCreatedBefore(now - 30 * DAY, now)).toMatchObject({ recordings: 3 });
    expect(await t.recordings.list(t.iid)).toEqual([]);
    expect(await t.recordings.partFrom(t.iid, ids[0]!, 0)).toBeNull();
    expect([...(await t.recordings.completedIds(t.iid))].sort()).toEqual([...ids].sort());

    // A reviewer's rating changes the synthesis input: the status is read again (and a new synthesis made).
    setRating(t.doc('staff'), 'q-cache', 4, { by: 'Rita', role: 'interviewer' }, now);
    await t.stored('staff');
    expect(t.store.status(t.iid), diagnosis(t)).toMatchObject({ status: 'synthesized', recordings: 3, uploaded: 3, transcribed: 3 });
  });

  it('lists an expired recording as expired, refuses to take it again, exports it as expired audio, and deletes it with its interview', async () => {
    const t = await setUp();
    const now = Date.parse('2026-11-20T10:00:00Z');
    const [kept, gone] = [`rec-kept-${n}`, `rec-gone-${n}`];
    await t.upload(gone, 'q-cache', now - 40 * DAY);
    await t.upload(kept, 'q-trace', now - 2 * DAY);
    // An upload never finished: it goes with no trace (the status never counted it).
    const half = Buffer.from('half of an answer');
    await t.recordings.create(t.iid, { recordingId: 'rec-half', questionId: 'q-cache', mimeType: 'audio/webm', totalBytes: half.length, sha256: 'f'.repeat(64), durationMs: 1 }, 'guest-1', now - 41 * DAY);
    expect(await t.recordings.deleteCreatedBefore(now - 30 * DAY, now)).toEqual({ recordings: 2, bytes: Buffer.byteLength(`audio of ${gone}`) });
    // A second sweep (another node's) finds nothing and changes nothing.
    expect(await t.recordings.deleteCreatedBefore(now - 30 * DAY, now + 1)).toEqual({ recordings: 0, bytes: 0 });
    const expired = { recordingId: gone, questionId: 'q-cache', completedAt: now - 40 * DAY + 1_000, expiredAt: now };
    expect(await t.recordings.expired(t.iid)).toEqual([expired]);
    expect(await t.recordings.completedIds(t.iid)).toEqual([gone, kept]);

    const again = Buffer.from(`audio of ${gone}`);
    const create = await t.recordings.create(t.iid, { recordingId: gone, questionId: 'q-cache', mimeType: 'audio/webm', totalBytes: again.length, sha256: createHash('sha256').update(again).digest('hex'), durationMs: 30_000 }, 'guest-1');
    expect(create).toEqual({ kind: 'expired', expired });

    // The export holds the kept recording's audio and says the other's expired.
    publishStageState(t.doc('stage'), completedStage(fixturePlan(t.iid)));
    await t.storage.commit(docName(t.iid, 'stage'), [Y.encodeStateAsUpdate(t.doc('stage'))], []);
    resultsProjection().setup(t.db);
    const zipped = await exportCandidateZip(t.db, t.storage, { list: async () => [] }, t.openDoc, t.recordings, t.iid);
    const file = path.join(tempDir('interq-expiry-export-'), 'export.zip');
    fs.writeFileSync(file, zipped!);
    expect(execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean).sort()).toEqual([`audio/${kept}.webm`, 'interview.json']);
    const json = JSON.parse(execFileSync('unzip', ['-p', file, 'interview.json'], { encoding: 'utf8' })) as { recordings: Array<{ recordingId: string }>; expiredRecordings: unknown[] };
    expect(json.recordings.map((r) => r.recordingId)).toEqual([kept]);
    expect(json.expiredRecordings).toEqual([
      {
        recordingId: gone,
        questionId: 'q-cache',
        completedAt: new Date(expired.completedAt).toISOString(),
        expiredAt: '2026-11-20T10:00:00.000Z',
        audio: `The audio of recording ${gone} expired on 2026-11-20 under the server's retention period and was deleted; its transcript and scores are kept.`,
      },
    ]);

    // Deleting the interview deletes what was kept of its expired recordings.
    await t.recordings.removeFor(t.iid);
    expect(await t.recordings.expired(t.iid)).toEqual([]);
    expect(await t.recordings.completedIds(t.iid)).toEqual([]);
  });
});

describe('the migration to expired recordings', () => {
  const postgres = storageBackends().find((b) => b.name === 'postgres')!;
  const audio = Buffer.from('an answer stored before the migration');
  const sha256 = createHash('sha256').update(audio).digest('hex');
  /** What the old schema held: one complete recording with its part, one unfinished. */
  const seed = async (run: (sql: string, params: unknown[]) => unknown, offsetColumn: string, p: (i: number) => string) => {
    const insert = `INSERT INTO recordings (interview_id, recording_id, question_id, mime_type, total_bytes, sha256, duration_ms, received_bytes, uploaded_by, created_at, completed_at)
      VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(p).join(', ')})`;
    await run(insert, ['iv-old', 'r-done', 'q1', 'audio/webm', audio.length, sha256, 4_000, audio.length, 'guest-1', 1_000, 2_000]);
    await run(insert, ['iv-old', 'r-half', 'q2', 'audio/webm', 100, 'e'.repeat(64), 4_000, 0, 'guest-1', 1_000, null]);
    await run(`INSERT INTO recording_parts (interview_id, recording_id, ${offsetColumn}, data) VALUES (${[1, 2, 3, 4].map(p).join(', ')})`, ['iv-old', 'r-done', 0, audio]);
  };
  /** The migrated store serves the old rows as before, and retention then keeps the complete one's row. */
  const servesOldRows = async (store: RecordingStore) => {
    expect((await store.list('iv-old')).map((r) => [r.recordingId, r.complete])).toEqual([['r-done', true], ['r-half', false]]);
    expect(await store.partFrom('iv-old', 'r-done', 0)).toEqual({ offset: 0, data: audio });
    expect(await store.completedIds('iv-old')).toEqual(['r-done']);
    expect(await store.expired('iv-old')).toEqual([]);
    expect(await store.deleteCreatedBefore(5_000, 9_000)).toEqual({ recordings: 2, bytes: audio.length });
    expect(await store.expired('iv-old')).toEqual([{ recordingId: 'r-done', questionId: 'q1', completedAt: 2_000, expiredAt: 9_000 }]);
    expect(await store.completedIds('iv-old')).toEqual(['r-done']);
  };

  it('SQLite (version 8 to 9) keeps every recording and part', async () => {
    const file = path.join(tempDir('interq-expiry-migration-'), 'interq.sqlite');
    const old = new Database(file);
    for (const m of MIGRATIONS.filter((m) => m.version <= 8)) old.exec(m.sql);
    old.pragma('user_version = 8');
    await seed((sql, params) => old.prepare(sql).run(...params), 'offset', () => '?');
    const before = old.prepare('SELECT * FROM recordings ORDER BY recording_id').all();
    old.close();

    const db = openDatabase(file);
    closers.push(async () => void db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT * FROM recordings ORDER BY recording_id').all()).toEqual(before);
    await servesOldRows(createRecordingStore(db));
  });

  it.skipIf(postgres.skip)('PostgreSQL (version 9 to 10) keeps every recording and part', async () => {
    const pool = new pg.Pool({ connectionString: (await postgres.open()).url!, max: 2 });
    closers.push(() => pool.end());
    // The database as a version 9 build left it.
    await pool.query('DROP TABLE expired_recordings');
    await pool.query('DELETE FROM schema_migrations WHERE version >= 10');
    await seed((sql, params) => pool.query(sql, params), 'part_offset', (i) => `$${i}`);
    const before = (await pool.query('SELECT * FROM recordings ORDER BY recording_id')).rows;
    expect(before).toHaveLength(2);

    await migratePostgres(pool);
    expect((await pool.query<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]!.v).toBe(10);
    expect((await pool.query('SELECT * FROM recordings ORDER BY recording_id')).rows).toEqual(before);
    await servesOldRows(new PostgresRecordingStore(pool, () => undefined));
  });
});
