/**
 * The collaboration endpoint of the sync server: y-websocket protocol on
 * /sync/<interviewId>.<kind> (token in the Sec-WebSocket-Protocol header, src/domain/sync-auth.ts; ?token= for stock clients), with role tokens checked during the
 * HTTP upgrade, documents persisted in SQLite, and per-token limits.
 *
 * Pieces: authorize.ts (who may open what), connection.ts (one socket),
 * live-doc.ts (one loaded document), doc-registry.ts (loading/unloading),
 * storage/document-storage.ts (the asynchronous persistence seam: SQLite,
 * doc-store.ts, or PostgreSQL), protocol.ts (wire format), limits.ts (defaults),
 * wal-checkpointer.ts (keeps SQLite checkpoints off the event loop), compaction-worker.ts (SQLite compaction off it too).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import type { Db } from '../db/open';
import { authorizeUpgrade } from './authorize';
import { SYNC_PROTOCOL } from '../../src/domain/sync-auth';
import { CLOSE } from './close-codes';
import { Connection } from './connection';
import { DocRegistry, type RequestHold } from './doc-registry';
import type { DocumentStorage } from '../storage/document-storage';
import { SqliteDocumentStorage } from '../storage/sqlite-document-storage';
import { combineHooks, type CollabHooks } from './hooks';
import { refuseUpgrade } from './http-refusal';
import { resolveLimits, resolvePersistence, resolveSizeCaps, type CollabLimits, type PersistenceOptions, type SizeCapOverrides } from './limits';
import type { LiveDoc, Logger } from './live-doc';
import { presenceVisible } from './presence';
import { TokenUsageTable } from './token-usage';
import { startWalCheckpointer } from './wal-checkpointer';
import { startCompactionWorker } from './compaction-worker';
import { TurnCommits } from './turn-commits';
import { DEFAULT_TURN_BUDGET_MS, MessageSlices, type TurnWaits } from './message-slices';
import { SlicedRound } from './sliced-round';
import { NotOwnerError, type InterviewOwnership } from '../cluster/interview-ownership';
import { ownerRedirectHeaders, retryAfterSeconds } from '../cluster/owner-redirect';

export type { CollabLimits, PersistenceOptions } from './limits';
export type { CollabHooks, DocRef, DocumentLoadedEvent, DocumentUnloadedEvent, UpdateStoredEvent } from './hooks';
export { DEFAULT_LIMITS, DEFAULT_PERSISTENCE } from './limits';

export interface CollabServerOptions {
  /** From sync-server/db/open.ts, migrations applied (yjs_updates, yjs_snapshots, revoked_tokens). */
  db: Db;
  /**
   * Where documents, client-id bindings and revocations are kept (storage/document-storage.ts). Default: SQLite on
   * `db`. A PostgreSQL store is closed by whoever made it.
   */
  storage?: DocumentStorage;
  /** HMAC secret for tokens (sync-server/auth/tokens.ts verifyToken). */
  secret: Buffer;
  log: Logger;
  /** Overrides of DEFAULT_LIMITS; each limit is documented in limits.ts. */
  limits?: Partial<CollabLimits>;
  /** Overrides of DEFAULT_PERSISTENCE (limits.ts). */
  persistence?: Partial<PersistenceOptions>;
  /** Overrides of the size caps per document kind (src/domain/doc-schema.ts). */
  sizeCaps?: SizeCapOverrides;
  /**
   * Lifecycle hooks (hooks.ts: document loaded, update stored with its sequence
   * number, document unloaded), called in order. Default: none.
   */
  hooks?: readonly CollabHooks[];
  /**
   * Shorthand for a hook on every stored update (`onUpdateStored`), called
   * synchronously after the INSERT committed, never for a write that failed
   * (until its retry succeeds): keep it cheap or debounce it.
   */
  onDocumentUpdated?: (docName: string, doc: Y.Doc) => void;
  /** Interviews deleted by their host (sync-server/interviews/delete-interview.ts): refused at the upgrade with 410. */
  isInterviewDeleted?: (interviewId: string) => boolean;
  /** The same question asked of the store, before the document loads: another node may have deleted it since. */
  isInterviewDeletedStored?: (interviewId: string) => Promise<boolean>;
  /**
   * Cluster mode (sync-server/cluster/): documents are served only under their interview's lease. A socket for an
   * interview another node owns is answered 421 with a redirect nginx follows; when the lease is lost, the
   * interview's sockets are closed with 4307 (clients reconnect through the proxy to the new owner). On close the
   * leases are released so the next node takes them at once. Needs a `storage` that checks epochs (PostgreSQL).
   */
  ownership?: InterviewOwnership;
  /**
   * SQLite: commit every document's client updates of one event-loop turn in one transaction (turn-commits.ts;
   * default true). False commits each document's batch on its own, as before (kept to measure the difference).
   */
  commitPerTurn?: boolean;
  /**
   * Milliseconds one event-loop turn spends on client messages before the rest wait for the next slice
   * (message-slices.ts; default 5). Bounds the turn a burst of messages would otherwise make (every timer and
   * socket waits behind it); tests set it near 0 to make every burst wait.
   */
  turnBudgetMs?: number;
}

