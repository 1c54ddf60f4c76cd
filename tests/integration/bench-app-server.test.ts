/**
 * bench:sync's server of ours (`--server app`, the default: tests/support/app-process.ts) is production's composition,
 * so the bench's updates pay for production's hooks: the results projection's digests and rows, and the wrap-up's
 * status of each session, whose published plan the bench seeds (bench-sync/seed-plans.ts). The collab server alone
 * (collab-process.ts, the bench's server before) derives none of them.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, startBenchServerIn, startGenerator } from '../support/bench-generator';
import { seedPlans } from '../../scripts/bench-sync/seed-plans';
import { OUR_SERVER_SCRIPTS } from '../../scripts/bench-sync/server-choice';
import { publishedBankPlan } from '../support/bank-plan';
import { DATABASE_FILE } from '../../sync-server/data-dir';

afterEach(cleanUp);

const tableExists = (db: Database.Database, name: string): boolean => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);

/** Polls the server's SQLite file (read-only, beside the running server) until `check` passes or the time is up. */
async function eventually<T>(dataDir: string, read: (db: Database.Database) => T, check: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    let v: T;
    try {
      v = read(db);
    } finally {
      db.close();
    }
    if (check(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("bench:sync's server of ours", () => {
  it('runs production’s hooks on the bench sessions: digests of every document written, each session’s results row and status', async () => {
    const secret = randomBytes(32);
    const sessionIds = ['hooks-0000', 'hooks-0001'];
    const { port, dataDir } = await startBenchServerIn(OUR_SERVER_SCRIPTS.app, secret, (dir) => seedPlans(dir, null, sessionIds));
    const { next, send } = startGenerator();
    const connected = next('connected');
    send({ type: 'connect', port, secretHex: secret.toString('hex'), sessionIds, batch: 20 });
    await connected;
    send({ type: 'send', on: true });
    send({ type: 'window', start: true });
    // 8 s: each session's three staff members send ~10 reactions and chat messages in all, so none is a rare case.
    await new Promise((r) => setTimeout(r, 8000));
    const window = next('window');
    send({ type: 'window', start: false });
    expect((await window).report.sent).toBeGreaterThan(0);
    send({ type: 'send', on: false });
    const verified = next('verified');
    send({ type: 'verify', timeoutMs: 20_000 });
    const v = (await verified).report;
    expect(v.ok).toBe(true);
    // The documents the load wrote to (each kind's rates differ: in a few seconds not every one has a message yet).
    const written = Object.entries(v.expected)
      .filter(([, arrays]) => Object.values(arrays).some((n) => n > 0))
      .map(([doc]) => doc);
    expect(written.length).toBeGreaterThanOrEqual(sessionIds.length);

    const questions = publishedBankPlan('x').questions.length;
    const read = (db: Database.Database) => ({
      digests: tableExists(db, 'admin_digests')
        ? (db.prepare('SELECT interview_id || \'.\' || kind AS doc FROM admin_digests ORDER BY doc').all() as Array<{ doc: string }>).map((r) => r.doc)
        : [],
      results: tableExists(db, 'admin_results')
        ? (db.prepare('SELECT interview_id AS id, questions, reactions, chat, audience_submitted AS submitted FROM admin_results ORDER BY id').all() as Array<{
            id: string;
            questions: number;
            reactions: number;
            chat: number;
            submitted: number;
          }>)
        : [],
      statuses: tableExists(db, 'interview_status') ? (db.prepare('SELECT interview_id AS id FROM interview_status ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id) : [],
    });
    const want = {
      // The plan (seeded) and every document the load wrote to (staff, stage, audience, moderation).
      digests: [...sessionIds.map((id) => `${id}.plan`), ...written].sort(),
      // The load's chat messages, reactions and audience questions are the app's records, counted as a session's are.
      results: sessionIds.map((id) => ({
        id,
        questions,
        reactions: v.expected[`${id}.staff`]?.reactions ?? 0,
        chat: v.expected[`${id}.staff`]?.chat ?? 0,
        submitted: v.expected[`${id}.audience`]?.submissions ?? 0,
      })),
      statuses: sessionIds,
    };
    const staffRecords = want.results.reduce((n, r) => n + r.reactions + r.chat, 0);
    expect(staffRecords).toBeGreaterThan(0);
    const got = await eventually(dataDir, read, (v) => JSON.stringify(v) === JSON.stringify(want));
    expect(got).toEqual(want);
    send({ type: 'close' });
  }, 90_000);
});
