/**
 * /api/admin/*: the results dashboard's API (issue #14). Every route takes a
 * bearer token (missing, forged, expired or revoked: 401 from requireToken) and
 * names the roles it admits; anyone else gets 403. A reviewer (hiring
 * committee) reads results, metrics and reports and adds its own ratings; only
 * the host issues reviewer links, exports or deletes a candidate's data.
 * ADMIN_ROUTES lists every route with an example address, so a test can knock
 * on each with every kind of wrong token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { ANY_INTERVIEW, mintToken, tokenCoversInterview, type TokenClaims } from '../auth/tokens';
import type { Role } from '../../src/domain/access';
import { docName } from '../../src/domain/access';
import { SESSION_ID_PATTERN } from '../../src/domain/interview';
import { setRating } from '../../src/sync/staff-doc';
import type { ExtraRoute, RouteContext } from '../http/api-routes';
import { HttpError, readJsonBody, sendJson, storageUnavailable } from '../http/json';
import type { Db } from '../db/open';
import type { Projector } from '../projections/projector';
import type { RecordingStore } from '../uploads/recording-store';
import { absentRecordingError } from '../uploads/expired-audio';
import { candidateDetail, type OpenDoc } from './candidate-detail';
import { computeMetrics } from './metrics-query';
import { createResultsQueries, parseListQuery } from './results-queries';
import { compareCandidates } from './compare';
import { candidateReport, comparisonReport, reportCsv } from './reports';
import { exportCandidateZip } from './candidate-export';
import type { DocumentStorage } from '../storage/document-storage';
import type { Invites } from '../invites';
import { InterviewNotFoundError } from '../interviews/delete-interview';

export interface AdminDeps {
  db: Db;
  secret: Buffer;
  publicUrl: string;
  openDoc: OpenDoc;
  /**
   * Read-only documents for routes that cover several interviews (the comparison): no lease is taken, so an
   * interview another node owns is read from storage (collab-server.ts readDoc).
   */
  readDoc: OpenDoc;
  /** Resolves once the server-side edits made so far to a loaded document are stored (collab-server.ts). */
  changesStored: (docName: string) => Promise<void>;
  projector: Projector;
  recordings: RecordingStore;
  /** Where the Yjs documents are stored (SQLite or PostgreSQL): the export asks it whether the interview has any. */
  documents: Pick<DocumentStorage, 'interviewDocs'>;
  /** Issued links (storage/invite-store.ts through invites.ts): reviewer links are recorded there, the export lists them. */
  invites: Pick<Invites, 'record' | 'list'>;
  reviewerLinkDays: number;
  /** Deletes everything of one interview, read models included: the same path as the host's DELETE /api/interviews/<id> (delete-interview.ts). */
  deleteInterview: (interviewId: string, by: string, epoch?: number) => unknown;
  log: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
}

/** How long a rating's answer waits for the database to confirm it before saying so (PostgreSQL away). */
const RATING_STORE_WAIT_MS = 10_000;
const READERS: readonly Role[] = ['host', 'reviewer'];
const HOST: readonly Role[] = ['host'];
const IID = '([a-z0-9][a-z0-9-]{2,62})';
const RID = '([A-Za-z0-9_-]{1,200})';

export interface AdminRouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  /** A valid address for this route, for tests. */
  example: string;
  roles: readonly Role[];
}

/** `epoch`: the interview lease epoch the request was admitted under (cluster mode, RouteContext.epoch). */
type Handler = (req: IncomingMessage, res: ServerResponse, claims: TokenClaims, params: readonly string[], url: URL, epoch?: number) => Promise<void> | void;

function interviewParam(claims: TokenClaims, raw: string | undefined): string {
  const id = decodeURIComponent(raw ?? '');
  if (!SESSION_ID_PATTERN.test(id)) throw new HttpError(400, 'The interview id in the address is not valid.');
  if (!tokenCoversInterview(claims, id)) throw new HttpError(403, 'This link is for another interview.');
  return id;
}

/** Interview ids from `ids=a,b,c`, each checked against the token. */
function idsParam(claims: TokenClaims, url: URL): string[] | null {
  const raw = url.searchParams.get('ids');
  if (!raw) return claims.iid === ANY_INTERVIEW ? null : [claims.iid];
  return raw.split(',').filter(Boolean).slice(0, 100).map((id) => interviewParam(claims, id));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, filename?: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...(filename ? { 'Content-Disposition': `attachment; filename="${filename}"` } : {}),
  });
  res.end(body);
}

