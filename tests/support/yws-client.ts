/**
 * Helpers for collab integration tests: a real collab server in-process (plain
 * http server, temp SQLite file, random secret), stock y-websocket clients
 * (`WebsocketProvider` with `ws` as the WebSocket), and raw sockets for
 * frames no stock client would send.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import type { Role } from '../../src/domain/access';
import { mintToken } from '../../sync-server/auth/tokens';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { createCollabServer, type CollabHooks, type CollabServer, type CollabServerOptions } from '../../sync-server/collab/collab-server';
import type { DocumentStorage } from '../../sync-server/storage/document-storage';
import { SqliteDocumentStorage } from '../../sync-server/storage/sqlite-document-storage';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import pg from 'pg';

// Every provider adds a process 'exit' listener; many clients in one process are expected here.
process.setMaxListeners(0);

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  fields?: Record<string, unknown>;
}

export interface CollabHarness {
  collab: CollabServer;
  db: Db;
  dbFile: string;
  secret: Buffer;
  port: number;
  /** ws://127.0.0.1:port/sync */
  syncUrl: string;
  logs: LogLine[];
  /** Where the documents are stored: the server's PostgreSQL store, or a reader on the harness's SQLite file. */
  storage: DocumentStorage;
  /** Makes every write of a document update fail (a full disk, a database refusing writes) until called with false. */
  failWrites(on: boolean): Promise<void>;
  mint(role: Role, iid: string, opts?: { ttlSec?: number; sub?: string; jti?: string }): string;
  /** Closes the collab server and the http server; the database stays open unless `closeDb`. */
  stop(closeDb?: boolean): Promise<void>;
}

export function tempDir(prefix = 'interq-collab-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startCollab(
  opts: {
    dbFile?: string;
    secret?: Buffer;
    /** Hooks that need the harness's database (projections); added after `hooks`. */
    hooksFor?: (db: Db, log: CollabServerOptions['log'], storage: DocumentStorage) => CollabHooks[];
    /** Documents in this PostgreSQL database (storage-backends.ts) instead of the SQLite file. */
    databaseUrl?: string | null;
  } & Partial<Omit<CollabServerOptions, 'db' | 'secret' | 'log' | 'storage'>> = {},
): Promise<CollabHarness> {
  const dbFile = opts.dbFile ?? path.join(tempDir(), 'interq.sqlite');
  const db = openDatabase(dbFile);
  const secret = opts.secret ?? randomBytes(32);
  const logs: LogLine[] = [];
  const { dbFile: _f, secret: _s, hooksFor, databaseUrl, ...rest } = opts;
  const log: CollabServerOptions['log'] = (level, msg, fields) => logs.push(fields ? { level, msg, fields } : { level, msg });
  const postgres = databaseUrl ? await PostgresDocumentStorage.open({ connectionString: databaseUrl, log }) : null;
  const storage: DocumentStorage = postgres ?? new SqliteDocumentStorage(db);
  const collab = createCollabServer({
    ...rest,
    hooks: [...(rest.hooks ?? []), ...(hooksFor ? hooksFor(db, log, storage) : [])],
    db,
    ...(postgres ? { storage: postgres } : {}),
    secret,
    log,
  });
  async function failWrites(on: boolean): Promise<void> {
    if (!postgres) {
      db.exec(
        on
          ? `CREATE TRIGGER fail_insert BEFORE INSERT ON yjs_updates BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;`
          : 'DROP TRIGGER fail_insert',
      );
      return;
    }
    const c = new pg.Client({ connectionString: databaseUrl! });
    await c.connect();
    try {
      await c.query(
        on
          ? `CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$;
             CREATE TRIGGER fail_insert BEFORE INSERT ON yjs_updates FOR EACH ROW EXECUTE FUNCTION fail_insert();`
          : 'DROP TRIGGER fail_insert ON yjs_updates; DROP FUNCTION fail_insert();',
      );
    } finally {
      await c.end();
    }
  }
  const server = http.createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  server.on('upgrade', collab.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    collab,
    db,
    dbFile,
    secret,
    port,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    logs,
    storage,
    failWrites,
    mint: (role, iid, o = {}) =>
      mintToken(secret, { role, iid, sub: o.sub ?? `${role}-person`, ttlSec: o.ttlSec ?? 3600, ...(o.jti ? { jti: o.jti } : {}) }),
    async stop(closeDb = true) {
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await postgres?.close();
      if (closeDb) db.close();
    },
  };
}