export interface CollabServer {
  /** For upgrade requests on /sync/<docName> (token in Sec-WebSocket-Protocol or ?token=); checks the token and the role's access BEFORE accepting, answers 401/403/404/429 over HTTP otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Persists the revocation and closes open sockets using the token now (4401). */
  revoke(jti: string): void;
  /**
   * Closes every connection to the interview's documents (4410, so clients stop reconnecting) and drops them from
   * memory without storing unsaved changes. Call after the interview is marked deleted, so nothing reloads them.
   * `settled` resolves once their writes already in flight have finished (delete the stored rows after it, or a
   * late commit would store them anew).
   */
  evictInterview(interviewId: string): { documents: number; connections: number; settled: Promise<void> };
  /**
   * Server-side access (loads from SQLite). Changes made to the returned doc are
   * stored and relayed like a client's. Take it fresh when needed rather than
   * keeping it: an idle document is unloaded, and edits to an unloaded copy are
   * still stored but that copy no longer receives anyone else's changes.
   */
  openDoc(docName: string): Promise<Y.Doc>;
  /**
   * Read-only access for readers of several interviews at once (the dashboard's comparison), which must not take
   * leases: the loaded document when this node serves it, else the stored state read without the lease (it holds
   * every acknowledged update). Never registered, never written: do not edit the returned doc. Rejects if the
   * storage fails.
   */
  readDoc(docName: string): Promise<Y.Doc>;
  /**
   * Resolves when every change applied so far to the loaded document (a server-side edit through `openDoc`) is
   * stored, so an HTTP answer never reports an edit the server could still lose; at once when it is not loaded.
   */
  changesStored(docName: string): Promise<void>;
  /**
   * Cluster mode: an HTTP request of the interview is about to be served here (sync-server/cluster/request-gate.ts).
   * Claims or keeps the interview's lease for the request; rejects with NotOwnerError while another live node holds
   * it, or while this node drains and does not hold it. Resolves with the epoch the request's writes carry and what
   * to call when the request ends. Without ownership (one node) it resolves at once, with no epoch.
   */
  holdInterview(interviewId: string): Promise<RequestHold>;
  stats(): { docs: number; connections: number };
  /**
   * Client messages that waited for a later slice of the event loop, the slices that handled them, and the turns'
   * waits before and for their commit and relays (message-slices.ts).
   */
  sliceCounts(): { deferred: number; slices: number; waits: TurnWaits };
  /** SQLite: the turn transactions written so far and the documents' batches they carried (turn-commits.ts); else null. */
  turnCommitCounts(): { transactions: number; batches: number } | null;
  /** Writes pending (previously failed) updates now; rejects if some still cannot be written. */
  flushAll(): Promise<void>;
  /**
   * First step of a drain (SIGTERM): from now on every new socket is refused with 503 and Retry-After, so the
   * proxy sends it to another node, while the sockets already open keep syncing until `close`.
   */
  drain(): void;
  /** Drains, closes sockets (1001 going away, so clients reconnect at once), flushes, releases the leases, unloads documents. Does not close the database. */
  close(): Promise<void>;
}

const MAINTENANCE_INTERVAL_MS = 5_000;
/**
 * A link whose update made Yjs throw may not reopen that document for this long. Each such update reloads the
 * document and makes every peer resync, so without a pause one link could keep the staff's views reconnecting.
 */
const RELOAD_PENALTY_MS = 10 * 60_000;
const CLOSE_GRACE_MS = 2_000;
/**
 * The ping round is spread over one tick every this many ms (each pings the next 1/ticks of the connections), so a
 * tick pings a few dozen sockets: at 30 ticks per interval a tick pinged 233 of 7,000 sockets and took about 11 ms of
 * the main thread (up to 35 ms on the clock; bench:sync --trace-long-tasks at 500 sessions), and their pongs came back
 * together.
 */
