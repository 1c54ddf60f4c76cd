/**
 * The wrap-up's synthesis event stream (NDJSON, GET /api/interviews/<id>/synthesis/events) across nodes, through
 * Debian's nginx rendered from deploy/nginx/interq.conf.template: two `npm start` nodes on one PostgreSQL, a proxy
 * that knows only node B.
 * - Asked through B's proxy for an interview node A owns, the stream is served by A (B answers 421, nginx's
 *   `error_page 421` proxies the same request to A and streams its lines).
 * - A is paused past its lease and B takes the interview over; when A wakes and steps down it ends the stream
 *   (it would otherwise stay open on a node that no longer follows the interview, showing a frozen view). The reader
 *   reconnects through the same proxy, now to B, and sees the synthesis B makes.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable, type TestPostgres } from '../support/postgres';
import { sharedPostgres } from '../support/run-postgres';
import type { ClusterProcess } from '../support/cluster-processes';
import type { NginxProcess } from '../support/nginx-process';
import { startTwoProxiedNodes, type TwoProxiedNodes } from '../support/two-proxied-nodes';
import { InterviewSeeder } from '../support/synthesis-interview';
import { fixturePlan } from '../support/synthesis-fixtures';
import { mintToken } from '../../sync-server/auth/tokens';
import type { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { LeaseStore } from '../../sync-server/cluster/lease-store';
import type { SynthesisEvent } from '../../src/domain/wrap-up/synthesis-records';
import { connectClient, waitFor } from '../support/yws-client';
import { whenServed } from '../support/node-requests';
import { ndjsonLines } from '../../src/api/ndjson-lines';

const unavailable = postgresUnavailable();
const secret = randomBytes(32);
let pgCluster: TestPostgres;
let nodes: TwoProxiedNodes;
let inspector: PostgresDocumentStorage;
let a: ClusterProcess;
let b: ClusterProcess;
let proxyA: NginxProcess;
let proxyB: NginxProcess;

beforeAll(async () => {
  if (unavailable) return;
  // A database in the run's shared cluster: nothing here restarts PostgreSQL.
  pgCluster = await sharedPostgres();
  nodes = await startTwoProxiedNodes(await pgCluster.database(), { secret, leaseMs: 2_000 });
  ({ inspector, a, b, proxyA, proxyB } = nodes);
}, 400_000);

afterAll(async () => {
  a?.server.child.kill('SIGCONT');
  await nodes?.stop();
  await pgCluster?.stop();
});

const token = (iid: string) => mintToken(secret, { iid, role: 'host', sub: 'host-1', ttlSec: 3600 });
const holder = (iid: string) => new LeaseStore(inspector.pool).holder(iid);

/**
 * A reader of the event stream, as the wrap-up panel's followSynthesis reads it: lines, whether it ended, and how:
 * `cut` is the error of a stream that did not end cleanly (the node's connection went without the response's end).
 */
async function follow(base: string, iid: string) {
  const res = await fetch(`${base}/api/interviews/${iid}/synthesis/events`, { headers: { Authorization: `Bearer ${token(iid)}` } });
  expect(res.status).toBe(200);
  const events: SynthesisEvent[] = [];
  let ended = false;
  let cut: Error | null = null;
  const reading = (async () => {
    const lines = ndjsonLines(res.body!);
    for (;;) {
      // A connection the node reset ends the stream too.
      const next = await lines.next().catch((err: unknown) => {
        cut = err as Error;
        return { value: undefined, done: true as const };
      });
      if (next.done) break;
      events.push(JSON.parse(next.value) as SynthesisEvent);
    }
    ended = true;
  })();
  return { events, ended: () => ended, cut: () => cut, reading };
}

/** Seeds an interview through proxy A (whose node then owns it), without scores. */
async function seedThroughProxyA(plan: ReturnType<typeof fixturePlan>): Promise<void> {
  const seeder = new InterviewSeeder({ url: proxyA.url, port: proxyA.port }, secret);
  try {
    await seeder.seed(plan, { withoutScores: true });
  } finally {
    seeder.destroy();
  }
}

