/**
 * One running node per node id (INTERQ_NODE_ID). The lease table names its owner by that id, and a lease is taken
 * again at once by the node that holds it already ("free, expired or mine", lease-store.ts): two live nodes with
 * one id would each take the other's interviews as their own and serve one interview from two places. So at start
 * a node holds a session-level PostgreSQL advisory lock on its id, on a connection of its own, for as long as it
 * runs, and a second node started with an id a live node uses is refused with a sentence (StartupError).
 *
 * A node that died lets the lock go with its connection (PostgreSQL ends the session when the socket closes), so a
 * restarted node keeps its id, as it must (deploy/README.md): it takes its own leases back at once instead of
 * waiting for them to expire. A brief retry covers the moment before the database has seen the old connection go.
 * A paused process still holds its lock: it is alive, and wakes up as that node.
 *
 * The lock key is (a fixed class, hashtext(id)): two different ids could share a 32-bit hash, which would refuse
 * the second one with the same sentence; with a few nodes that is about one chance in a billion.
 */
import type pg from 'pg';
import { StartupError } from '../db/open';
import { keepSession, openSession } from '../storage/postgres/pg-session';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** First key of the advisory lock of a node id: "node". */
const NODE_LOCK = 0x6e6f6465;

export interface NodeIdLock {
  release(): Promise<void>;
}

export interface NodeIdLockOptions {
  connectionString: string;
  nodeId: string;
  log: Logger;
  /** How long a start waits for a lock held by a connection the database has not yet seen close (default 3 s). */
  waitMs?: number;
  /** Wait before reconnecting after the lock's connection was lost (default 1 s). */
  retryMs?: number;
}

async function tryLock(c: pg.Client, nodeId: string): Promise<boolean> {
  const res = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [NODE_LOCK, nodeId]);
  return res.rows[0]!.ok;
}

/** Takes the node id's lock, or rejects with StartupError while another live node holds it. */
export async function holdNodeId(opts: NodeIdLockOptions): Promise<NodeIdLock> {
  const { nodeId, log } = opts;
  const what = `the PostgreSQL connection holding this node's id (INTERQ_NODE_ID=${nodeId})`;
  const first = openSession(opts.connectionString, what, log, { node: nodeId });
  try {
    await first.connect();
    const deadline = Date.now() + (opts.waitMs ?? 3_000);
    while (!(await tryLock(first, nodeId))) {
      if (Date.now() >= deadline) {
        throw new StartupError(
          `Another running node already uses the node id "${nodeId}" on this database (INTERQ_NODE_ID, default <hostname>:<port>). ` +
            'Each node needs its own id, kept the same across its restarts: give this one another INTERQ_NODE_ID, or stop the other node first.',
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await first.end().catch(() => undefined);
    throw err;
  }
  const session = keepSession({
    connectionString: opts.connectionString,
    what,
    log,
    fields: { node: nodeId },
    first,
    ...(opts.retryMs !== undefined ? { retryMs: opts.retryMs } : {}),
    // After a lost connection (PostgreSQL restarted): take the lock again. Another node that started meanwhile with
    // this id got it; nothing here can stop that node, so it is said loudly (and this session is kept, so this node
    // goes on as before rather than failing its interviews over a misconfiguration it cannot fix).
    async onConnected(c) {
      if (!(await tryLock(c, nodeId))) {
        log('error', `Another node took this node's id (INTERQ_NODE_ID=${nodeId}) while the database was away: two nodes now share one id; stop one of them`, { node: nodeId });
      }
    },
  });
  // Ending the session lets the lock go.
  return { release: () => session.stop() };
}
