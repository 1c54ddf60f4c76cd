/**
 * The JSON API under /api, and /healthz. Each route authenticates with the
 * bearer token from the user's link; only hosts manage interviews and invites.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import fs from 'node:fs';
import type { Db } from '../db/open';
import { schemaVersion } from '../db/open';
import type { InterviewIndex } from '../interview-index';
import { InviteRequest, type Invites } from '../invites';
import { tokenCoversInterview, type TokenClaims } from '../auth/tokens';
import { requireHost, requireToken } from './auth';
import { HttpError, readJsonBody, sendJson } from './json';
import type { ServiceHealth } from '../health/service-health';
import { interviewOfPath } from '../cluster/interview-of-path';
import type { Admission, InterviewGate } from '../cluster/request-gate';
import { StaleEpochError } from '../storage/document-storage';

export interface ApiDeps {
  version: string;
  startedAt: number;
  db: Db;
  dbFile: string;
  secret: Buffer;
  index: InterviewIndex;
  invites: Invites;
  /** Closes open sockets of a revoked token at once. */
  revokeLive: (jti: string) => void;
  /** Checks of disk, uploads, documents, the AI service and model files (sync-server/health/), added to /healthz. */
  health?: ServiceHealth;
  /**
   * Cluster mode (sync-server/cluster/request-gate.ts): a request naming an interview is served only under that
   * interview's lease; asked elsewhere, the gate answers 421 towards the owner. Checked after the token, so a
   * request that would be refused anyway (no token, another interview's link) never takes a lease. A write of the
   * request refused for its lease epoch (StaleEpochError) is answered by the gate too (the node steps down).
   */
  interviewGate?: InterviewGate;
  /** Extra routes plugged in by other modules (the question generator). */
  extraRoutes?: ReadonlyArray<ExtraRoute>;
}

export interface ExtraRoute {
  method: string;
  /** An exact path, or a pattern whose capture groups (still URL-encoded) reach the handler as `params`. */
  path: string | RegExp;
  /** Who may call it; checked before the handler runs. */
  auth: 'host' | 'any-token' | 'public';
  handle: (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<void> | void;
}

export interface RouteContext {
  /** The verified token; null only for public routes. */
  claims: TokenClaims | null;
  params: readonly string[];
  /**
   * Cluster mode: the lease epoch of the interview the path names, under which this node admitted the request
   * (request-gate.ts). Writes of the interview pass it to storage, which refuses it once another node took over.
   * Undefined with one node, or when the path names no interview.
   */
  epoch?: number;
}

function matchPath(path: string | RegExp, pathname: string): string[] | null {
  if (typeof path === 'string') return path === pathname ? [] : null;
  const m = path.exec(pathname);
  return m ? m.slice(1) : null;
}

function health(deps: ApiDeps) {
  let storage: Record<string, unknown>;
  try {
    deps.db.prepare('SELECT 1').get();
    storage = {
      ok: true,
      engine: 'sqlite',
      schemaVersion: schemaVersion(deps.db),
      sizeBytes: fs.statSync(deps.dbFile).size,
    };
  } catch (err) {
    storage = { ok: false, error: (err as Error).message };
  }
  const services = deps.health?.report();
  return {
    status: storage.ok && !services?.failing ? 'ok' : 'degraded',
    version: deps.version,
    uptimeSec: Math.round((Date.now() - deps.startedAt) / 1000),
    storage,
    ...(services ? { checks: services.checks, alerts: services.alerts } : {}),
  };
}

/** Returns true when the request was an API request (answered, successfully or not). */
export async function handleApi(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x');
  const { pathname } = url;
  if (pathname === '/healthz') {
    const body = health(deps);
    sendJson(res, body.status === 'ok' ? 200 : 503, body);
    return true;
  }
  if (!pathname.startsWith('/api/')) return false;
  try {
    await route(req, res, deps, req.method ?? 'GET', pathname);
  } catch (err) {
    if (err instanceof StaleEpochError && deps.interviewGate) await deps.interviewGate.refused(err, req, res);
    else if (err instanceof HttpError) sendJson(res, err.status, err.code ? { error: err.message, code: err.code } : { error: err.message }, err.headers);
    else {
      console.error(err);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error; the server log has details.' });
      else res.end();
    }
  }
  return true;
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ApiDeps, method: string, pathname: string) {
  const auth = () => requireToken(req, deps.secret, deps.invites.isRevoked);
  // The admission when this node serves the request; null when the gate answered it (another node owns the interview).
  const servedHere = async (claims: TokenClaims | null): Promise<Admission | null> => {
    const interviewId = interviewOfPath(pathname);
    if (!interviewId || !deps.interviewGate || !claims || !tokenCoversInterview(claims, interviewId)) return { epoch: undefined };
    return deps.interviewGate.admit(interviewId, req, res);
  };

  for (const r of deps.extraRoutes ?? []) {
    if (r.method !== method) continue;
    const params = matchPath(r.path, pathname);
    if (!params) continue;
    let claims: TokenClaims | null = null;
    if (r.auth !== 'public') {
      claims = await auth();
      if (r.auth === 'host') requireHost(claims);
    }
    const admitted = await servedHere(claims);
    if (!admitted) return;
    await r.handle(req, res, { claims, params, ...(admitted.epoch !== undefined ? { epoch: admitted.epoch } : {}) });
    return;
  }

  if (method === 'GET' && pathname === '/api/me') {
    const c = await auth();
    sendJson(res, 200, { role: c.role, interviewId: c.iid, subject: c.sub, expiresAt: c.exp * 1000 });
    return;
  }
  if (method === 'GET' && pathname === '/api/interviews') {
    requireHost(await auth());
    sendJson(res, 200, { interviews: await deps.index.list() });
    return;
  }
  const one = /^\/api\/interviews\/([a-z0-9-]+)$/.exec(pathname);
  if (method === 'GET' && one) {
    const c = await auth();
    if (!tokenCoversInterview(c, one[1]!)) throw new HttpError(403, 'This link is for another interview.');
    if (!(await servedHere(c))) return;
    const row = await deps.index.get(one[1]!);
    if (!row) throw new HttpError(404, 'No such interview on this server yet.');
    sendJson(res, 200, row);
    return;
  }
  if (method === 'POST' && pathname === '/api/invites') {
    requireHost(await auth());
    const parsed = InviteRequest.safeParse(await readJsonBody(req));
    if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    sendJson(res, 201, await deps.invites.issue(parsed.data));
    return;
  }
  const invitesOf = /^\/api\/interviews\/([a-z0-9-]+)\/invites$/.exec(pathname);
  if (method === 'GET' && invitesOf) {
    const c = await auth();
    requireHost(c);
    if (!(await servedHere(c))) return;
    sendJson(res, 200, { invites: await deps.invites.list(invitesOf[1]!) });
    return;
  }
  const revoke = /^\/api\/invites\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (method === 'DELETE' && revoke) {
    requireHost(await auth());
    await deps.invites.revoke(revoke[1]!);
    deps.revokeLive(revoke[1]!);
    sendJson(res, 200, { revoked: revoke[1] });
    return;
  }
  throw new HttpError(404, `No API route ${method} ${pathname}.`);
}
