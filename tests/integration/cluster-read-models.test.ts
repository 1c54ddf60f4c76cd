/**
 * The admin dashboard across nodes (issue #16 item 5): two server processes (`npm start`'s sync-server/main.ts) with
 * their own data folders and read models, sharing one PostgreSQL database and one signing secret. An interview is
 * written only through node B (its owner: the clients and the guest's uploads go there); node A's /api/admin/results
 * lists it and follows every later change without restarting, within a bounded wait, because every commit is
 * announced to every node (projector.ts "Other nodes"); B's status, synthesis and guest link's name reach A too
 * (synthesis/wrap-up-mirror.ts), and once B has stopped A answers with the synthesis B made; a deletion through B
 * leaves A's list; a node started afterwards shows B's row at once (it copies what it never heard). /healthz on a node
 * with DATABASE_URL probes PostgreSQL and fails, with a sentence, while it is down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { mintToken } from '../../sync-server/auth/tokens';
import { readSecret, startServer, dataDirSharingSecret, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { connectClient, waitFor, type YwsClient } from '../support/yws-client';
import { seedInterview } from '../support/results-seed';
import { uploadRecording } from '../support/upload-recording';

const postgres = storageBackends({ restartable: true }).find((b) => b.name === 'postgres')!;
const IV = 'cluster-rm-1';
const IV2 = 'cluster-rm-2';
/** How long another node may take to show a change (asserted; the measured times are printed). */
const FOLLOW_BOUND_MS = 15_000;
let a: ServerProcess;
let b: ServerProcess;
let storeEnv: Record<string, string> = {};
const clients: YwsClient[] = [];

interface ResultRow {
  interviewId: string;
  candidate: string | null;
  title: string;
  status: string;
  questions: number;
  answered: number;
  aiScore: number | null;
  humanScore: number | null;
  ratedAnswers: number;
  reviewState: string;
  recommendation: string | null;
  synthesisKind: string | null;
}

beforeAll(async () => {
  if (postgres.skip) return;
  // No quiet time before a re-synthesis: the test follows the one B makes after a rating.
  storeEnv = { DATABASE_URL: (await postgres.open()).url!, SYNTHESIS_RESYNTHESIS_QUIET_MS: '0' };
  const env = storeEnv;
  a = await startServer({ env });
  const dataB = dataDirSharingSecret(a);
  b = await startServer({ dataDir: dataB, env });
}, 180_000);
afterAll(async () => {
  for (const c of clients) c.destroy();
  await a?.stop();
  await b?.stop();
});