describe.skipIf(unavailable)('the synthesis event stream across nodes', () => {
  it("is served by the owner through a proxy that knows only another node, ends when the owner steps down, and follows the new owner after the reader reconnects", async () => {
    const plan = fixturePlan('streamed-on-a');
    const iid = plan.meta.id;
    await seedThroughProxyA(plan);
    expect(await holder(iid)).toMatchObject({ owner: 'node-a', epoch: 1 });

    // Through B's proxy: B answers 421, nginx streams A's answer.
    const first = await follow(proxyB.url, iid);
    await waitFor(() => first.events.some((e) => e.type === 'view'), 'the first view through B\'s proxy');
    expect(await holder(iid)).toMatchObject({ owner: 'node-a', epoch: 1 });
    expect(b.server.output()).toMatch(/HTTP request for an interview another node owns[^\n]*interview=streamed-on-a owner=node-a url=\/api\/interviews\/streamed-on-a\/synthesis\/events/);

    // A is paused past its lease; B takes the interview (asked directly: its proxy would send the request to A).
    a.server.child.kill('SIGSTOP');
    try {
      const taken = await whenServed(() => fetch(`http://${b.address}/api/interviews/${iid}/synthesis`, { headers: { Authorization: `Bearer ${token(iid)}` } }));
      expect(taken.status).toBe(200);
      expect(await holder(iid)).toMatchObject({ owner: 'node-b', epoch: 2 });
    } finally {
      a.server.child.kill('SIGCONT');
    }
    // A wakes, finds the lease taken over, steps down and ends the stream it served.
    await waitFor(first.ended, 'the stream served by A to end after A stepped down', 20_000);

    // The reader reconnects through the same proxy: B serves it now, and its events are B's.
    const second = await follow(proxyB.url, iid);
    await waitFor(() => second.events.some((e) => e.type === 'view'), 'the first view from B');
    const started = await fetch(`${proxyB.url}/api/interviews/${iid}/synthesis`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token(iid)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ offline: true }),
    });
    expect(started.status).toBe(202);
    await waitFor(
      () => second.events.some((e) => e.type === 'view' && e.view.latest !== null && e.view.running === null),
      'the synthesis B made, on the reconnected stream',
      60_000,
    );
    const done = second.events.filter((e): e is Extract<SynthesisEvent, { type: 'view' }> => e.type === 'view').at(-1)!;
    expect(done.view.latest).toMatchObject({ kind: 'offline' });
    expect(second.ended()).toBe(false);
    expect(await holder(iid)).toMatchObject({ owner: 'node-b', epoch: 2 });
  }, 240_000);

  it('moves with the interview\'s sockets when its node is drained (SIGTERM): the node ends the stream as it releases the lease, and the reader, reconnected, is served by the next node', async () => {
    const plan = fixturePlan('drained-from-a');
    const iid = plan.meta.id;
    await seedThroughProxyA(plan);
    expect(await holder(iid)).toMatchObject({ owner: 'node-a' });
    // A host on the interview: a staff socket and the synthesis panel, both through B's proxy, both served by A.
    const staff = connectClient(`ws://127.0.0.1:${proxyB.port}/sync`, `${iid}.staff`, token(iid));
    try {
      await staff.synced();
      const panel = await follow(proxyB.url, iid);
      await waitFor(() => panel.events.some((e) => e.type === 'view'), 'the panel\'s first view, from A');
      expect(await holder(iid)).toMatchObject({ owner: 'node-a' });

      // Drain A (deploy/README.md, "Draining a node"): SIGTERM, and A exits once drained.
      await a.server.stop();
      // The socket was told A is going away; the stream was ended by A itself (the response's end, relayed by nginx),
      // not cut when A's process went: it ended when A released the lease, like the socket.
      expect(staff.closes.map((c) => c.code)).toContain(1001);
      await waitFor(panel.ended, 'the stream A served to end', 10_000);
      expect(panel.cut()).toBeNull();

      // Both come back through the same proxy, to B, which holds the lease now.
      const again = await follow(proxyB.url, iid);
      await waitFor(() => again.events.some((e) => e.type === 'view'), 'the panel\'s first view after the drain');
      await staff.synced();
      expect(await holder(iid)).toMatchObject({ owner: 'node-b' });
      expect(b.server.output()).toMatch(new RegExp(`Took the lease of an interview[^\\n]*interview=${iid}`));
      expect(again.ended()).toBe(false);
    } finally {
      staff.destroy();
    }
  }, 240_000);
});
