/**
 * bench:cluster's measure of what a NOTIFY in every commit costs (issue #16: until the owner's projected rows replaced
 * it, postgres-projected-docs.ts, every commit of document updates announced "<doc> <last seq>" on interq_stored so
 * every node's read models followed it; commits announce nothing now, and this is the figure that change rests on).
 *
 * On a fresh database with InterQ's schema: one connection commits one small update per transaction, sequentially,
 * with the statement PostgresDocumentStorage.commit runs (INSERT … RETURNING seq) with and without that announcement
 * (pg_notify in the same statement); each with 0 and with `listeners` connections
 * LISTENing (one per node; each is woken for every notice). Variants alternate in rounds so drift in the machine's
 * load spreads over all of them. Reports, per variant, the commit's round trip (µs) and PostgreSQL's CPU per commit
 * (all its processes, the listeners' backends included). The listeners run in a child process
 * (notify-listeners.ts), as a node's LISTEN connection runs in its node.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { processTreeCpuMs } from './proc-cpu';

/**
 * The channel every commit announced itself on until the owner's projected rows replaced it (postgres-projected-docs.ts):
 * bench:cluster still measures what such a per-commit NOTIFY costs PostgreSQL, as the figure that decision rests on.
 */
export const STORED_CHANNEL = 'interq_stored';

export interface NotifyVariant {
  notify: boolean;
  listeners: number;
  commits: number;
  /** Mean round trip of BEGIN; statement; COMMIT from the committing client, µs. */
  commitUs: number;
  /** PostgreSQL's CPU (postmaster and every backend) per commit, µs. */
  pgCpuUs: number;
  /** Notices the listeners received, summed (commits × listeners when announcing). */
  received: number;
}

const INSERT = `INSERT INTO yjs_updates (doc, update_data, created_at)
  SELECT $1, u, $3 FROM unnest($2::bytea[]) WITH ORDINALITY AS t(u, i) ORDER BY i
  RETURNING seq`;
const WITH_NOTIFY = `WITH ins AS (${INSERT}), announced AS (SELECT pg_notify('${STORED_CHANNEL}', $1 || ' ' || MAX(seq)) FROM ins)
  SELECT ins.seq FROM ins CROSS JOIN announced`;
const WITHOUT_NOTIFY = `WITH ins AS (${INSERT}) SELECT ins.seq FROM ins`;

/** The listening connections in a child process, so their notices do not slow this process's commits. */
async function startListeners(databaseUrl: string, connections: number): Promise<{ close(expected: number): Promise<number> }> {
  const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), 'notify-listeners.ts'), [databaseUrl, String(connections)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) => new Promise<{ received?: number }>((resolve) => {
    const on = (m: { type?: string; received?: number }) => {
      if (m?.type !== type) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
  });
  await next('ready');
  return {
    /** Ends the listeners once they hold `expected` notices (or after 10 s); returns how many they received. */
    async close(expected: number) {
      let received = 0;
      for (const deadline = Date.now() + 10_000; ; ) {
        const counted = next('count');
        child.send({ type: 'count' });
        received = (await counted).received ?? 0;
        if (received >= expected || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ type: 'close' });
      await exited;
      return received;
    },
  };
}

export async function measureNotifyCost(databaseUrl: string, postmaster: number, opts: { commits: number; listeners: number; rounds?: number }): Promise<NotifyVariant[]> {
  // Creates the schema (migrations), exactly as a node does.
  const storage = await PostgresDocumentStorage.open({ connectionString: databaseUrl, log: () => undefined, foldInWorker: false });
  await storage.close();
  const writer = new pg.Client({ connectionString: databaseUrl });
  await writer.connect();
  const listenerCounts = [0, opts.listeners];
  const variants: NotifyVariant[] = [];
  for (const listeners of listenerCounts) for (const notify of [false, true]) variants.push({ notify, listeners, commits: 0, commitUs: 0, pgCpuUs: 0, received: 0 });
  const rounds = opts.rounds ?? 4;
  const perRound = Math.max(1, Math.floor(opts.commits / rounds));
  const update = randomBytes(40); // about one chat line's Yjs update
  try {
    for (let round = 0; round < rounds; round++) {
      for (const v of variants) {
        const listeners = v.listeners > 0 ? await startListeners(databaseUrl, v.listeners) : null;
        const doc = `notify-bench-${round}-${v.notify ? 'n' : 'x'}${v.listeners}.staff`;
        const cpu0 = processTreeCpuMs(postmaster);
        const t0 = performance.now();
        for (let i = 0; i < perRound; i++) {
          await writer.query('BEGIN');
          await writer.query(v.notify ? WITH_NOTIFY : WITHOUT_NOTIFY, [doc, [update], Date.now()]);
          await writer.query('COMMIT');
        }
        const wall = performance.now() - t0;
        // The listeners' backends do their part after the commit: let them drain before reading PostgreSQL's CPU.
        await new Promise((r) => setTimeout(r, 200));
        const cpu = processTreeCpuMs(postmaster) - cpu0;
        if (listeners) v.received += await listeners.close(v.notify ? perRound * v.listeners : 0);
        v.commitUs = (v.commitUs * v.commits + wall * 1000) / (v.commits + perRound);
        v.pgCpuUs = (v.pgCpuUs * v.commits + cpu * 1000) / (v.commits + perRound);
        v.commits += perRound;
      }
    }
  } finally {
    await writer.end();
  }
  return variants;
}