export function adminRouteTable(deps: AdminDeps): Array<AdminRouteSpec & { handle: Handler }> {
  const queries = createResultsQueries(deps.db);
  const detail = async (claims: TokenClaims, id: string) => {
    deps.projector.flush();
    const d = await candidateDetail(deps.db, deps.openDoc, id, claims.role);
    if (!d) throw new HttpError(404, 'No results for this interview yet: the candidate has not started, or it was deleted.');
    return d;
  };
  // The comparison reads several interviews, some perhaps owned by other nodes: their stored state, without leases.
  // Storage that fails (PostgreSQL down) is a clear 503 the dashboard can retry, not a 500.
  const readForComparison: OpenDoc = (name) =>
    deps.readDoc(name).catch((err: unknown) => {
      deps.log('error', 'Could not read a stored document for the comparison', { doc: name, error: (err as Error).message });
      throw storageUnavailable('The stored interviews could not be read just now (storage did not answer). Try again in a moment.');
    });
  const compareFromStorage = (claims: TokenClaims, url: URL) => {
    deps.projector.flush();
    return compareCandidates(deps.db, readForComparison, { ids: idsParam(claims, url), archetype: url.searchParams.get('archetype') || null });
  };
  return [
    {
      method: 'GET',
      path: /^\/api\/admin\/results$/,
      example: '/api/admin/results',
      roles: READERS,
      handle(_req, res, claims, _p, url) {
        deps.projector.flush();
        const query = parseListQuery(url.searchParams);
        sendJson(res, 200, queries.list(query, claims.iid));
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^/api/admin/results/${IID}$`),
      example: '/api/admin/results/acme-one',
      roles: READERS,
      async handle(_req, res, claims, p) {
        sendJson(res, 200, await detail(claims, interviewParam(claims, p[0])));
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^/api/admin/results/${IID}/ratings$`),
      example: '/api/admin/results/acme-one/ratings',
      roles: READERS,
      async handle(req, res, claims, p) {
        const id = interviewParam(claims, p[0]);
        const body = (await readJsonBody(req)) as { questionId?: unknown; score?: unknown; note?: unknown } | null;
        if (!body || typeof body.questionId !== 'string' || typeof body.score !== 'number') {
          throw new HttpError(400, 'Send {"questionId": "...", "score": 0-5, "note": "..."}.');
        }
        if (body.note !== undefined && typeof body.note !== 'string') throw new HttpError(400, 'The note must be text.');
        const staff = await deps.openDoc(docName(id, 'staff'));
        const plan = await deps.openDoc(docName(id, 'plan'));
        const known = plan.getArray<{ id: string }>('questions').toArray().some((q) => q?.id === body.questionId);
        if (!known) throw new HttpError(404, 'This interview has no such question.');
        // Same record as the live session's rating, in the rater's own name; the AI's score is another document.
        const result = setRating(staff, body.questionId, body.score, { by: claims.sub, role: claims.role }, Date.now(), body.note as string | undefined);
        if (!result.ok) throw new HttpError(400, result.reason);
        // A human rating is acknowledged only once stored: on PostgreSQL the write commits after this turn, and
        // the dashboard's projection (flushed next) follows the stored updates.
        const stored = await Promise.race([deps.changesStored(docName(id, 'staff')).then(() => true), delay(RATING_STORE_WAIT_MS, undefined, { ref: false }).then(() => false)]);
        if (!stored) throw storageUnavailable('The rating is kept by the server but the database has not confirmed it yet; send it again in a moment.');
        deps.projector.flush();
        sendJson(res, 200, { rating: result.record });
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^/api/admin/results/${IID}/recordings/${RID}/audio$`),
      example: '/api/admin/results/acme-one/recordings/r1/audio',
      roles: READERS,
      async handle(_req, res, claims, p) {
        const id = interviewParam(claims, p[0]);
        const rid = decodeURIComponent(p[1]!);
        const found = await deps.recordings.get(id, rid);
        const none = new HttpError(404, 'This answer has no complete recording on the server.');
        if (!found) throw await absentRecordingError(deps.recordings, id, rid, none);
        if (!found.state.complete) throw none;
        const parts: Buffer[] = [];
        let offset = 0;
        while (offset < found.state.totalBytes) {
          const part = await deps.recordings.partFrom(id, rid, offset);
          if (!part || part.offset !== offset) throw new Error(`recording ${id}/${rid} has a gap at byte ${offset}`);
          parts.push(part.data);
          offset += part.data.length;
        }
        send(res, 200, /^audio\/[\w.+-]+(;.*)?$/.test(found.state.mimeType) ? found.state.mimeType : 'application/octet-stream', Buffer.concat(parts));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/admin\/metrics$/,
      example: '/api/admin/metrics',
      roles: READERS,
      handle(_req, res, claims, _p, url) {
        deps.projector.flush();
        sendJson(res, 200, computeMetrics(deps.db, { archetype: url.searchParams.get('archetype') || null, interviewIds: idsParam(claims, url) }));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/admin\/compare$/,
      example: '/api/admin/compare?ids=acme-one,acme-two',
      roles: READERS,
      async handle(_req, res, claims, _p, url) {
        sendJson(res, 200, await compareFromStorage(claims, url));
      },
    },
    // Before the one-candidate report: "comparison" is also a valid interview id.
    {
      method: 'GET',
      path: /^\/api\/admin\/reports\/comparison\.(json|csv)$/,
      example: '/api/admin/reports/comparison.json?ids=acme-one,acme-two',
      roles: READERS,
      async handle(_req, res, claims, p, url) {
        const comparison = await compareFromStorage(claims, url);
        const report = comparisonReport(comparison);
        if (p[0] === 'json') send(res, 200, 'application/json; charset=utf-8', JSON.stringify(report, null, 2), 'interq-comparison.json');
        else send(res, 200, 'text/csv; charset=utf-8', reportCsv(report.rows), 'interq-comparison.csv');
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^/api/admin/reports/${IID}\\.(json|csv)$`),
      example: '/api/admin/reports/acme-one.json',
      roles: READERS,
      async handle(_req, res, claims, p) {
        const id = interviewParam(claims, p[0]);
        const report = candidateReport(await detail(claims, id));
        if (p[1] === 'json') send(res, 200, 'application/json; charset=utf-8', JSON.stringify(report, null, 2), `interq-${id}.json`);
        else send(res, 200, 'text/csv; charset=utf-8', reportCsv(report.rows), `interq-${id}.csv`);
      },
    },
    {
      method: 'POST',
      path: /^\/api\/admin\/reviewer-links$/,
      example: '/api/admin/reviewer-links',
      roles: HOST,
      async handle(req, res, claims) {
        const body = ((await readJsonBody(req)) ?? {}) as { name?: unknown; interviewId?: unknown };
        const name = typeof body.name === 'string' ? body.name.trim() : '';
        if (name.length < 1 || name.length > 80) throw new HttpError(400, "Give the reviewer's name (1 to 80 characters).");
        const iid = typeof body.interviewId === 'string' && body.interviewId ? interviewParam(claims, body.interviewId) : ANY_INTERVIEW;
        const jti = randomBytes(9).toString('base64url');
        const ttlSec = deps.reviewerLinkDays * 86400;
        const token = mintToken(deps.secret, { iid, role: 'reviewer', sub: name, ttlSec, jti });
        const expiresAt = Date.now() + ttlSec * 1000;
        // Recorded like an invite, so DELETE /api/invites/<jti> revokes it.
        await deps.invites.record({ jti, interviewId: iid, role: 'reviewer', subject: name, expiresAt, createdAt: Date.now() });
        deps.log('info', 'Issued a reviewer link', { jti, interview: iid, by: claims.sub });
        sendJson(res, 201, { jti, role: 'reviewer', subject: name, interviewId: iid, expiresAt, url: `${deps.publicUrl}/admin/results#t=${token}` });
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^/api/admin/candidates/${IID}/export$`),
      example: '/api/admin/candidates/acme-one/export',
      roles: HOST,
      async handle(_req, res, claims, p) {
        const id = interviewParam(claims, p[0]);
        const zip = await exportCandidateZip(deps.db, deps.documents, deps.invites, deps.openDoc, deps.recordings, id);
        if (!zip) throw new HttpError(404, 'This server holds nothing of that interview.');
        deps.log('info', 'Exported a candidate’s data', { interview: id, by: `${claims.sub} (${claims.role})`, bytes: zip.length });
        send(res, 200, 'application/zip', zip, `interq-${id}-export.zip`);
      },
    },
    {
      method: 'DELETE',
      path: new RegExp(`^/api/admin/candidates/${IID}$`),
      example: '/api/admin/candidates/acme-one',
      roles: HOST,
      async handle(_req, res, claims, p, _url, epoch) {
        const id = interviewParam(claims, p[0]);
        let deletion: unknown;
        try {
          deletion = await deps.deleteInterview(id, `${claims.sub} (${claims.role})`, epoch);
        } catch (err) {
          if (err instanceof InterviewNotFoundError) throw new HttpError(404, 'This server holds nothing of that interview.');
          throw err;
        }
        sendJson(res, 200, deletion);
      },
    },
  ];
}

/** The table as routes for handleApi: any valid token gets past requireToken, then the role decides. */
export function adminRoutes(deps: AdminDeps): ExtraRoute[] {
  return adminRouteTable(deps).map((r) => ({
    method: r.method,
    path: r.path,
    auth: 'any-token' as const,
    async handle(req: IncomingMessage, res: ServerResponse, ctx: RouteContext) {
      const claims = ctx.claims!;
      if (!r.roles.includes(claims.role)) {
        throw new HttpError(403, r.roles.length === 1 ? 'Only the host may do this.' : 'Only the host or a reviewer link opens the results dashboard.');
      }
      await r.handle(req, res, claims, ctx.params, new URL(req.url ?? '/', 'http://x'), ctx.epoch);
    },
  }));
}
