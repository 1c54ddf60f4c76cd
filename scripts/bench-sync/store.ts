/**
 * Where bench:sync's server keeps its documents (`--store sqlite|postgres`), so one node on PostgreSQL can be
 * compared with one node on SQLite under the same workload (issue #16):
 *
 * - sqlite: the server's own interq.sqlite in its data folder (the default, as `npm start` without DATABASE_URL).
 * - postgres: a fresh database per run on a PostgreSQL started from Debian's package on loopback, as the tests do
 *   (tests/support/postgres.ts, fsync off); the server gets DATABASE_URL and so serves its interviews under leases,
 *   as a one-node deployment on PostgreSQL does. PostgreSQL's own CPU (all its processes, from /proc) is reported
 *   beside the server's: on SQLite that work is inside the server process.
 *
 * After each run, every document is rebuilt from the stored rows (snapshot, then the updates after it) with Yjs
 * alone, not through the server's storage code, and its messages counted against what the clients sent.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as Y from 'yjs';
import { startPostgres, type TestPostgres } from '../../tests/support/postgres';
import { postmasterPid, processTreeCpuMs } from '../bench-cluster/proc-cpu';
import type { VerifyReport } from './protocol';
import { messageCount } from './workload';

export type StoreKind = 'sqlite' | 'postgres';

export interface BenchStore {
  readonly kind: StoreKind;
  /** Environment for one run's server process (a fresh database on PostgreSQL). */
  prepareRun(): Promise<Record<string, string>>;
  /** CPU ms the store's own processes have used so far (PostgreSQL); null where the store is inside the server. */
  cpuMs(): number | null;
  /** The documents whose stored messages differ from `expected` (one line each); empty when nothing was lost. */
  storedShortfalls(dataDir: string, expected: VerifyReport['expected']): Promise<string[]>;
  close(): Promise<void>;
}

interface StoredState {
  snapshot: { state: Buffer; upto: number } | undefined;
  updates: Buffer[];
}

function shortfallsOf(expected: VerifyReport['expected'], read: (doc: string) => StoredState, into: string[]): void {
  for (const [docName, arrays] of Object.entries(expected)) {
    const { snapshot, updates } = read(docName);
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const u of updates) Y.applyUpdate(doc, u);
    for (const [array, want] of Object.entries(arrays)) {
      const have = messageCount(doc, array);
      if (have !== want) into.push(`${docName}/${array}: stored ${have} of ${want}`);
    }
    doc.destroy();
  }
}

function sqliteStore(): BenchStore {
  return {
    kind: 'sqlite',
    prepareRun: async () => ({}),
    cpuMs: () => null,
    async storedShortfalls(dataDir, expected) {
      const db = new Database(path.join(dataDir, 'interq.sqlite'), { readonly: true });
      const snap = db.prepare('SELECT state, upto_seq FROM yjs_snapshots WHERE doc = ?');
      const updates = db.prepare('SELECT update_data FROM yjs_updates WHERE doc = ? AND seq > ? ORDER BY seq');
      const out: string[] = [];
      try {
        shortfallsOf(
          expected,
          (doc) => {
            const s = snap.get(doc) as { state: Buffer; upto_seq: number } | undefined;
            const rows = updates.all(doc, s?.upto_seq ?? 0) as Array<{ update_data: Buffer }>;
            return { snapshot: s ? { state: s.state, upto: s.upto_seq } : undefined, updates: rows.map((r) => r.update_data) };
          },
          out,
        );
      } finally {
        db.close();
      }
      return out;
    },
    close: async () => undefined,
  };
}

async function postgresStore(): Promise<BenchStore> {
  const server: TestPostgres = await startPostgres();
  const postmaster = postmasterPid(server.port);
  let databaseUrl = '';
  return {
    kind: 'postgres',
    async prepareRun() {
      databaseUrl = await server.database();
      return { DATABASE_URL: databaseUrl };
    },
    cpuMs: () => (postmaster ? processTreeCpuMs(postmaster) : null),
    async storedShortfalls(_dataDir, expected) {
      // Read the whole tables once (one run's database), then rebuild each document from its rows.
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const snaps = await client.query<{ doc: string; state: Buffer; upto_seq: string }>('SELECT doc, state, upto_seq FROM yjs_snapshots');
        const rows = await client.query<{ doc: string; seq: string; update_data: Buffer }>('SELECT doc, seq, update_data FROM yjs_updates ORDER BY doc, seq');
        const snapOf = new Map(snaps.rows.map((r) => [r.doc, { state: r.state, upto: Number(r.upto_seq) }]));
        const updatesOf = new Map<string, Array<{ seq: number; data: Buffer }>>();
        for (const r of rows.rows) {
          const list = updatesOf.get(r.doc) ?? [];
          list.push({ seq: Number(r.seq), data: r.update_data });
          updatesOf.set(r.doc, list);
        }
        const out: string[] = [];
        shortfallsOf(
          expected,
          (doc) => {
            const snapshot = snapOf.get(doc);
            const after = (updatesOf.get(doc) ?? []).filter((u) => u.seq > (snapshot?.upto ?? 0));
            return { snapshot, updates: after.map((u) => u.data) };
          },
          out,
        );
        return out;
      } finally {
        await client.end();
      }
    },
    close: () => server.stop(),
  };
}

export async function openBenchStore(kind: string): Promise<BenchStore> {
  if (kind === 'sqlite') return sqliteStore();
  if (kind === 'postgres') return postgresStore();
  throw new Error(`--store ${kind}: use sqlite or postgres`);
}
