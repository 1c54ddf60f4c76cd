/**
 * Read models shared between nodes (issue #16), the two gaps the owners' once-a-second publication left, between real
 * server processes (`npm start`'s sync-server/main.ts) on one PostgreSQL:
 * - The crash window: a change the owner stored in the second before it was SIGKILLed was never published, and
 *   nobody opens the interview again; another node's dashboard shows it anyway, once the dead owner's lease ran out
 *   (storage/postgres/expired-lease-catch-up.ts), without restarting. The owner runs with a publication interval
 *   longer than the test (INTERQ_PUBLISH_MS), so it dies inside the window whatever the machine's speed.
 * - Publishing only for listeners: a node alone writes no rows for nobody; a node started with
 *   INTERQ_FOLLOW_OTHER_NODES=0 follows nobody but still publishes, so the other nodes' dashboards list what it serves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { dataDirSharingSecret, startServer, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { connectClient, waitFor, type YwsClient } from '../support/yws-client';
import { seedInterview } from '../support/results-seed';
import { REPORT_TTL_MS } from '../../sync-server/health/service-health';

const postgres = storageBackends().find((b) => b.name === 'postgres')!;
/** Lease of the test nodes: a dead owner's interviews are free this long after its last renewal. */
const LEASE_MS = 2_000;
/** Publication interval of the owner that dies: longer than the test, so it never publishes what it stores. */
const HELD_BACK_MS = 600_000;
/**
 * How long the test waits for another node to show a change its dead owner never published (by design the lease, the
 * catch-up's grace and interval, 2 s each): a limit on waiting, not a speed target; the time taken is printed.
 */
const CRASH_WAIT_MS = 60_000;
const FOLLOW_BOUND_MS = 15_000;

const started: ServerProcess[] = [];
const clients: YwsClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of started.splice(0)) await s.stop().catch(() => undefined);
});

interface ResultRow {
  interviewId: string;
  ratedAnswers: number;
  humanScore: number | null;
  questions: number;
}
interface Followed {
  ownerGone: number;
  unheard: number;
  resyncs: number;
  publisherHanded: number;
  publisherSettled: number;
}

async function node(env: Record<string, string>, dataDir?: string): Promise<ServerProcess> {
  const s = await startServer({ env: { INTERQ_LEASE_MS: String(LEASE_MS), ...env }, ...(dataDir ? { dataDir } : {}), timeoutMs: 180_000 });
  started.push(s);
  return s;
}

