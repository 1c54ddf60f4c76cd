/**
 * The InterQ server: one port for the built PWA, the JSON API and the Yjs sync
 * endpoint. Everything it keeps lives in the data folder (SQLite + secret).
 */
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import type { ServerConfig } from './config';
import { openDatabase, StartupError, type Db } from './db/open';
import { DATABASE_FILE, holdDataDir, loadOrCreateSecret, nodeKeyOf as nodeKeyOfDataDir, prepareDataDir } from './data-dir';
import { createInterviewIndex } from './interview-index';
import { createInvites, hostUrl } from './invites';
import type * as Y from 'yjs';
import { createCollabServer, type CollabServer } from './collab/collab-server';
import { openServerStorage, redactedUrl, type ServerStorage } from './storage/open-document-storage';
import { PostgresDocumentStorage } from './storage/postgres/postgres-document-storage';
import { startProjectedDocsPublisher, watchProjectedDocs } from './storage/postgres/postgres-projected-docs';
import { databaseNow, startExpiredLeaseCatchUp } from './storage/postgres/expired-lease-catch-up';
import { clusterSettingsFromEnv, publishMsFromEnv, startClusterOwnership } from './cluster/cluster-node';
import { interviewRequestGate } from './cluster/request-gate';
import { holdNodeId, type NodeIdLock } from './cluster/node-id-lock';
import { createProjector, type Projector } from './projections/projector';
import type { Projection } from './projections/projection';
import { staffTranscriptRelay } from './staff-transcript-relay';
import { handleApi, type ExtraRoute } from './http/api-routes';
import { appCacheControl, modelCacheControl, serveStatic } from './http/static-files';
import { appFileHeaders, setSecurityHeaders } from './http/security-headers';
import { holdContinue } from './http/expect-continue';
import type { Logger } from './log';
import { generatorRoutes } from './generator-routes';
import { bankRoutes } from './http/bank-route';
import { hostLinkRoutes } from './http/host-link-routes';
import { serverBank } from './bank/server-bank';
import { uploadRoutes } from './uploads/upload-routes';
import { startRecordingRetention } from './uploads/retention';
import { createServiceHealth } from './health/service-health';
import { startPostgresProbe } from './health/postgres-probe';
import { watchUploads } from './health/uploads-check';
import { loadHealthConfig } from './health/health-config';
import { healthRoutes } from './health/health-routes';
import { loadLlmConfig } from './llm';
import { deleteInterview, deletedInterviews } from './interviews/delete-interview';
import { resultsProjection } from './admin/results-projection';
import { adminRoutes } from './admin/admin-routes';
import { deleteInterviewRoute } from './interviews/delete-route';
import { createWrapUp, type WrapUp } from './synthesis';
import { startWrapUpMirror } from './synthesis/wrap-up-mirror';
import { PostgresInviteStore } from './storage/postgres/postgres-invite-store';
import { folderMovedTo } from './migrate/move-markers';
import { serveModelManifest, testModelsEnabled, testModelsHtmlHeaders } from './models/manifest-route';
import { autoFetchEnabled, startModelAutoFetch, type ModelAutoFetch } from './models/model-autofetch';

const require = createRequire(import.meta.url);
export const SERVER_VERSION: string = (require('../package.json') as { version: string }).version;

export interface RunningServer {
  url: string;
  port: number;
  /** The host link minted at this start, or null when one was already valid and none was asked for. */
  hostLink: string | null;
  /** Host links valid now (recorded, not revoked, not expired), the new one included. */
  validHostLinks: number;
  db: Db;
  collab: CollabServer;
  /** Read models derived from the documents (projections/), kept exact by their watermarks. */
  projector: Projector;
  /** Flushes every document and closes all connections; safe to call twice. */
  stop(): Promise<void>;
}

/** This node among those sharing a database: its host and data folder (each node has its own), stable across restarts. */
const nodeKeyOf = (config: ServerConfig): string => nodeKeyOfDataDir(config.dataDir);