const PING_TICK_MS = 100;
/**
 * The presence sweep's tick: each visits 1/50 of the documents and of the token-usage entries (a round of each per
 * MAINTENANCE_INTERVAL_MS).
 */
const PRESENCE_TICK_MS = 100;

export function createCollabServer(opts: CollabServerOptions): CollabServer {
  const { db, secret, log } = opts;
  const limits = resolveLimits(opts.limits);
  const persistence = resolvePersistence(opts.persistence);
  // Compaction merges hundreds of updates with Yjs: for SQLite a worker thread does it, so live updates never wait
  // for it (PostgreSQL compacts in its own transaction; the fold still runs here, see postgres-document-storage.ts).
  const compactor = opts.storage ? null : startCompactionWorker(db, log);
  const store: DocumentStorage = opts.storage ?? new SqliteDocumentStorage(db, compactor);
  const revoked = new Set<string>();
  // Settled at once for SQLite; for PostgreSQL the upgrade path also asks storage (isRevokedStored below).
  const revokedLoaded = store.allRevoked().then(
    (list) => {
      for (const jti of list) revoked.add(jti);
    },
    (err: unknown) => log('error', 'Could not read revoked tokens; each token is checked against storage at its upgrade', { error: (err as Error).message }),
  );
  const turnCommits =
    store.commitManyNow && opts.commitPerTurn !== false ? new TurnCommits((batches) => store.commitManyNow!(batches), log) : null;
  const hookList: CollabHooks[] = [...(opts.hooks ?? [])];
  const onDocumentUpdated = opts.onDocumentUpdated;
  if (onDocumentUpdated) hookList.unshift({ onUpdateStored: (e) => onDocumentUpdated(e.name, e.doc) });
  const registry = new DocRegistry({
    store,
    persistence,
    log,
    ...(hookList.length > 0 ? { hooks: combineHooks(hookList, log) } : {}),
    ...(opts.isInterviewDeleted ? { isDeleted: opts.isInterviewDeleted } : {}),
    caps: resolveSizeCaps(opts.sizeCaps),
    ...(opts.ownership ? { ownership: opts.ownership } : {}),
    ...(turnCommits ? { turnCommits } : {}),
  });
  const usage = new TokenUsageTable<Connection>(limits.upgradeBurst, limits.upgradesPerSecond);
  const conns = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    // Compression would cost a zlib context per socket (hundreds of KB) for small Yjs frames.
    perMessageDeflate: false,
    clientTracking: false,
    // Answer with the plain protocol name only: the other one offered carries the token (src/domain/sync-auth.ts).
    handleProtocols: (offered) => (offered.has(SYNC_PROTOCOL) ? SYNC_PROTOCOL : false),
  });
  let closing = false;
  /** Draining: no new sockets (see CollabServer.drain); the open ones stay until close. */
  let draining = false;
  // Checkpoints with their fsync run in a worker; commits on this thread stay sub-millisecond.
  const checkpointer = startWalCheckpointer(db, log);

  /** Memory only: the synchronous check inside authorizeUpgrade. */
  const isRevoked = (jti: string): boolean => revoked.has(jti);
  /** The table as well, in case another process (the admin side, another node) revoked it. */
  const isRevokedStored = async (jti: string): Promise<boolean> => {
    if (revoked.has(jti)) return true;
    if (!(await store.isRevoked(jti))) return false;
    revoked.add(jti);
    return true;
  };

  /**
   * Yjs threw halfway through a client's update: the in-memory document may be
   * inconsistent, so it is rebuilt from storage and every peer resyncs. Changes
   * not yet stored (a failing disk) move over to the new copy, to be retried there.
   */
  /** `${jti} ${docName}` -> until when that link may not reopen that document (it broke it; see RELOAD_PENALTY_MS). */
  const reloadPenalties = new Map<string, number>();
  const reloadDoc = (doc: LiveDoc, offender: Connection): void => {
    reloadPenalties.set(`${offender.claims.jti} ${doc.name}`, Date.now() + RELOAD_PENALTY_MS);
    const pending = doc.takeUnsaved();
    registry.unload(doc, false);
    offender.close(CLOSE.malformed, 'update could not be applied');
    for (const peer of [...doc.peers]) (peer as Connection).close(CLOSE.reload, 'document reloaded');
    if (pending.length === 0) return;
    // The write in flight (if any) lands first, so the fresh copy loads it from storage.
    void doc
      .settleInFlight()
      .then(() => registry.get(doc.name))
      .then((fresh) => {
        for (const update of pending) Y.applyUpdate(fresh.doc, update, 'server');
      })
      .catch((err: unknown) => {
        log('error', 'Could not carry unsaved updates over to the reloaded document', {
          doc: doc.name,
          updates: pending.length,
          error: (err as Error).message,
        });
      });
  };

  /** The lease of the interview is gone: close its sockets (clients come back through the proxy to the owner). */
  opts.ownership?.onLost((interviewId, reason) => {
    let closed = 0;
    for (const doc of registry.discardInterview(interviewId)) {
      for (const peer of [...doc.peers]) {
        (peer as Connection).close(CLOSE.movedToAnotherNode, 'interview moved to another node');
        closed++;
      }
    }
    log('warn', 'Stepped down from an interview', { interview: interviewId, reason, closedConnections: closed });
  });

  // A turn's messages, then its transaction and relays; a burst goes on in later slices (message-slices.ts).
  const turnBudgetMs = opts.turnBudgetMs ?? DEFAULT_TURN_BUDGET_MS;
  if (!Number.isFinite(turnBudgetMs) || turnBudgetMs < 0) throw new RangeError(`turnBudgetMs must be a non-negative number of milliseconds, got ${String(turnBudgetMs)}`);
  const slices = new MessageSlices(turnBudgetMs, () => turnCommits?.flush(), log);
  // One owner of a turn's end: a turn that read client messages commits at its slice's end, not in a second immediate.
  turnCommits?.endsWith(slices);
  const connectionDeps = {
    limits,
    log,
    slices,
    onClosed(conn: Connection) {
      conns.delete(conn);
      usage.peek(conn.claims.jti)?.remove(conn, conn.doc.name);
      conn.doc.removePeer(conn);
    },
    reloadDoc,
  };

  // Named functions, so a trace of the main thread (long-tasks.ts) tells these timers apart.
  const usageRound = usage.sweepRound(MAINTENANCE_INTERVAL_MS, Math.max(1, Math.round(MAINTENANCE_INTERVAL_MS / PRESENCE_TICK_MS)));
  const maintenance = setInterval(function maintenanceSweep() {
    const now = Date.now();
    for (const [key, until] of reloadPenalties) if (until <= now) reloadPenalties.delete(key);
  }, MAINTENANCE_INTERVAL_MS);
  maintenance.unref();
  // Presence that was not renewed times out: every document is visited once per MAINTENANCE_INTERVAL_MS, a slice of
  // them per tick (sliced-round.ts). In one walk it took 2-4 ms of the main thread every 5 s at 3,000 clients (1,500
  // documents; bench:sync --trace-long-tasks), added to whatever that turn's socket reads and slice were doing.
  const presenceTicks = Math.max(1, Math.round(MAINTENANCE_INTERVAL_MS / PRESENCE_TICK_MS));
  const presenceRound = new SlicedRound(registry.liveDocs(), MAINTENANCE_INTERVAL_MS, presenceTicks, (doc, now) => doc.expireAwareness(now));
  const presence = setInterval(function presenceSweep() {
    const now = Date.now();
    presenceRound.tick(now);
    usageRound.tick(now);
  }, PRESENCE_TICK_MS);
  presence.unref();
  // Each connection is visited once per interval (and pinged only if it sent nothing since: connection.ts heartbeat),
  // but a slice at a time (sliced-round.ts): pinging thousands of sockets in one turn (and reading their pongs all at
  // once) stalled the event loop for about 100 ms at 7,000 sockets (bench:sync). A round starts at most once per
  // interval, so a connection always has a whole interval to answer its ping.
  const pingTicks = Math.max(1, Math.round(limits.pingIntervalMs / PING_TICK_MS));
  const pingRoundOfConns = new SlicedRound(conns, limits.pingIntervalMs, pingTicks, (conn) => conn.heartbeat());
  const pings = setInterval(function pingRound() {
    pingRoundOfConns.tick(Date.now());
  }, limits.pingIntervalMs / pingTicks);
  pings.unref();

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Errors on a socket we refuse (peer reset) must not become uncaught exceptions.
    socket.on('error', () => {});
    try {
      if (closing || draining) {
        refuseUpgrade(socket, 503, 'server is shutting down', 5);
        return;
      }
      const decision = authorizeUpgrade(req.url, secret, isRevoked, Date.now(), req.headers['sec-websocket-protocol']);
      if (!decision.ok) {
        const level = decision.reason.includes('bad-signature') || decision.reason.includes('malformed') ? 'warn' : 'info';
        log(level, 'Refused sync connection', { status: decision.status, reason: decision.reason, ip: req.socket.remoteAddress });
        refuseUpgrade(socket, decision.status, decision.reason);
        return;
      }
      const { claims, docName } = decision;
      if (opts.isInterviewDeleted?.(decision.interviewId)) {
        log('info', 'Refused sync connection to a deleted interview', { doc: docName, jti: claims.jti });
        refuseUpgrade(socket, 410, 'this interview was deleted');
        return;
      }
      const tokenUsage = usage.get(claims.jti);
      const penalty = reloadPenalties.get(`${claims.jti} ${docName}`);
      let limitReason: string | null = null;
      if (penalty !== undefined && penalty > Date.now()) limitReason = 'this link sent an update that broke the document; try again later';
      else if (!tokenUsage.upgrades.tryTake(1)) limitReason = 'too many connection attempts for this link';
      else if (tokenUsage.conns.size >= limits.maxConnectionsPerToken) limitReason = 'too many open connections for this link';
      else if (!tokenUsage.docs.has(docName) && tokenUsage.docs.size >= limits.maxDocsPerToken) {
        limitReason = 'too many documents open with this link';
      }
      if (limitReason) {
        log('warn', 'Refused sync connection over limits', { reason: limitReason, jti: claims.jti, doc: docName });
        const retryAfter = penalty !== undefined && penalty > Date.now() ? Math.ceil((penalty - Date.now()) / 1000) : Math.ceil(1 / limits.upgradesPerSecond);
        refuseUpgrade(socket, 429, limitReason, retryAfter);
        return;
      }
      // Revocation and deletion asked of the store (another node may have written them), then the document loaded
      // (a round trip each with PostgreSQL) before the socket is accepted.
      const deletedStored = opts.isInterviewDeletedStored ?? (async () => false);
      const checked = Promise.all([isRevokedStored(claims.jti), deletedStored(decision.interviewId)]);
      const loaded = checked.then(async ([isRevokedNow, isDeletedNow]) => ({
        isRevokedNow,
        isDeletedNow,
        live: isRevokedNow || isDeletedNow ? null : await registry.get(docName),
      }));
      void loaded.then(
        ({ isRevokedNow, isDeletedNow, live }) => {
          if (closing) {
            refuseUpgrade(socket, 503, 'server is shutting down', 5);
            return;
          }
          if (isRevokedNow) {
            log('info', 'Refused sync connection', { status: 401, reason: 'token revoked', ip: req.socket.remoteAddress });
            refuseUpgrade(socket, 401, 'token revoked');
            return;
          }
          if (isDeletedNow || !live) {
            log('info', 'Refused sync connection to a deleted interview', { doc: docName, jti: claims.jti });
            refuseUpgrade(socket, 410, 'this interview was deleted');
            return;
          }
          wss.handleUpgrade(req, socket, head, (ws) => {
            const conn = new Connection(ws, live, claims, decision.access, presenceVisible(claims.role, decision.kind), connectionDeps);
            conns.add(conn);
            usage.get(claims.jti).add(conn, docName);
            live.addPeer(conn);
          });
        },
        (err: unknown) => {
          if (err instanceof NotOwnerError) {
            log('info', 'Sync connection for an interview another node owns', { doc: docName, owner: err.holder?.owner ?? null });
            refuseUpgrade(socket, 421, 'this interview is served by another node', retryAfterSeconds(err.holder), ownerRedirectHeaders(err.holder, req.url ?? ''));
            return;
          }
          log('error', 'Could not load document', { doc: docName, error: (err as Error).message });
          refuseUpgrade(socket, 503, 'document unavailable, try again later', 5);
        },
      );
    } catch (err) {
      log('error', 'Sync upgrade failed', { error: (err as Error).message });
      refuseUpgrade(socket, 503, 'server error, try again later', 5);
    }
  }

  /** Closes the open sockets of a token revoked elsewhere (another node, through the store); stored already. */
  const unwatchRevocations = store.watchRevocations?.((jti) => {
    if (revoked.has(jti)) return;
    revoked.add(jti);
    const open = [...(usage.peek(jti)?.conns ?? [])];
    for (const conn of open) conn.close(CLOSE.unauthorized, 'token revoked');
    log('info', 'Token revoked on another node', { jti, closedConnections: open.length });
  });

  function revoke(jti: string): void {
    revoked.add(jti);
    const open = usage.peek(jti);
    let closed = 0;
    if (open) {
      for (const conn of [...open.conns]) {
        conn.close(CLOSE.unauthorized, 'token revoked');
        closed++;
      }
    }
    log('info', 'Revoked token', { jti, closedConnections: closed });
    store.revoke(jti).catch((err: unknown) => {
      log('error', 'Could not store a token revocation; it holds until restart', { jti, error: (err as Error).message });
    });
  }

  function evictInterview(interviewId: string): { documents: number; connections: number; settled: Promise<void> } {
    const dropped = registry.discardInterview(interviewId);
    let connections = 0;
    for (const doc of dropped) {
      for (const peer of [...doc.peers]) {
        (peer as Connection).close(CLOSE.deleted, 'interview deleted');
        connections++;
      }
    }
    const settled = Promise.all(dropped.map((doc) => doc.settleInFlight())).then(() => undefined);
    return { documents: dropped.length, connections, settled };
  }

  async function openDoc(docName: string): Promise<Y.Doc> {
    if (closing) throw new Error('Collab server is closed');
    return (await registry.get(docName)).doc;
  }

  async function holdInterview(interviewId: string): Promise<RequestHold> {
    const { ownership } = opts;
    if (!ownership) return { epoch: undefined, done: () => undefined };
    // Draining: interviews held here are still served until close; no new one is taken.
    if ((draining || closing) && ownership.epochOf(interviewId) === null) throw new NotOwnerError(interviewId, null);
    return registry.holdForRequest(interviewId);
  }

  async function flushAll(): Promise<void> {
    const left = await registry.flushAll();
    if (left > 0) throw new Error(`${left} document update(s) could not be stored yet`);
  }

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    draining = true;
    clearInterval(maintenance);
    clearInterval(presence);
    clearInterval(pings);
    unwatchRevocations?.();
    await revokedLoaded;
    // What was read before now is handled as it would have been, before the sockets are told to go.
    slices.drainNow();
    // The clients are told to go first, so they stop writing here: a flush with writers still sending would wait for
    // a queue that never empties (a drain under live writing took 18 s). Nothing unstored was relayed, and what
    // is queued is stored by the flush below before the leases go; a client that sent more resends it elsewhere.
    const open = [...conns];
    const allClosed = Promise.all(open.map((c) => new Promise<void>((resolve) => c.onceClosed(resolve))));
    for (const conn of open) conn.close(CLOSE.goingAway, 'server shutting down');
    const left = await registry.flushAll();
    if (left > 0) {
      log('error', 'Shutting down with document updates that could not be stored; clients still hold them and resend on reconnect', {
        updates: left,
      });
    }
    // Everything queued is stored: the next node may take these interviews now, while the sockets finish closing,
    // rather than when the leases run out. A write still arriving meanwhile is stored under this node's epoch
    // before the next owner loads (it waits on the lease row), or refused once it took over.
    const released = opts.ownership?.releaseAll();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([allClosed, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
    if (timer) clearTimeout(timer);
    for (const conn of conns) conn.terminate();
    // What arrived since the flush is handled and stored before the documents go (the database closes after this).
    slices.drainNow();
    registry.unloadAll();
    await released;
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await compactor?.stop();
    await checkpointer?.stop();
  }

  return {
    handleUpgrade,
    revoke,
    evictInterview,
    openDoc,
    readDoc: (docName: string) => registry.readDoc(docName),
    changesStored: async (docName: string) => registry.peek(docName)?.changesStored(),
    holdInterview,
    stats: () => ({ docs: registry.size, connections: conns.size }),
    sliceCounts: () => ({ deferred: slices.deferred, slices: slices.slices, waits: slices.waits }),
    turnCommitCounts: () => (turnCommits ? { transactions: turnCommits.transactions, batches: turnCommits.batches } : null),
    flushAll,
    drain() {
      if (!draining) log('info', 'Draining: new sync connections are refused', { open: conns.size });
      draining = true;
    },
    close,
  };
}
