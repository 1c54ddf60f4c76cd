/**
 * tests/support/collab-process.ts in cluster mode (DATABASE_URL) with PORT=0, as collab-crash and bench:cluster start
 * it: each process names itself after the port it really listens on (node-<port>, 127.0.0.1:<port>), so two of them
 * on one database are two nodes, and the second is told where the first serves an interview. (Before, every such
 * process was `node-0` at `127.0.0.1:0`: two of them took each other's leases as their own.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../sync-server/auth/tokens';
import { bundledEntry } from '../support/server-bundle';
import { storageBackends } from '../support/storage-backends';
import { connectClient, tempDir, type YwsClient } from '../support/yws-client';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const postgres = storageBackends().find((b) => b.name === 'postgres')!;
const children: ChildProcess[] = [];
const clients: YwsClient[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGTERM');
    await exited;
  }
});

async function start(databaseUrl: string, secret: Buffer): Promise<number> {
  const { DATABASE_URL: _inherited, INTERQ_NODE_ID: _id, ...env } = process.env;
  const child = spawn(process.execPath, [await bundledEntry('tests/support/collab-process.ts')], {
    cwd: ROOT,
    env: { ...env, PORT: '0', DATA: tempDir(), SECRET: secret.toString('hex'), DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(`collab process exited before ready:\n${err}`)));
  });
}

describe('collab-process.ts as a cluster node on PORT=0', () => {
  it.skipIf(postgres.skip)('gives each process its own node id and its real address in the leases', async () => {
    const url = (await postgres.open()).url!;
    const secret = randomBytes(32);
    const [p1, p2] = [await start(url, secret), await start(url, secret)];
    expect(p1).not.toBe(p2);
    const open = async (port: number, iid: string): Promise<void> => {
      const c = connectClient(`ws://127.0.0.1:${port}/sync`, `${iid}.staff`, mintToken(secret, { iid, role: 'host', sub: 'host', ttlSec: 600 }));
      clients.push(c);
      await c.synced();
    };
    await open(p1, 'acme-id-1');
    await open(p2, 'acme-id-2');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const leases = (await db.query<{ interview: string; owner: string; owner_address: string }>('SELECT interview, owner, owner_address FROM interview_leases ORDER BY interview')).rows;
      expect(leases).toEqual([
        { interview: 'acme-id-1', owner: `node-${p1}`, owner_address: `127.0.0.1:${p1}` },
        { interview: 'acme-id-2', owner: `node-${p2}`, owner_address: `127.0.0.1:${p2}` },
      ]);
      // The second process does not take the first one's live lease as its own (as two `node-0`s did): it refuses the
      // upgrade with 421 and names the first one's real address, where nginx sends the client.
      const refusal = await new Promise<{ status: number; owner: string | undefined }>((resolve, reject) => {
        const req = http.get({
          host: '127.0.0.1',
          port: p2,
          path: `/sync/acme-id-1.staff?token=${mintToken(secret, { iid: 'acme-id-1', role: 'host', sub: 'host', ttlSec: 600 })}`,
          headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') },
        });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, owner: res.headers['x-interq-owner-address'] as string | undefined });
        });
        req.on('upgrade', (_res, socket) => {
          socket.destroy();
          reject(new Error('node 2 accepted the upgrade of an interview node 1 serves'));
        });
        req.on('error', reject);
      });
      expect(refusal).toEqual({ status: 421, owner: `127.0.0.1:${p1}` });
      const after = (await db.query<{ owner: string; epoch: string }>("SELECT owner, epoch FROM interview_leases WHERE interview = 'acme-id-1'")).rows[0];
      expect(after).toEqual({ owner: `node-${p1}`, epoch: '1' });
    } finally {
      await db.end();
    }
  }, 120_000);
});
