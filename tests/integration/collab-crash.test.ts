/**
 * Durability of the collab server in its own process: killed with SIGKILL in
 * the middle of a session, restarted on the same data, every acknowledged
 * update is still there; stopped with SIGTERM, it exits cleanly and loses nothing.
 *
 * "Acknowledged" (see sync-server/collab/doc-store.ts): another client has
 * received the update, or its sender received the server's answer (sync step 2)
 * to a sync step 1 it sent after the update on the same connection. Both happen
 * only after the server's INSERT committed.
 *
 * Run against both stores (tests/support/storage-backends.ts): SQLite in the data folder, and PostgreSQL through
 * DATABASE_URL, where the commit queue awaits each write over the network before it relays.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { mintToken } from '../../sync-server/auth/tokens';
import type { Role } from '../../src/domain/access';
import { connectClient, rawSocket, tempDir, waitFor, type YwsClient } from '../support/yws-client';
import { storageBackends, type Backend } from '../support/storage-backends';
import { bundledEntry } from '../support/server-bundle';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IID = 'acme-frontend-1';
const STAFF = `${IID}.staff`;

interface Proc {
  child: ChildProcess;
  port: number;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const procs: Proc[] = [];
let clients: YwsClient[] = [];

/** A data folder, and for PostgreSQL a fresh database: what two starts of "the same server" share. */
async function place(backend: Backend): Promise<{ data: string; databaseUrl: string | null; nodeId: string }> {
  const data = tempDir();
  // A restarted node keeps its id (production's INTERQ_NODE_ID), so it takes its own lease back at once.
  const nodeId = `crash-node-${randomBytes(3).toString('hex')}`;
  if (backend.name === 'sqlite') return { data, databaseUrl: null, nodeId };
  return { data, databaseUrl: (await backend.open()).url, nodeId };
}

/**
 * The SIGKILL case's writers write as fast as the server stores (the raw writer two frames per update), past a
 * connection's rate budget (limits.ts: 60 messages a second): with the default limits the server throttles them and
 * closes one whose debt passes 30 s, which the unbounded flood this case once had did on PostgreSQL on a loaded machine.
 * Rate limits are not what this file tests (collab-limits does).
 */
const UNLIMITED = { limits: { messagesPerSecond: 1e9, messageBurst: 1e9, bytesPerSecond: 1e12, byteBurst: 1e12 } };

async function startProcess(
  at: { data: string; databaseUrl: string | null; nodeId: string },
  secret: Buffer,
  options: Record<string, unknown> = {},
): Promise<Proc> {
  const { DATABASE_URL: _inherited, ...env } = process.env;
  const child = spawn(process.execPath, [await bundledEntry('tests/support/collab-process.ts')], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: '0',
      DATA: at.data,
      SECRET: secret.toString('hex'),
      COLLAB_OPTIONS: JSON.stringify(options),
      ...(at.databaseUrl ? { DATABASE_URL: at.databaseUrl, INTERQ_NODE_ID: at.nodeId } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`collab process exited before ready:\n${err}`)));
  });
  const p: Proc = { child, port, stderr: () => err, exited };
  procs.push(p);
  return p;
}

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  for (const p of procs.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
});

function client(port: number, doc: string, token: string, ydoc?: Y.Doc): YwsClient {
  const c = connectClient(`ws://127.0.0.1:${port}/sync`, doc, token, ydoc ? { doc: ydoc } : {});
  clients.push(c);
  return c;
}

function token(secret: Buffer, role: Role): string {
  return mintToken(secret, { role, iid: IID, sub: role, ttlSec: 3600 });
}

function syncFrame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  write(e);
  return encoding.toUint8Array(e);
}

/**
 * A writer on a raw socket that tracks its own acknowledgements: after each
 * update it sends sync step 1; the server answers each with sync step 2, in
 * order, so the n-th answer acknowledges the n-th update. It applies what it
 * receives, as a real client does, so each answer holds only what it lacks
 * (not the other writer's whole flood again).
 */
const REMOTE = Symbol('received from the server');

async function ackingWriter(port: number, tok: string) {
  const doc = new Y.Doc();
  const list = doc.getArray<string>('reactions');
  const r = await rawSocket(`ws://127.0.0.1:${port}/sync/${STAFF}?token=${tok}`);
  let sent = 0;
  let acked = 0;
  r.ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== 0) return;
    const type = decoding.readVarUint(d);
    if (type === syncProtocol.messageYjsSyncStep2) acked++;
    if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) Y.applyUpdate(doc, decoding.readVarUint8Array(d), REMOTE);
  });
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === REMOTE || r.ws.readyState !== r.ws.OPEN) return;
    r.ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, u)));
    r.ws.send(syncFrame((e) => syncProtocol.writeSyncStep1(e, doc)));
  });
  return {
    write() {
      if (r.ws.readyState === r.ws.OPEN) list.push([`raw-${sent++}`]);
    },
    /** Items the server has acknowledged. */
    acknowledged: () => list.toArray().slice(0, acked),
    /** Items written and not acknowledged yet. */
    outstanding: () => sent - acked,
    close: () => r.ws.terminate(),
  };
}

