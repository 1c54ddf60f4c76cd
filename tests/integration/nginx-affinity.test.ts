/**
 * Room affinity at the proxy (issue #16 item 3): Debian's nginx, configured from deploy/nginx/interq.conf.template,
 * in front of three real InterQ server processes on loopback (each with its own SQLite data folder, one shared
 * secret). Every request and socket of one interview must land on the same node, and different interviews must
 * spread over the nodes. Proven twice: by nginx's own routing log (interview and upstream of every request), and by
 * the nodes' databases (each interview's documents, index row and recordings are in exactly one of them).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDataDir, type ServerProcess } from '../support/server-process';
import { startNginx, type NginxProcess } from '../support/nginx-process';
import { connectClient, waitFor, type YwsClient } from '../support/yws-client';
import { DATABASE_FILE, SECRET_FILE } from '../../sync-server/data-dir';
import { mintToken } from '../../sync-server/auth/tokens';
import { renderNginxConf } from '../../deploy/render-nginx-conf';
import { writePlan } from '../../src/sync/plan-doc';
import { publishedBankPlan } from '../support/bank-plan';

const INTERVIEWS = Array.from({ length: 12 }, (_, i) => `route-check-${i + 1}`);
const secret = randomBytes(32);
let nodes: ServerProcess[] = [];
let nginx: NginxProcess;
let clients: YwsClient[] = [];

beforeAll(async () => {
  // One after another: three starts at once take minutes on a busy 2-core machine.
  for (let i = 0; i < 3; i++) {
    const dataDir = tempDataDir('interq-node-');
    // One secret for every node: a link issued by any of them is valid on all.
    fs.writeFileSync(path.join(dataDir, SECRET_FILE), secret.toString('hex') + '\n', { mode: 0o600 });
    nodes.push(await startServer({ dataDir, timeoutMs: 120_000 }));
  }
  nginx = await startNginx(nodes.map((n) => `127.0.0.1:${n.port}`));
}, 400_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await nginx?.stop();
  await Promise.all(nodes.map((n) => n.stop()));
});

const hostToken = () => mintToken(secret, { role: 'host', iid: '*', sub: 'host', ttlSec: 3600 });
const guestToken = (iid: string) => mintToken(secret, { role: 'guest', iid, sub: `${iid}/guest`, ttlSec: 3600 });

function client(doc: string, token: string): YwsClient {
  const c = connectClient(`ws://127.0.0.1:${nginx.port}/sync`, doc, token);
  clients.push(c);
  return c;
}

async function uploadThroughProxy(iid: string): Promise<void> {
  const audio = randomBytes(40_000);
  const base = `${nginx.url}/api/interviews/${iid}/recordings`;
  const auth = { Authorization: `Bearer ${guestToken(iid)}` };
  const created = await fetch(base, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      recordingId: 'take-1',
      questionId: 'q1',
      mimeType: 'audio/webm;codecs=opus',
      totalBytes: audio.length,
      sha256: createHash('sha256').update(audio).digest('hex'),
      durationMs: 3000,
    }),
  });
  expect(created.status).toBe(201);
  // Two parts, two requests: both must reach the node that created the upload (another would answer 404).
  for (const [offset, part] of [[0, audio.subarray(0, 20_000)], [20_000, audio.subarray(20_000)]] as const) {
    const r = await fetch(`${base}/take-1`, {
      method: 'PATCH',
      headers: { ...auth, 'Upload-Offset': String(offset), 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(part),
    });
    expect(r.status).toBe(200);
  }
}

/** Which nodes' databases hold anything of the interview (documents, index row, recordings). */
function nodesHolding(iid: string): number[] {
  const out: number[] = [];
  nodes.forEach((n, i) => {
    const db = new Database(path.join(n.dataDir, DATABASE_FILE), { readonly: true });
    try {
      const docs = db.prepare("SELECT COUNT(*) AS n FROM yjs_updates WHERE doc LIKE ? || '.%'").get(iid) as { n: number };
      const index = db.prepare('SELECT COUNT(*) AS n FROM interviews WHERE id = ?').get(iid) as { n: number };
      const recordings = db.prepare('SELECT COUNT(*) AS n FROM recordings WHERE interview_id = ?').get(iid) as { n: number };
      if (docs.n + index.n + recordings.n > 0) out.push(i);
    } finally {
      db.close();
    }
  });
  return out;
}

