/**
 * The rated answers a staff device keeps (IndexedDB via Dexie, here fake-indexeddb): an interview's entries replace
 * its earlier ones, other interviews' stay, and they survive reopening the database (offline use later).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { InterqDatabase } from '../../src/storage/db';
import { allRatedAnswers, replaceInterviewRatedAnswers } from '../../src/storage/rated-answers-store';
import type { RatedAnswer } from '../../src/domain/scoring';

const q = { prompt: 'What is a cache?', referenceAnswer: 'A fast copy of data kept close to the reader.' };
const rated = (id: string, rating: number): RatedAnswer => ({ id, question: q, transcript: `answer ${id}`, rating, label: id });

let n = 0;
const dbs: InterqDatabase[] = [];
const open = (name: string) => {
  const db = new InterqDatabase(name);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('rated answers kept on a staff device', () => {
  it('replaces one interview\'s rated answers, keeps the others, and survives reopening', async () => {
    const name = `rated-${(n += 1)}`;
    const db = open(name);
    await replaceInterviewRatedAnswers(db, 'iv-a', [rated('iv-a/r1', 4), rated('iv-a/r2', 2)], 1);
    await replaceInterviewRatedAnswers(db, 'iv-b', [rated('iv-b/r1', 5)], 2);
    // A rating withdrawn and another changed in iv-a.
    await replaceInterviewRatedAnswers(db, 'iv-a', [rated('iv-a/r1', 3)], 3);
    expect((await allRatedAnswers(db)).map((r) => [r.id, r.rating])).toEqual([
      ['iv-a/r1', 3],
      ['iv-b/r1', 5],
    ]);
    db.close();
    const again = new InterqDatabase(name);
    dbs.push(again);
    expect((await allRatedAnswers(again)).map((r) => r.id)).toEqual(['iv-a/r1', 'iv-b/r1']);
    expect((await allRatedAnswers(again))[0]).toEqual(rated('iv-a/r1', 3));
  });
});