const backends = storageBackends();

describe.each(backends)('collab server process on $name: crash and clean stop', (backend) => {
  // On PostgreSQL this case once stalled for 60 s with nothing acknowledged: the server answered a sync step 1 only
  // when its commit queue was empty, which this flooding writer never lets happen when every write is a round trip
  // (how often it happened depended on the flood's pace, hence "passes alone"). Answers now wait only for the changes
  // applied before the question: tests/integration/collab-commit-queue.test.ts tests that cause on its own.
  it.skipIf(backend.skip)('keeps every acknowledged update when killed with SIGKILL mid-session', async () => {
    const data = await place(backend);
    const secret = randomBytes(32);
    const first = await startProcess(data, secret, UNLIMITED);
    const writerDoc = new Y.Doc();
    const writer = client(first.port, STAFF, token(secret, 'host'), writerDoc);
    const observer = client(first.port, STAFF, token(secret, 'interviewer'));
    await Promise.all([writer.synced(), observer.synced()]);
    const raw = await ackingWriter(first.port, token(secret, 'moderator'));

    const seenByObserver = new Set<string>();
    observer.doc.getArray<string>('chat').observe((e) => {
      for (const d of e.changes.delta) if (d.insert) for (const x of d.insert as string[]) seenByObserver.add(x);
    });

    // Write continuously, each writer keeping up to WINDOW updates unacknowledged, and kill the server while writes are
    // in flight. The window keeps the stream as fast as the server stores, never faster: an unbounded flood only measures
    // how long the server takes to drown (on a loaded machine the backlog alone outlasted the wait below).
    const WINDOW = 50;
    let n = 0;
    let writing = true;
    const pump = (async () => {
      while (writing) {
        const writerRoom = n - seenByObserver.size < WINDOW;
        const rawRoom = raw.outstanding() < WINDOW;
        if (writerRoom) writerDoc.getArray<string>('chat').push([`w-${n++}`]);
        if (rawRoom) raw.write();
        // Both windows full: wait for acknowledgements without spinning on the shared cores.
        await new Promise((r) => (writerRoom || rawRoom ? setImmediate(r) : setTimeout(r, 1)));
      }
    })();
    // Up to 30 s: on the shared machine (load 30-40) 10 s was not always enough to get 300 through; this is no speed target.
    await waitFor(() => seenByObserver.size >= 300 && raw.acknowledged().length >= 300, 'a few hundred acknowledged updates', 30_000);
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    writing = false;
    await pump;
    expect(killed.signal).toBe('SIGKILL');
    const acked = new Set(seenByObserver);
    const rawAcked = raw.acknowledged();
    raw.close();
    expect(n).toBeGreaterThan(acked.size); // some writes were not acknowledged: the kill really was mid-stream
    for (const c of clients) c.destroy();
    clients = [];

    const second = await startProcess(data, secret);
    const check = client(second.port, STAFF, token(secret, 'tech-support'));
    await check.synced();
    const stored = new Set(check.doc.getArray<string>('chat').toArray());
    const missing = [...acked].filter((x) => !stored.has(x));
    expect(missing).toEqual([]);
    const storedRaw = new Set(check.doc.getArray<string>('reactions').toArray());
    expect(rawAcked.filter((x) => !storedRaw.has(x))).toEqual([]);

    // The writer comes back with its offline copy: nothing of what it wrote is lost end to end.
    const back = client(second.port, STAFF, token(secret, 'host'), writerDoc);
    await back.synced();
    await waitFor(() => check.doc.getArray('chat').length === n, 'writer resynced its unacknowledged updates');
  }, 60_000);

  it.skipIf(backend.skip)('stops cleanly on SIGTERM, closing sockets with 1001 and losing nothing', async () => {
    const data = await place(backend);
    const secret = randomBytes(32);
    const first = await startProcess(data, secret);
    const writer = client(first.port, STAFF, token(secret, 'host'));
    const observer = client(first.port, STAFF, token(secret, 'interviewer'));
    await Promise.all([writer.synced(), observer.synced()]);
    for (let i = 0; i < 200; i++) writer.doc.getArray<string>('chat').push([`m-${i}`]);
    await waitFor(() => observer.doc.getArray('chat').length === 200, 'all relayed');
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit.code).toBe(0);
    await waitFor(() => observer.closes.length > 0, 'observer saw the close');
    expect(observer.closes[0]!.code).toBe(1001);
    expect(first.stderr()).not.toContain('"level":"error"');
    for (const c of clients) c.destroy();
    clients = [];

    const second = await startProcess(data, secret);
    const check = client(second.port, STAFF, token(secret, 'moderator'));
    await check.synced();
    expect(check.doc.getArray<string>('chat').toArray()).toEqual([...Array(200).keys()].map((i) => `m-${i}`));
  }, 60_000);
});