const call = async <T>(node: ServerProcess, method: string, p: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${node.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${node.hostToken}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${p} on ${node.url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};
const rowOn = async (node: ServerProcess, id = IV): Promise<ResultRow | undefined> =>
  (await call<{ rows: ResultRow[] }>(node, 'GET', '/api/admin/results?limit=200')).rows.find((r) => r.interviewId === id);

/** Waits until A's row equals B's (B serves the interview); returns how long that took. */
async function aMatchesB(what: string, ready: (row: ResultRow) => boolean): Promise<number> {
  const started = Date.now();
  let last: unknown = null;
  await waitFor(
    async () => {
      const [onA, onB] = [await rowOn(a), await rowOn(b)];
      last = { onA, onB };
      return onB !== undefined && ready(onB) && JSON.stringify(onA) === JSON.stringify(onB);
    },
    `${what}: node A shows what node B shows (last seen ${JSON.stringify(last)})`,
    FOLLOW_BOUND_MS + 30_000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last seen ${JSON.stringify(last)}`);
  });
  return Date.now() - started;
}

describe('the admin dashboard on two nodes sharing one PostgreSQL database', () => {
  it.skipIf(postgres.skip)('node A lists an interview served by node B and follows its changes live, and its deletion', async () => {
    const secret = readSecret(b.dataDir);
    const guest = mintToken(secret, { iid: IV, role: 'guest', sub: 'guest-1', ttlSec: 3600 });
    const open = async (name: string): Promise<Y.Doc> => {
      const c = connectClient(`${b.url.replace('http', 'ws')}/sync`, name, b.hostToken);
      clients.push(c);
      await c.synced();
      return c.doc;
    };
    await seedInterview(open, {
      interviewId: IV,
      title: 'Frontend across nodes',
      seed: 11,
      maxQuestions: 6,
      aiScore: (i) => [4, 3, 5][i % 3],
      upload: (r) => uploadRecording(b.url, guest, IV, r),
    });
    // The candidate's name is the guest link's subject, issued through B.
    await call(b, 'POST', '/api/invites', { interviewId: IV, role: 'guest', subject: 'Casey Across' });
    // B, the owner, computes the status and makes the (offline) synthesis; A shows B's status, recommendation and name.
    const listed = await aMatchesB('the seeded interview, synthesized on B', (r) => r.status === 'synthesized' && r.candidate === 'Casey Across');
    const first = (await rowOn(a))!;
    expect(first).toMatchObject({ title: 'Frontend across nodes', questions: 6, answered: 6, synthesisKind: 'offline', candidate: 'Casey Across' });
    expect(first.aiScore).not.toBeNull();
    expect(first.recommendation).not.toBeNull();
    type SynthesisView = { status: { status: string; inputHash: string | null } | null; latest: { inputHash: string; kind: string; result: unknown } | null; running: unknown };
    const synthesisOn = (node: ServerProcess) => call<SynthesisView>(node, 'GET', `/api/interviews/${IV}/synthesis`);
    // The input B synthesized before the rating: the rating must change it (ratings are part of the input).
    const hashBeforeRating = (await synthesisOn(b)).status?.inputHash ?? null;
    expect(hashBeforeRating).not.toBeNull();
    // A live change made through B's API (B writes the rating into the staff document as the interview's owner).
    type Detail = { questions: Array<{ id: string; score: unknown }> };
    const detail = await call<Detail>(b, 'GET', `/api/admin/results/${IV}`);
    const scored = detail.questions.find((q) => q.score !== null)!;
    await call(b, 'POST', `/api/admin/results/${IV}/ratings`, { questionId: scored.id, score: 1, note: 'rated on B' });
    // (The rating changes the synthesis input, so B synthesizes again; A follows that too.)
    const rated = await aMatchesB('a rating made through B', (r) => r.ratedAnswers === 1 && r.humanScore === 1 && r.status === 'synthesized');
    console.log(`[cluster-read-models] node A showed B's interview ${listed} ms after it was written, and B's rating ${rated} ms after it was made`);
    expect(rated).toBeLessThan(FOLLOW_BOUND_MS);
    expect(listed).toBeLessThan(FOLLOW_BOUND_MS);

    // Deleted through B: A's list drops it without a restart (a second interview, so the first stays for what follows).
    await seedInterview(open, { interviewId: IV2, title: 'Deleted across nodes', seed: 12, maxQuestions: 2 });
    await waitFor(async () => (await rowOn(a, IV2)) !== undefined, 'node A lists the second interview', FOLLOW_BOUND_MS);
    for (const c of clients.splice(0)) c.destroy();
    expect(await call(b, 'DELETE', `/api/admin/candidates/${IV2}`)).toMatchObject({ interviewId: IV2 });
    const deletedAt = Date.now();
    await waitFor(async () => (await rowOn(a, IV2)) === undefined, 'node A drops the interview deleted through B', FOLLOW_BOUND_MS);
    console.log(`[cluster-read-models] node A dropped the deleted interview after ${Date.now() - deletedAt} ms`);

    // B's wrap-up settled on the rated input (its status moved past the input it had before the rating, and its
    // synthesis is of the input as it stands, none running): "synthesized" alone can still be the status from before
    // the rating, which B replaces after its debounce. Then B stops (drain: its leases go) and A, which never served
    // the interview, answers with the synthesis B made.
    let onB: SynthesisView | null = null;
    await waitFor(async () => {
      onB = await synthesisOn(b);
      return onB.status?.status === 'synthesized' && onB.status.inputHash !== hashBeforeRating && onB.running === null && onB.latest?.inputHash === onB.status.inputHash;
    }, "B's synthesis of the rated interview", 60_000);
    await aMatchesB('the settled wrap-up', (r) => r.status === 'synthesized');
    // A node that heard none of it (started now, its own empty data folder): at start it projects the documents and
    // copies every wrap-up and link the others published, so its row is B's at once, status and name included.
    const dataC = dataDirSharingSecret(a);
    const c = await startServer({ dataDir: dataC, env: storeEnv });
    try {
      await waitFor(async () => JSON.stringify(await rowOn(c)) === JSON.stringify(await rowOn(b)), 'a node started afterwards shows what B shows', FOLLOW_BOUND_MS);
    } finally {
      await c.stop();
    }
    await b.stop();
    const onA = await synthesisOn(a);
    // A takes the free lease with this request and may recompute the status from the stored documents (the takeover
    // refresh): the same reading, only its time can be newer.
    const { updatedAt: _onB, ...statusOnB } = onB!.status as Record<string, unknown>;
    expect(onA.status).toMatchObject(statusOnB);
    expect(onA.latest).toMatchObject({ inputHash: onB!.latest!.inputHash, kind: onB!.latest!.kind });
    expect(onA.latest!.result).toEqual(onB!.latest!.result);
  }, 180_000);

  it.skipIf(postgres.skip)('/healthz probes PostgreSQL: ok while it accepts writes, a failed check with a sentence while it is down', async () => {
    const health = async (node: ServerProcess) => {
      const res = await fetch(`${node.url}/healthz`);
      return { status: res.status, body: (await res.json()) as { checks: Record<string, { state: string; message: string | null; database?: string }> } };
    };
    await waitFor(async () => (await health(a)).body.checks.postgres?.state === 'ok', 'the first probe');
    const up = await health(a);
    expect(up.status).toBe(200);
    expect(up.body.checks.postgres!.database).toMatch(/^postgres:\/\/interq@127\.0\.0\.1:\d+\//);
    await postgres.cluster()!.restart(async () => {
      // (Other checks that read PostgreSQL may fail first, such as the uploads in progress: wait for this one.)
      await waitFor(async () => (await health(a)).body.checks.postgres?.state === 'fail', 'node A reports PostgreSQL down', 20_000);
      const report = await health(a);
      expect(report.status).toBe(503);
      const down = report.body.checks.postgres!;
      expect(down.message).toMatch(/^PostgreSQL \(postgres:\/\/interq@127\.0\.0\.1:\d+\/\w+\) does not accept writes: .+\. Documents cannot be stored until it is back/);
    });
    await waitFor(async () => (await health(a)).body.checks.postgres?.state === 'ok', 'node A reports PostgreSQL back', 20_000);
    await waitFor(async () => (await health(a)).status === 200, 'node A healthy again', 20_000);
  }, 120_000);
});
