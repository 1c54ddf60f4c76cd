/**
 * One owner per interview on HTTP (issue #16 item 2): two InterQ nodes as `npm start` runs them (sync-server/main.ts
 * with DATABASE_URL) on one real PostgreSQL, and Debian's nginx rendered from deploy/nginx/interq.conf.template,
 * one proxy per node (as two proxies with different node lists would be).
 * - An interview whose documents are open on node A: node B answers its API with 421 and the redirect headers of the
 *   sync upgrade, and through B's proxy the wrap-up (synthesis), the dashboard's candidate page, a rating and an
 *   answer upload (POST, PATCH with its body) all reach A and work there; A's lease and epoch never change.
 * - An interview nobody owns: the node asked takes the lease and serves it; the other node then redirects to it.
 * - The comparison (several interviews at once) through B of an interview A owns: read from storage without the
 *   lease, the same answer as A's; while PostgreSQL is down, a 503 with a sentence.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable, type TestPostgres } from '../support/postgres';
import { ownPostgres } from '../support/run-postgres';
import type { ClusterProcess } from '../support/cluster-processes';
import type { NginxProcess } from '../support/nginx-process';
import { startTwoProxiedNodes, type TwoProxiedNodes } from '../support/two-proxied-nodes';
import { InterviewSeeder } from '../support/synthesis-interview';
import { ANSWER_TEXTS, fixturePlan, recordingOf } from '../support/synthesis-fixtures';
import { mintToken } from '../../sync-server/auth/tokens';
import type { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { LeaseStore } from '../../sync-server/cluster/lease-store';
import { readAllRatings } from '../../src/sync/staff-doc';
import { waitFor } from '../support/yws-client';

const unavailable = postgresUnavailable();
const secret = randomBytes(32);
let pgCluster: TestPostgres;
let nodes: TwoProxiedNodes;
let inspector: PostgresDocumentStorage;
let a: ClusterProcess;
let b: ClusterProcess;
let proxyA: NginxProcess;
let proxyB: NginxProcess;
const seeders: InterviewSeeder[] = [];

beforeAll(async () => {
  if (unavailable) return;
  pgCluster = await ownPostgres();
  nodes = await startTwoProxiedNodes(await pgCluster.database(), { secret, leaseMs: 3_000 });
  ({ inspector, a, b, proxyA, proxyB } = nodes);
}, 400_000);

afterAll(async () => {
  for (const s of seeders) s.destroy();
  await nodes?.stop();
  await pgCluster?.stop();
});

const token = (iid: string, role: 'host' | 'guest' = 'host') => mintToken(secret, { iid, role, sub: `${role}-1`, ttlSec: 3600 });
const get = (base: string, path: string, iid: string) => fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token(iid)}` } });
const holder = (iid: string) => new LeaseStore(inspector.pool).holder(iid);
function seeder(through: NginxProcess): InterviewSeeder {
  const s = new InterviewSeeder({ url: through.url, port: through.port }, secret);
  seeders.push(s);
  return s;
}

describe.skipIf(unavailable)('the HTTP API under the interview lease', () => {
  it("an interview open on node A: through node B's proxy the wrap-up, the candidate page, a rating and an upload reach A", async () => {
    const plan = fixturePlan('owned-by-a');
    const iid = plan.meta.id;
    // Played in through A's proxy: plan, key, uploads, transcripts and the stage on A (no scores: no automatic wrap-up).
    await seeder(proxyA).seed(plan, { withoutScores: true });
    const owner = (await holder(iid))!;
    expect(owner).toMatchObject({ owner: 'node-a', ownerAddress: a.address });

    // Asked directly, B refuses with the upgrade's redirect headers.
    const direct = await get(`http://${b.address}`, `/api/admin/results/${iid}`, iid);
    expect(direct.status).toBe(421);
    expect(direct.headers.get('x-interq-owner')).toBe('node-a');
    expect(direct.headers.get('x-interq-owner-address')).toBe(a.address);
    expect(direct.headers.get('x-accel-redirect')).toBe(`/_interq_owner/${a.address}/api/admin/results/${iid}`);
    expect(Number(direct.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await direct.json()).toMatchObject({ code: 'other-node' });

    const viaB = seeder(proxyB);
    // The wrap-up, started and followed through B's proxy, runs on A.
    const started = await viaB.api('POST', `/api/interviews/${iid}/synthesis`, 'host', iid, { offline: true });
    expect(started.status).toBe(202);
    const view = await viaB.waitForSynthesis(iid, (v) => v.latest !== null && v.running === null, 'the wrap-up through B', 60_000);
    expect(view.latest).toMatchObject({ kind: 'offline', fallbackReason: 'host-preferred' });

    // The dashboard's candidate page: A's read model and documents (server-side openDoc under A's lease).
    const page = await get(proxyB.url, `/api/admin/results/${iid}`, iid);
    expect(page.status).toBe(200);
    const detail = (await page.json()) as { questions: { id: string; transcript: { text: string } | null }[]; synthesis: unknown };
    expect(detail.questions.map((q) => q.id)).toEqual(plan.questions.map((q) => q.id));
    expect(detail.questions.find((q) => q.id === 'q-cache')!.transcript!.text).toBe(ANSWER_TEXTS['q-cache']);
    expect(detail.synthesis).toMatchObject({ source: 'offline synthesis' });

    // A rating (POST with a body) lands in the staff document A stores.
    const rated = await viaB.api('POST', `/api/admin/results/${iid}/ratings`, 'host', iid, { questionId: 'q-trace', score: 4, note: 'through B' });
    expect(rated.status).toBe(200);
    const storedRatings = async () => readAllRatings((await inspector.load(`${iid}.staff`)).doc).map((r) => [r.questionId, r.score, r.note]);
    await waitFor(async () => (await storedRatings()).length > 0, 'the rating stored in PostgreSQL');
    expect(await storedRatings()).toEqual([['q-trace', 4, 'through B']]);

    // An answer upload through B (POST, then a PATCH carrying the audio) is stored by A, complete.
    await viaB.upload(iid, 'rec-extra', 'q-cache');
    const onA = await get(`http://${a.address}`, `/api/interviews/${iid}/recordings`, iid);
    const listed = ((await onA.json()) as { recordings: { recordingId: string; complete: boolean }[] }).recordings;
    expect(listed.map((r) => [r.recordingId, r.complete]).sort()).toEqual(
      [...plan.questions.filter((q) => q.kind === 'spoken').map((q) => recordingOf(q.id)), 'rec-extra'].sort().map((id) => [id, true]),
    );
    // Nothing moved: A served all of it under the lease it took first.
    expect(await holder(iid)).toMatchObject({ owner: 'node-a', epoch: owner.epoch });
  }, 180_000);

  it("the comparison across interviews: node B reads an interview A owns from storage, without its lease, and answers as A does", async () => {
    const plan = fixturePlan('compared-on-a');
    const iid = plan.meta.id;
    // Scored, with the clients still connected to A: A holds the lease and the live documents.
    await seeder(proxyA).seed(plan);
    const owner = (await holder(iid))!;
    expect(owner).toMatchObject({ owner: 'node-a' });
    const paths = [`/api/admin/compare?ids=${iid}`, `/api/admin/reports/comparison.json?ids=${iid}`];
    const answers = async (address: string) =>
      Promise.all(
        paths.map(async (path) => {
          const r = await get(`http://${address}`, path, iid);
          const text = await r.text();
          // The report's time of writing is the only field that may differ.
          const body = r.status === 200 ? { ...(JSON.parse(text) as object), generatedAt: null } : text;
          return { status: r.status, body };
        }),
      );
    // B's read model follows what A stores (PostgreSQL notices), so wait until B lists the interview as A does.
    let last: { onA: Awaited<ReturnType<typeof answers>>; onB: Awaited<ReturnType<typeof answers>> } | null = null;
    await waitFor(async () => {
      last = { onA: await answers(a.address), onB: await answers(b.address) };
      const coding = (last.onA[0]!.body as { coding?: unknown[] }).coding ?? [];
      return coding.length > 0 && JSON.stringify(last.onA) === JSON.stringify(last.onB);
    }, 'the same comparison on both nodes', 30_000).catch((err: Error) => {
      throw new Error(`${err.message}; B answered: ${JSON.stringify(last?.onB)?.slice(0, 3000)}`);
    });
    const { onA, onB } = last!;
    expect(onB.map((r) => r.status)).toEqual([200, 200]);
    expect(onB).toEqual(onA);
    // What only the documents hold (the coding result in the assessment, the time from the stage) came from storage.
    const compared = onB[0]!.body as unknown as { candidates: { interviewId: string }[]; coding: { interviewId: string; questionId: string; passed: number; total: number; timeUsedMs: number | null }[] };
    expect(compared.candidates.map((c) => c.interviewId)).toEqual([iid]);
    expect(compared.coding).toEqual([expect.objectContaining({ interviewId: iid, questionId: plan.questions.find((q) => q.kind === 'coding')!.id, passed: 3, total: 3 })]);
    // B took no lease and registered no live document (what it read is not served or written): A still holds the
    // interview at the same epoch.
    expect(await holder(iid)).toMatchObject({ owner: 'node-a', epoch: owner.epoch });
    const health = (await (await fetch(`http://${b.address}/healthz`)).json()) as { checks: { collab: { openDocuments: number } } };
    expect(health.checks.collab.openDocuments).toBe(0);
  }, 120_000);

  it('an interview nobody owns: the node asked takes the lease and serves; the other then redirects to it', async () => {
    const iid = 'owned-by-nobody';
    expect(await holder(iid)).toBeNull();
    const first = await get(`http://${b.address}`, `/api/interviews/${iid}/recordings`, iid);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ recordings: [] });
    expect(await holder(iid)).toMatchObject({ owner: 'node-b', epoch: 1 });
    const onA = await get(`http://${a.address}`, `/api/interviews/${iid}/recordings`, iid);
    expect(onA.status).toBe(421);
    expect(onA.headers.get('x-interq-owner')).toBe('node-b');
    // Through A's proxy it is served (by B).
    expect((await get(proxyA.url, `/api/interviews/${iid}/recordings`, iid)).status).toBe(200);
    // A link for another interview is refused where it lands, without taking a lease.
    const other = await fetch(`http://${a.address}/api/interviews/owned-by-none-2/recordings`, { headers: { Authorization: `Bearer ${token(iid)}` } });
    expect(other.status).toBe(403);
    expect(await holder('owned-by-none-2')).toBeNull();
    expect(await holder(iid)).toMatchObject({ owner: 'node-b', epoch: 1 });
  }, 60_000);

  // Last: it stops PostgreSQL for a moment.
  it('the comparison while PostgreSQL is down: a 503 with a sentence, not a 500; served again once it is back', async () => {
    const iid = 'compared-on-a';
    const compare = () => get(`http://${b.address}`, `/api/admin/compare?ids=${iid}`, iid);
    let during: { status: number; retryAfter: string | null; body: { error: string; code: string } } | null = null;
    await pgCluster.restart(async () => {
      const r = await compare();
      during = { status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as { error: string; code: string } };
    });
    // The link's revocation check (in PostgreSQL) or the documents' read, whichever meets the outage first; either
    // says when to ask again, like the interview gate's 503.
    expect(during).toMatchObject({ status: 503, retryAfter: '2', body: { code: 'storage-unavailable' } });
    expect(during!.body.error).toMatch(/^The (server cannot check this link|stored interviews could not be read) just now .*Try again in a moment\.$/);
    await waitFor(async () => (await compare()).status === 200, 'the comparison served again after the restart', 30_000);
  }, 90_000);
});