export interface YwsClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves when the provider has received the server's sync step 2. */
  synced(): Promise<void>;
  /** Close events the server sent on this client's sockets, in order. */
  closes: Array<{ code: number; reason: string }>;
  /** Messages of y-protocols auth "permission denied" the server sent. */
  denials: string[];
  destroy(): void;
}

/** A stock y-websocket client, connected from Node with `ws`. */
export function connectClient(
  syncUrl: string,
  docName: string,
  token: string,
  opts: { doc?: Y.Doc; connect?: boolean; maxBackoffTime?: number } = {},
): YwsClient {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // BroadcastChannel exists in Node 20: without this, clients in one test process would sync behind the server's back.
    disableBc: true,
    connect: opts.connect ?? true,
    maxBackoffTime: opts.maxBackoffTime ?? 500,
  });
  const closes: YwsClient['closes'] = [];
  const denials: string[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  // Hook the auth message handler (message type 2) to see permission denials instead of console noise.
  provider.messageHandlers[2] = (_encoder, decoder) => {
    decoding.readVarUint(decoder); // sub-type: permission denied
    denials.push(decoding.readVarString(decoder));
  };
  return {
    doc,
    provider,
    closes,
    denials,
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const on = (s: boolean) => {
              if (s) {
                provider.off('sync', on);
                resolve();
              }
            };
            provider.on('sync', on);
          }),
    destroy() {
      provider.destroy();
    },
  };
}

/**
 * Polls `check` (which may ask a server or storage) until it holds; throws naming `what` after `timeoutMs` (a bound so
 * a broken server fails the test instead of hanging it, not a speed check). It polls
 * every 10 ms at first and half as often again each time up to every 100 ms: a check that asks a server costs CPU on
 * both sides, and at 10 ms a wait of a few seconds on a loaded machine (the integration files run beside the
 * end-to-end suite) sent hundreds of requests; a wait of a second now sends about fifteen.
 */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  let pause = 10;
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(100, Math.round(pause * 1.5));
  }
}

export type UpgradeOutcome = { opened: true; socket: WebSocket } | { opened: false; status: number; body: string };

/** Tries a raw upgrade and reports whether the server accepted it or answered with an HTTP status. */
export function tryUpgrade(url: string, onSocket?: (ws: WebSocket) => void): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    // Listeners go on before the upgrade answer: a first frame can arrive in the same packet as the answer.
    onSocket?.(ws);
    ws.on('open', () => resolve({ opened: true, socket: ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ opened: false, status: res.statusCode ?? 0, body }));
    });
    ws.on('error', (err) => reject(err));
  });
}

/** Opens a raw socket (the upgrade must succeed) and records what the server sends and how it closes. */
export async function rawSocket(url: string): Promise<{
  ws: WebSocket;
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}> {
  const received: Uint8Array[] = [];
  let closed!: Promise<{ code: number; reason: string }>;
  const outcome = await tryUpgrade(url, (ws) => {
    ws.on('message', (data) => received.push(new Uint8Array(data as Buffer)));
    closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  });
  if (!outcome.opened) throw new Error(`Upgrade refused: ${outcome.status} ${outcome.body}`);
  return { ws: outcome.socket, received, closed };
}

export function docUrl(syncUrl: string, docName: string, token: string): string {
  return `${syncUrl}/${encodeURIComponent(docName)}?token=${encodeURIComponent(token)}`;
}