export async function startAppServer(config: ServerConfig, log: Logger): Promise<RunningServer> {
  // Settings first: a bad value stops start-up before any file is opened.
  const extraRoutes: ExtraRoute[] = generatorRoutes(config.env, log);
  const healthConfig = loadHealthConfig(config.env);
  const publishMs = publishMsFromEnv(config.env);
  // Parsed and installed before the port opens: a bank item the schema refuses stops start-up, not a plan.
  serverBank();
  extraRoutes.push(...bankRoutes());
  autoFetchEnabled(config.env);
  const testModels = testModelsEnabled(config.env);
  prepareDataDir(config.dataDir);
  const secret = loadOrCreateSecret(config.dataDir);
  // server.pid: tools that must not run beside a server (the move to PostgreSQL) see this one holds the folder.
  const releaseDataDir = holdDataDir(config.dataDir);
  const dbFile = path.join(config.dataDir, DATABASE_FILE);
  const db = openDatabase(dbFile);
  // A folder moved into PostgreSQL (npm run migrate:to-postgres) holds the data as it was then: serving it alone now
  // would show stale interviews and accept writes the other nodes never see.
  const moved = config.databaseUrl ? null : folderMovedTo(db);
  if (moved) {
    db.close();
    releaseDataDir();
    throw new StartupError(
      `Data folder ${config.dataDir} was moved to PostgreSQL (${moved.database}) on ${new Date(moved.at).toISOString()}; start it with DATABASE_URL set to that database (its own SQLite is only the copy from before the move).`,
    );
  }
  // What nodes share (storage/open-document-storage.ts): the Yjs documents and revocations behind the asynchronous
  // seam, the interview index and the deletion record. PostgreSQL when DATABASE_URL is set, else this SQLite file.
  let shared: ServerStorage;
  try {
    shared = await openServerStorage({ databaseUrl: config.databaseUrl, db, log, maxInterviewRecordingBytes: config.maxInterviewRecordingBytes });
  } catch (err) {
    db.close();
    releaseDataDir();
    throw err;
  }
  const { documents } = shared;
  // Documents in PostgreSQL: several nodes may share them, so this node serves an interview only under its lease.
  const ownership = documents instanceof PostgresDocumentStorage ? startClusterOwnership(documents, config, log) : null;
  // Answer audio: in PostgreSQL with the documents when DATABASE_URL is set, so whichever node owns the interview has it.
  const { recordings } = shared;
  // Cluster mode: each upload write carries the lease epoch its request was admitted under (RouteContext.epoch).
  // A deleted interview takes no more audio (`deleted` is set up below, before the port opens).
  extraRoutes.push(
    ...uploadRoutes({
      store: recordings,
      maxRecordingBytes: config.maxRecordingBytes,
      isInterviewDeleted: (id) => deleted.check(id),
      // The status counts the uploads the server completed: the wrap-up (created below) hears of each here.
      onCompleted: (id) => wrapUp?.uploadCompleted(id),
    }),
  );
  const stopRetention = config.recordingRetentionMs === null ? () => undefined : startRecordingRetention(recordings, config.recordingRetentionMs, log);
  const index = createInterviewIndex(db, shared.interviews, log);
  const invites = createInvites(db, shared.invites, documents, secret, config.publicUrl, config.inviteDays, config.hostLinkDays);
  let relayTranscripts: (name: string, doc: Y.Doc) => void = () => undefined;
  let wrapUp: WrapUp | null = null;
  // Every read model the server keeps from the documents; add a projection here to have it built, rebuilt and caught up.
  const projections: Projection[] = [resultsProjection()];
  // Several nodes on one PostgreSQL: what this node projects of the interviews it serves goes to the other nodes'
  // read models, once every INTERQ_PUBLISH_MS (a second) while another node listens, and theirs come here
  // (projector.ts, "Other nodes").
  // INTERQ_FOLLOW_OTHER_NODES=0 (bench:cluster's comparison of what following costs) stops following only: this
  // node's dashboard then misses what the other nodes serve, but it still publishes, so theirs list what it serves.
  const followOthers = config.env.INTERQ_FOLLOW_OTHER_NODES !== '0';
  const publisher = documents instanceof PostgresDocumentStorage ? startProjectedDocsPublisher({ pool: documents.pool, publisher: nodeKeyOf(config), delayMs: publishMs, log }) : null;
  const projector = createProjector({ db, store: documents, projections, log, ...(publisher ? { publish: publisher.add } : {}) });
  // Following: interviews whose owner's lease runs out from now on are compared with storage (the crash window,
  // expired-lease-catch-up.ts); "now" is read before the catch-up below, which covers what was stored before it.
  const followSince = documents instanceof PostgresDocumentStorage && followOthers ? await databaseNow(documents.pool) : null;
  // Before any connection: rebuild projections whose version changed, catch up documents past their watermark.
  await projector.catchUp();
  const deleted = await deletedInterviews(shared.interviews);
  const collab = createCollabServer({
    db,
    storage: documents,
    ...(ownership ? { ownership } : {}),
    secret,
    log,
    isInterviewDeleted: deleted.has,
    isInterviewDeletedStored: deleted.check,
    onDocumentUpdated: (name, doc) => {
      index.onDocumentUpdated(name, doc);
      relayTranscripts(name, doc);
    },
    // The wrap-up reads documents only once they equal what is stored (settled), like the projector.
    hooks: [
      projector.hooks,
      {
        onUpdateStored: (e) => {
          if (e.settled) wrapUp?.onDocumentStored(e.interviewId, e.kind, e.doc);
        },
      },
    ],
  });
  relayTranscripts = staffTranscriptRelay(collab.openDoc, log);
  // Several nodes on one PostgreSQL: this node's hooks see only what it serves; what the other nodes publish keeps its
  // read models live for theirs.
  const unfollowStored = followSince && documents instanceof PostgresDocumentStorage ? watchProjectedDocs(documents, nodeKeyOf(config), projector.follow, log) : () => undefined;
  // A change an owner stored in the second before it died was never published: read from storage once its lease ran out.
  const ownersGone =
    followSince && documents instanceof PostgresDocumentStorage
      ? startExpiredLeaseCatchUp({ pool: documents.pool, listener: projector.follow, since: followSince, log })
      : null;
  const health = createServiceHealth({
    db,
    dbFile,
    dataDir: config.dataDir,
    modelsDir: config.modelsDir,
    llm: loadLlmConfig(config.env),
    config: healthConfig,
    collabStats: () => ({
      ...collab.stats(),
      ...(publisher
        ? { followed: { ...projector.followStats(), unheard: publisher.unheard(), publisherHanded: publisher.progress().handed, publisherSettled: publisher.progress().settled } }
        : {}),
    }),
    ...(config.databaseUrl
      ? { postgres: startPostgresProbe({ settings: shared.settings, database: redactedUrl(config.databaseUrl), nodeKey: nodeKeyOf(config) }) }
      : {}),
    extraChecks: {
      modelFetch: () => modelFetch?.check() ?? { state: 'off', message: null },
      // Uploads in PostgreSQL replace the check of this node's SQLite file (all nodes' uploads, read in the background).
      ...(recordings.backend === 'postgres' ? { uploads: watchUploads(recordings) } : {}),
    },
  });
  let modelFetch: ModelAutoFetch | null = null;
  extraRoutes.push(...healthRoutes());
  extraRoutes.push(...hostLinkRoutes({ invites, revokeLive: collab.revoke }));
  // One deletion path for the host's route and the dashboard's: documents, recordings, invites, read models.
  const deletion = { db, documents, interviews: shared.interviews, invites: shared.invites, recordings, index, collab, readModels: projector, log };
  extraRoutes.push(deleteInterviewRoute(deletion, deleted));
  // Several nodes: the owner's wrap-up (status, finished syntheses) and every node's links reach the others' SQLite.
  const wrapUpMirror =
    documents instanceof PostgresDocumentStorage && shared.invites instanceof PostgresInviteStore
      ? startWrapUpMirror({ db, documents, invites: shared.invites, nodeKey: nodeKeyOf(config), epochOf: (id) => ownership?.epochOf(id) ?? null, log })
      : null;
  wrapUp = createWrapUp({ db, openDoc: collab.openDoc, recordings, env: config.env, log, ...(wrapUpMirror ? { onChange: wrapUpMirror.changed } : {}) });
  extraRoutes.push(...wrapUp.routes);
  // Several nodes: what a previous owner left unfinished (its status, a synthesis due) is taken up with the lease.
  ownership?.onTaken((id) => wrapUp?.leaseTaken(id));
  // A node that stepped down ends its synthesis streams of the interview: their readers reconnect to the new owner.
  ownership?.onLost((id) => wrapUp?.leaseLost(id));
  // So does a node that gave the lease up: a drain (SIGTERM) ends the streams as it releases the leases, so an open
  // synthesis panel moves with the interview's sockets instead of staying on a node that no longer serves it. A
  // stream holds its interview's lease while it is open (request-gate.ts), so no idle release ends one.
  ownership?.onReleased((id) => wrapUp?.leaseLost(id));
  let publicUrlNow = config.publicUrl;
  extraRoutes.push(
    ...adminRoutes({
      db,
      secret,
      get publicUrl() {
        return publicUrlNow;
      },
      openDoc: collab.openDoc,
      readDoc: collab.readDoc,
      changesStored: collab.changesStored,
      projector,
      recordings,
      documents,
      invites,
      reviewerLinkDays: config.inviteDays,
      deleteInterview: (id, by, epoch) => deleteInterview(deletion, deleted, id, by, epoch),
      log,
    }),
  );

  if (!fs.existsSync(path.join(config.staticDir, 'index.html'))) {
    log('warn', `No built app in ${config.staticDir}: run "npm run build" (npm start does it for you).`);
  }
  const staticRoots = [
    { dir: config.modelsDir, prefix: '/models/', spaFallback: false, cacheControl: modelCacheControl },
    { dir: config.staticDir, prefix: '/', spaFallback: true, cacheControl: appCacheControl, fileHeaders: (rel: string) => ({ ...appFileHeaders(rel), ...testModelsHtmlHeaders(rel, testModels) }) },
  ];
  const startedAt = Date.now();
  // Cluster mode: the interview's HTTP routes are served by its lease holder, like its sockets.
  const interviewGate = ownership
    ? interviewRequestGate(
        { holdInterview: collab.holdInterview, writeRefused: (id, epoch) => ownership.writeRefused(id, epoch), holder: (id) => ownership.holder(id) },
        log,
      )
    : undefined;

  const server = http.createServer((req, res) => {
    setSecurityHeaders(res);
    void (async () => {
      const apiDeps = { version: SERVER_VERSION, startedAt, db, dbFile, secret, index, invites, revokeLive: collab.revoke, extraRoutes, health, ...(interviewGate ? { interviewGate } : {}) };
      if (await handleApi(req, res, apiDeps)) return;
      if (serveModelManifest(req, res, config.modelsDir, testModels)) return;
      if (serveStatic(req, res, staticRoots)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    })().catch((err: unknown) => {
      log('error', 'request failed', { url: req.url, error: (err as Error).message });
      if (!res.headersSent) res.writeHead(500).end('Internal error');
    });
  });
  // Expect: 100-continue: the 100 goes out when a route starts reading the body, after its checks (expect-continue.ts);
  // without this listener Node would send it at once, before any check.
  server.on('checkContinue', (req, res) => {
    holdContinue(req, res);
    server.emit('request', req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname.startsWith('/sync/')) collab.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      stopRetention();
      health.stop();
      ownership?.stop();
      wrapUpMirror?.stop();
      unfollowStored();
      ownersGone?.stop();
      publisher?.stop();
      void shared.close();
      db.close();
      releaseDataDir();
      if (err.code === 'EADDRINUSE') {
        reject(new StartupError(`Port ${config.port} is already in use. Stop the other program or start with PORT=<another port>.`));
      } else if (err.code === 'EACCES') {
        reject(new StartupError(`Not allowed to listen on port ${config.port}. Use a port above 1023 (PORT=8080).`));
      } else reject(err);
    };
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  let stopping: Promise<void> | null = null;
  let nodeLock: NodeIdLock | null = null;
  function stopServer(): Promise<void> {
    stopping ??= (async () => {
      // Stop taking new sockets first: the proxy moves new clients to another node while this one finishes.
      collab.drain();
      stopRetention();
      health.stop();
      await wrapUp?.close();
      wrapUpMirror?.stop();
      await wrapUpMirror?.settle();
      await collab.close();
      ownership?.stop();
      // After the leases went (collab.close releases them): the id is free for this node's next start.
      await nodeLock?.release();
      unfollowStored();
      ownersGone?.stop();
      projector.close();
      await projector.followed();
      // What this node projected last (the drain's flush included) reaches the other nodes before the pool closes.
      publisher?.stop();
      await publisher?.flush();
      await shared.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
      releaseDataDir();
    })();
    return stopping;
  }

  const port = (server.address() as { port: number }).port;
  if (ownership) {
    const { nodeId, nodeAddress } = clusterSettingsFromEnv(config.env, config.host, port);
    // Before the first lease: a second live node with this id would take this one's interviews as its own.
    try {
      nodeLock = await holdNodeId({ connectionString: config.databaseUrl!, nodeId, log });
    } catch (err) {
      await stopServer();
      throw err;
    }
    ownership.identify(nodeId, nodeAddress);
  }

  // After listening: the app works meanwhile, and spoken answers wait in the staff queue until the model is there.
  modelFetch = startModelAutoFetch({ modelsDir: config.modelsDir, env: config.env, log, onDone: () => void health.refresh() });

  // Statuses a crash left behind are brought up to date, and syntheses it interrupted made, so none stays "synthesizing".
  void wrapUp.start({ refreshUnfinished: !ownership }).catch((err: unknown) => log('error', 'Could not resume the wrap-up', { error: (err as Error).message }));
  const publicUrl = config.publicUrl.replace(/:0$/, `:${port}`);
  // A new host link only when asked or when none is valid; the others stay listed and revocable from the host's screen.
  const validHostLinks = await invites.validHostLinks();
  const newHostLink = config.newHostLink || validHostLinks.length === 0 ? await invites.issueHostLink() : null;
  publicUrlNow = publicUrl;

  return {
    url: publicUrl,
    port,
    hostLink: newHostLink ? hostUrl(publicUrl, newHostLink.token) : null,
    validHostLinks: newHostLink ? validHostLinks.length + 1 : validHostLinks.length,
    db,
    collab,
    projector,
    stop: stopServer,
  };
}