describe('nginx room affinity in front of three nodes', () => {
  it('sends every request and socket of one interview to the same node, and spreads interviews over the nodes', { timeout: 240_000 }, async () => {
    const host = hostToken();
    for (const iid of INTERVIEWS) {
      // The host publishes the plan over two sockets; the guest opens the stage over a third.
      const plan = client(`${iid}.plan`, host);
      const key = client(`${iid}.key`, host);
      const stage = client(`${iid}.stage`, guestToken(iid));
      await Promise.all([plan.synced(), key.synced(), stage.synced()]);
      writePlan(plan.doc, key.doc, publishedBankPlan(iid));
      // The guest reads the plan through its own socket once the node relayed it.
      const guestPlan = client(`${iid}.plan`, guestToken(iid));
      await waitFor(() => guestPlan.doc.getMap('meta').get('title') === `Interview ${iid}`, `${iid}: plan relayed to the guest`);
      await uploadThroughProxy(iid);
      // The API answers from the node that holds the interview: its index row and its recordings are only there.
      for (let i = 0; i < 3; i++) {
        const one = await fetch(`${nginx.url}/api/interviews/${iid}`, { headers: { Authorization: `Bearer ${host}` } });
        expect(one.status, `${iid}: GET /api/interviews/${iid}`).toBe(200);
        const list = await fetch(`${nginx.url}/api/interviews/${iid}/recordings`, { headers: { Authorization: `Bearer ${host}` } });
        expect(list.status).toBe(200);
        expect(((await list.json()) as { recordings: Array<{ complete: boolean }> }).recordings).toEqual([expect.objectContaining({ recordingId: 'take-1', complete: true })]);
      }
    }
    // A socket's line is logged when it closes.
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => nginx.routed().filter((r) => r.status === 101).length >= INTERVIEWS.length * 4, 'every socket logged', 15_000);

    const routed = nginx.routed().filter((r) => r.interview !== '');
    const upstreamsOf = new Map<string, Set<string>>();
    for (const r of routed) {
      if (!upstreamsOf.has(r.interview)) upstreamsOf.set(r.interview, new Set());
      upstreamsOf.get(r.interview)!.add(r.upstream);
    }
    expect([...upstreamsOf.keys()].sort()).toEqual([...INTERVIEWS].sort());
    for (const iid of INTERVIEWS) {
      const mine = routed.filter((r) => r.interview === iid);
      // 4 sockets, 3 upload requests, 6 API reads.
      expect(mine.length, `${iid}: requests routed`).toBe(13);
      expect([...upstreamsOf.get(iid)!], `${iid}: every request and socket on one node`).toHaveLength(1);
      // The data agrees with the log: exactly one node's database holds the interview.
      const holding = nodesHolding(iid);
      expect(holding, `${iid}: held by one node`).toHaveLength(1);
      expect(`127.0.0.1:${nodes[holding[0]!]!.port}`).toBe([...upstreamsOf.get(iid)!][0]);
    }
    const used = new Set(routed.map((r) => r.upstream));
    expect(used.size, 'interviews spread over the nodes').toBeGreaterThanOrEqual(2);
  });

  it('answers /healthz through the proxy; the sync location passes upgrades and outlives nginx\'s 60 s read timeout', async () => {
    const health = await fetch(`${nginx.url}/healthz`);
    expect(health.status).toBe(200);
    const conf = renderNginxConf({ nodes: ['127.0.0.1:1'] });
    // nginx's default proxy_read_timeout (60 s) would cut a quiet interview's socket; the server pings every 30 s.
    expect(conf).toMatch(/location \/sync\/ \{[^}]*proxy_read_timeout 1h;/);
    expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
  });

  it('refuses to render a configuration from a bad node address, saying what is wrong', () => {
    expect(() => renderNginxConf({ nodes: [] })).toThrow(/at least one node/);
    expect(() => renderNginxConf({ nodes: ['10.0.0.1'] })).toThrow(/is not host:port/);
    expect(() => renderNginxConf({ nodes: ['10.0.0.1:80; evil'] })).toThrow(/is not host:port/);
    expect(() => renderNginxConf({ nodes: ['10.0.0.1:80'], serverName: 'a b' })).toThrow(/may not contain spaces/);
  });
});
