/**
 * The status store writes a status, and tells its listeners, only when what the dashboard shows of it changed (the
 * projection saves after every document change, with a new time each time): every field counts, the time of the
 * save does not, and `updated_at` is the time of the last change. What the row holds is read, not remembered, so a
 * row another writer changed (the cluster's wrap-up mirror, a deletion) is written again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { createSynthesisEvents } from '../../sync-server/synthesis/synthesis-events';
import { createSynthesisStore } from '../../sync-server/synthesis/synthesis-store';
import type { StatusResult } from '../../src/domain/wrap-up/status';

let db: Db | null = null;
let dir = '';
afterEach(() => {
  db?.close();
  db = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function setUp() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-status-save-'));
  db = openDatabase(path.join(dir, 'interq.sqlite'));
  const events = createSynthesisEvents();
  const store = createSynthesisStore(db, events);
  const heard: string[] = [];
  events.subscribe('iv-1', (change) => heard.push(change));
  return { store, heard, db: db! };
}

const base: StatusResult = { status: 'in-progress', humanReviewOnly: false, counts: { answers: 2, recordings: 2, uploaded: 1, transcribed: 1, toScore: 1, scored: 0 } };

describe('saveStatus', () => {
  it('announces the first status and each change of any field, never a save that only moves the time', () => {
    const { store, heard } = setUp();
    expect(store.saveStatus('iv-1', base, null, null, 1_000)).toBe(true);
    expect(heard).toEqual(['view']);
    expect(store.saveStatus('iv-1', base, null, null, 2_000)).toBe(false);
    expect(heard).toEqual(['view']);
    expect(store.status('iv-1')!.updatedAt).toBe(1_000);

    const changes: Array<[StatusResult, string | null, number | null]> = [
      [{ ...base, status: 'scored' }, null, null],
      [{ ...base, status: 'scored', humanReviewOnly: true }, null, null],
      ...(['answers', 'recordings', 'uploaded', 'transcribed', 'toScore', 'scored'] as const).map(
        (k, i): [StatusResult, string | null, number | null] => [{ ...base, status: 'scored', humanReviewOnly: true, counts: { ...base.counts, [k]: 10 + i } }, null, null],
      ),
    ];
    let expected = 1;
    let t = 3_000;
    for (const [s, hash, completedAt] of changes) {
      expect(store.saveStatus('iv-1', s, hash, completedAt, (t += 1_000))).toBe(true);
      expect(heard).toHaveLength(++expected);
      expect(store.status('iv-1')!.updatedAt).toBe(t);
    }
    const last = changes[changes.length - 1]![0];
    store.saveStatus('iv-1', last, 'hash-1', null, (t += 1_000));
    expect(heard).toHaveLength(++expected);
    store.saveStatus('iv-1', last, 'hash-1', 5_000, (t += 1_000));
    expect(heard).toHaveLength(++expected);
    const changedAt = t;
    expect(store.saveStatus('iv-1', last, 'hash-1', 5_000, (t += 1_000))).toBe(false);
    expect(heard).toHaveLength(expected);
    expect(store.status('iv-1')).toMatchObject({ status: 'scored', humanReviewOnly: true, inputHash: 'hash-1', completedAt: 5_000, updatedAt: changedAt, scored: 15 });
  });

  it('writes again over a row another writer changed or deleted', () => {
    const { store, heard, db } = setUp();
    store.saveStatus('iv-1', base, 'hash-1', null, 1_000);
    // The cluster's wrap-up mirror copies another node's row over this one (synthesis/wrap-up-mirror.ts).
    db.prepare("UPDATE interview_status SET status = 'completed', updated_at = 1500 WHERE interview_id = 'iv-1'").run();
    expect(store.saveStatus('iv-1', base, 'hash-1', null, 2_000)).toBe(true);
    expect(store.status('iv-1')).toMatchObject({ status: 'in-progress', updatedAt: 2_000 });
    db.prepare("DELETE FROM interview_status WHERE interview_id = 'iv-1'").run();
    expect(store.saveStatus('iv-1', base, 'hash-1', null, 3_000)).toBe(true);
    expect(store.status('iv-1')).toMatchObject({ status: 'in-progress', inputHash: 'hash-1', updatedAt: 3_000 });
    expect(heard).toEqual(['view', 'view', 'view']);
  });
});
