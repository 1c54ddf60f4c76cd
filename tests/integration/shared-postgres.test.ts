/**
 * Two server processes (`npm start`'s sync-server/main.ts) with their own data folders, sharing one PostgreSQL
 * database through DATABASE_URL and one signing secret, as two nodes behind the proxy would: what one stores or
 * decides, the other serves or refuses — documents, the host's list of interviews, issued links, a revoked link
 * (API and sync), a deleted interview. No proxy here: each request goes to the node named (nginx-affinity.test.ts covers routing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, dataDirSharingSecret, type ServerProcess } from '../support/server-process';
import { connectClient, docUrl, tryUpgrade, waitFor } from '../support/yws-client';
import http from 'node:http';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { storageBackends } from '../support/storage-backends';
import { writePlan } from '../../src/sync/plan-doc';
import { publishedBankPlan } from '../support/bank-plan';

const postgres = storageBackends().find((b) => b.name === 'postgres')!;
const IV = 'shared-node-1';
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  if (postgres.skip) return;
  const databaseUrl = (await postgres.open()).url!;
  const env = { DATABASE_URL: databaseUrl };
  a = await startServer({ env });
  // The second node signs and checks links with the same secret (deploy/README.md: one secret for every node).
  const dataB = dataDirSharingSecret(a);
  b = await startServer({ dataDir: dataB, env });
}, 180_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

const api = (node: ServerProcess, method: string, p: string, tok: string, body?: unknown) =>
  fetch(`${node.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${tok}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
/** A WebSocket upgrade sent by hand, to read a refusal's status and the owner it names. */
function upgradeRefusal(url: string): Promise<{ status: number; owner: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url.replace(/^ws/, 'http'), {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, owner: res.headers['x-interq-owner'] as string | undefined });
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, owner: undefined });
    });
    req.on('error', reject);
  });
}
const syncUrl = (node: ServerProcess) => `${node.url.replace('http', 'ws')}/sync`;
const listed = async (node: ServerProcess): Promise<string[]> =>
  ((await (await api(node, 'GET', '/api/interviews', node.hostToken)).json()) as { interviews: { id: string }[] }).interviews.map((i) => i.id);

describe('two nodes sharing one PostgreSQL database', () => {
  it.skipIf(postgres.skip)('serve the same list, send the sockets of an open interview to its owner, and refuse on one node what the other revoked or deleted', async () => {
    // Published on node A: node B serves the stored plan and lists the interview.
    const plan = connectClient(syncUrl(a), `${IV}.plan`, a.hostToken);
    const key = connectClient(syncUrl(a), `${IV}.key`, a.hostToken);
    await Promise.all([plan.synced(), key.synced()]);
    writePlan(plan.doc, key.doc, publishedBankPlan(IV));
    await waitFor(async () => (await listed(b)).includes(IV), 'node B lists the interview published on node A', 15_000);
    // One owner per interview (sync-server/cluster/): A holds the interview's lease while its documents are open
    // there, so B does not serve them but answers 421, naming A (nginx follows it to A; deploy/README.md).
    const onB = await upgradeRefusal(docUrl(syncUrl(b), `${IV}.plan`, b.hostToken));
    expect(onB.status).toBe(421);
    expect(onB.owner).toBe(`${os.hostname()}:${a.port}`);

    // A guest link issued on A works on B; revoked on B, both nodes refuse it at once, over HTTP and at the sync upgrade.
    const issued = await api(a, 'POST', '/api/invites', a.hostToken, { interviewId: IV, role: 'guest', subject: 'Gus' });
    expect(issued.status).toBe(201);
    const invite = (await issued.json()) as { jti: string; url: string };
    const guest = invite.url.split('#t=')[1]!;
    expect((await api(b, 'GET', '/api/me', guest)).status).toBe(200);
    // The interview's own API is served by its owner (A) only: B answers 421 naming A (nginx follows it to A;
    // cluster-http.test.ts), and A lists the link issued through it.
    const listOnB = await api(b, 'GET', `/api/interviews/${IV}/invites`, b.hostToken);
    expect(listOnB.status).toBe(421);
    expect(listOnB.headers.get('x-interq-owner')).toBe(`${os.hostname()}:${a.port}`);
    const onAList = (await (await api(a, 'GET', `/api/interviews/${IV}/invites`, a.hostToken)).json()) as { invites: { jti: string }[] };
    expect(onAList.invites.map((i) => i.jti)).toEqual([invite.jti]);
    // The guest's socket is on A, the interview's owner; revoked through B's API, A closes it (PostgreSQL NOTIFY) with
    // the revocation's code.
    const guestOnA = connectClient(syncUrl(a), `${IV}.plan`, guest);
    await guestOnA.synced();
    expect((await api(b, 'DELETE', `/api/invites/${invite.jti}`, b.hostToken)).status).toBe(200);
    await waitFor(() => guestOnA.closes.some((c) => c.code === 4401), 'node A closed the socket of the link revoked on B');
    guestOnA.destroy();
    for (const node of [a, b]) {
      const refusedApi = await api(node, 'GET', '/api/me', guest);
      expect(refusedApi.status).toBe(401);
      expect(((await refusedApi.json()) as { code: string }).code).toBe('link-revoked');
    }
    expect(await tryUpgrade(docUrl(syncUrl(a), `${IV}.stage`, guest))).toMatchObject({ opened: false, status: 401 });
    expect(await tryUpgrade(docUrl(syncUrl(b), `${IV}.stage`, guest))).toMatchObject({ opened: false, status: 401 });

    // Deleted on A: B drops it from the list, and refuses its documents (410).
    const deleted = await api(a, 'DELETE', `/api/interviews/${IV}`, a.hostToken);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({ interviewId: IV, documents: 2, alreadyDeleted: false });
    expect(await listed(b)).not.toContain(IV);
    const refused = await tryUpgrade(docUrl(syncUrl(b), `${IV}.plan`, b.hostToken));
    expect(refused).toMatchObject({ opened: false, status: 410 });
    // B answers a second deletion with A's record, once A has let the deleted interview's lease go (A releases it
    // when its deletion request closes, which can come a moment after the test read the answer: until then B
    // answers 421 naming A, which the proxy follows to A).
    let again: { status: number; body: Record<string, unknown> } | null = null;
    await waitFor(async () => {
      const res = await api(b, 'DELETE', `/api/interviews/${IV}`, b.hostToken);
      again = { status: res.status, body: (await res.json()) as Record<string, unknown> };
      if (res.status === 421) expect(again.body).toMatchObject({ code: 'other-node' });
      return res.status !== 421;
    }, "node B answers the second deletion itself after A let the lease go", 15_000);
    expect(again!.status).toBe(200);
    expect(again!.body).toMatchObject({ interviewId: IV, alreadyDeleted: true });
    plan.destroy();
    key.destroy();
  }, 120_000);
});