async function call<T>(s: ServerProcess, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${s.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${s.hostToken}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${p} on ${s.url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const rowOn = async (s: ServerProcess, id: string): Promise<ResultRow | undefined> =>
  (await call<{ rows: ResultRow[] }>(s, 'GET', '/api/admin/results?limit=200')).rows.find((r) => r.interviewId === id);
const followedOn = async (s: ServerProcess): Promise<Followed> =>
  ((await (await fetch(`${s.url}/healthz`)).json()) as { checks: { collab: { followedFromOtherNodes: Followed } } }).checks.collab.followedFromOtherNodes;

/** Seeds a finished interview through `s` (its clients connect there, so `s` owns it), then closes the clients. */
async function seedThrough(s: ServerProcess, interviewId: string, seed: number): Promise<void> {
  const open = async (name: string): Promise<Y.Doc> => {
    const c = connectClient(`${s.url.replace('http', 'ws')}/sync`, name, s.hostToken);
    clients.push(c);
    await c.synced();
    return c.doc;
  };
  await seedInterview(open, { interviewId, title: `Gaps ${interviewId}`, seed, maxQuestions: 3, aiScore: () => 4 });
  for (const c of clients.splice(0)) c.destroy();
}

/** Rates the interview's first scored question through `s`'s API: answered once the rating is stored. */
async function rate(s: ServerProcess, interviewId: string): Promise<void> {
  const detail = await call<{ questions: Array<{ id: string; score: unknown }> }>(s, 'GET', `/api/admin/results/${interviewId}`);
  const scored = detail.questions.find((q) => q.score !== null)!;
  await call(s, 'POST', `/api/admin/results/${interviewId}/ratings`, { questionId: scored.id, score: 2, note: 'rated just before the crash' });
}

async function withDatabase<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Documents of the interview whose last stored seq is past what their owner published (the crash window's). */
const unpublished = (url: string, interviewId: string) =>
  withDatabase(url, async (c) => {
    const res = await c.query<{ doc: string }>(
      `SELECT s.doc FROM (
         SELECT doc, MAX(seq) AS last_seq FROM (
           SELECT doc, upto_seq AS seq FROM yjs_snapshots UNION ALL SELECT doc, seq FROM yjs_updates
         ) x WHERE doc LIKE $1 GROUP BY doc
       ) s LEFT JOIN projected_docs p ON p.doc = s.doc
       WHERE p.seq IS NULL OR p.seq < s.last_seq ORDER BY s.doc`,
      [`${interviewId}.%`],
    );
    return res.rows.map((r) => r.doc);
  });
const publishedRows = (url: string, interviewId: string) =>
  withDatabase(url, async (c) => Number((await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM projected_docs WHERE interview_id = $1', [interviewId])).rows[0]!.n));

describe('shared read models: the crash window and publishing only for listeners', () => {
  it.skipIf(postgres.skip)('a change its owner stored just before SIGKILL reaches another node\'s dashboard without anyone opening the interview', async () => {
    const url = (await postgres.open()).url!;
    // B publishes nothing during the test (INTERQ_PUBLISH_MS, 10 minutes): the window between a stored change and its
    // publication, a second by default, is held open however slow the machine, so B dies inside it for certain.
    const b = await node({ DATABASE_URL: url, INTERQ_PUBLISH_MS: String(HELD_BACK_MS) });
    const IV = 'gaps-crash-1';
    await seedThrough(b, IV, 31);
    // A lists the interview from storage (its start-up catch-up), since B publishes nothing; once its follower has
    // connected and compared storage (`resync`), A reads nothing more of storage unless an owner's lease runs out.
    const a = await node({ DATABASE_URL: url }, dataDirSharingSecret(b));
    await waitFor(async () => (await followedOn(a)).resyncs >= 1, "node A's follower compared storage once connected", FOLLOW_BOUND_MS);
    expect((await rowOn(a, IV))?.questions).toBe(3);
    expect((await rowOn(a, IV))!.ratedAnswers).toBe(0);

    await rate(b, IV);
    // The rating is stored, and B has not published it (nor anything of the interview): the window this test is about.
    expect(await unpublished(url, IV)).toContain(`${IV}.staff`);
    expect(await publishedRows(url, IV)).toBe(0);
    await b.kill();
    const killedAt = Date.now();
    expect((await rowOn(a, IV))!.ratedAnswers).toBe(0);
    expect(await publishedRows(url, IV)).toBe(0);

    // Nobody opens the interview again (no client, no interview route): A only lists results. The wait's limit is only
    // how long the test waits for the catch-up (lease + 4 s by design); the time taken is printed, not asserted.
    await waitFor(async () => (await rowOn(a, IV))?.ratedAnswers === 1, 'node A shows the rating its dead owner never published', CRASH_WAIT_MS);
    console.log(`[cluster-read-model-gaps] node A showed the rating ${Date.now() - killedAt} ms after its owner was SIGKILLed (lease ${LEASE_MS} ms)`);
    expect((await rowOn(a, IV))!.humanScore).toBe(2);
    // Read from storage because its owner stopped, not from published rows (there were none).
    expect((await followedOn(a)).ownerGone).toBeGreaterThanOrEqual(1);
  }, 240_000);

  it.skipIf(postgres.skip)('a node alone publishes no rows; one started with INTERQ_FOLLOW_OTHER_NODES=0 follows nobody but still publishes', async () => {
    const url = (await postgres.open()).url!;
    const b = await node({ DATABASE_URL: url });
    const ALONE = 'gaps-alone-1';
    await seedThrough(b, ALONE, 41);
    await waitFor(async () => (await rowOn(b, ALONE))?.questions === 3, 'node B lists its interview');
    // Its publisher ran and wrote nothing: no other node listens.
    await waitFor(async () => (await followedOn(b)).unheard > 0, "node B's publisher skipped a publication nobody would read");
    expect(await publishedRows(url, ALONE)).toBe(0);

    // A follows nobody. At its start it projects what is stored (B's interview included), as every node does.
    const a = await node({ DATABASE_URL: url, INTERQ_FOLLOW_OTHER_NODES: '0' }, dataDirSharingSecret(b));
    expect((await rowOn(a, ALONE))?.ratedAnswers).toBe(0);
    // A change through B: still nobody listens (A does not follow), so B writes nothing and A does not see it.
    const unheardBefore = (await followedOn(b)).unheard;
    await rate(b, ALONE);
    // B's own dashboard shows the rating once B's projection applied it, and that same step handed it to B's publisher
    // (projector.ts flush: applied, then handed over, before the list is answered). Once every handover counted after
    // that has been through a finished publication, the rating's own publication has happened: written, or skipped for
    // lack of a listener. Only then does "nothing written" say something.
    await waitFor(async () => (await rowOn(b, ALONE))?.ratedAnswers === 1, "node B's own dashboard shows the rating");
    // /healthz serves one report for up to REPORT_TTL_MS: a report asked for that long after is built after the handover.
    await delay(REPORT_TTL_MS + 10);
    const handed = (await followedOn(b)).publisherHanded;
    await waitFor(async () => (await followedOn(b)).publisherSettled >= handed, "node B's publisher finished the publication that holds the rating");
    expect((await followedOn(b)).unheard).toBeGreaterThan(unheardBefore);
    expect(await publishedRows(url, ALONE)).toBe(0);
    expect((await rowOn(a, ALONE))!.ratedAnswers).toBe(0);

    // An interview served by A: A publishes (B listens), so B's dashboard lists it.
    const BY_A = 'gaps-by-a-1';
    await seedThrough(a, BY_A, 42);
    const seededAt = Date.now();
    await waitFor(async () => (await rowOn(b, BY_A))?.questions === 3, 'node B lists the interview node A serves', FOLLOW_BOUND_MS);
    console.log(`[cluster-read-model-gaps] node B listed node A's interview ${Date.now() - seededAt} ms after it was seeded`);
    expect(await publishedRows(url, BY_A)).toBeGreaterThan(0);
  }, 240_000);
});
