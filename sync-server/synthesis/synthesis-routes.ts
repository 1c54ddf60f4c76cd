/**
 * The synthesis API. Only host and interviewer tokens covering the interview may read or start a synthesis: the
 * guest, audience, moderator and tech support get 403 (the synthesis is in no Yjs document either, so no socket
 * of theirs can carry it).
 *
 * - GET  /api/interviews/<id>/synthesis           status, latest finished synthesis, the run in flight
 * - POST /api/interviews/<id>/synthesis           { offline?: boolean } start again (joins a run of the same input)
 * - GET  /api/interviews/<id>/synthesis/progress  NDJSON: the run's progress as it changes, until it ends
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tokenCoversInterview, type TokenClaims } from '../auth/tokens';
import type { ExtraRoute } from '../http/api-routes';
import { HttpError, readJsonBody, sendJson } from '../http/json';
import type { StatusProjection } from './status-projection';
import type { SynthesisRunner } from './synthesis-runner';
import type { SynthesisStore } from './synthesis-store';

const ID = '([a-z0-9][a-z0-9-]{2,62})';
const PROGRESS_POLL_MS = 250;
const PROGRESS_MAX_MS = 10 * 60_000;

export interface SynthesisRouteDeps {
  store: SynthesisStore;
  runner: SynthesisRunner;
  projection: StatusProjection;
}

function requireReader(claims: TokenClaims | null, interviewId: string): TokenClaims {
  if (!claims) throw new HttpError(401, 'Missing bearer token: open the app through your invite or host link.');
  if (claims.role !== 'host' && claims.role !== 'interviewer') throw new HttpError(403, 'Only the host and interviewers see the synthesis.');
  if (!tokenCoversInterview(claims, interviewId)) throw new HttpError(403, 'This link is for another interview.');
  return claims;
}

export function synthesisRoutes(deps: SynthesisRouteDeps): ExtraRoute[] {
  const view = (id: string) => ({
    status: deps.store.status(id),
    latest: deps.store.latest(id),
    running: deps.store.running(id),
  });
  return [
    {
      method: 'GET',
      path: new RegExp(`^/api/interviews/${ID}/synthesis$`),
      auth: 'any-token',
      handle: async (_req, res, ctx) => {
        const id = ctx.params[0]!;
        requireReader(ctx.claims, id);
        if (!deps.store.status(id)) await deps.projection.refresh(id);
        sendJson(res, 200, view(id));
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^/api/interviews/${ID}/synthesis$`),
      auth: 'any-token',
      handle: async (req, res, ctx) => {
        const id = ctx.params[0]!;
        const claims = requireReader(ctx.claims, id);
        const body = (await readJsonBody(req, 1024)) as { offline?: unknown } | null;
        if (body !== null && (typeof body !== 'object' || (body.offline !== undefined && typeof body.offline !== 'boolean'))) {
          throw new HttpError(400, 'Send {} or {"offline": true}.');
        }
        const started = await deps.runner.start(id, { mode: body?.offline === true ? 'offline' : 'cloud', trigger: 'host', requestedBy: `${claims.sub} (${claims.role})` });
        if (!started.ok) throw new HttpError(started.status, started.error);
        sendJson(res, 202, { run: started.row, joined: started.joined });
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^/api/interviews/${ID}/synthesis/progress$`),
      auth: 'any-token',
      handle: (req, res, ctx) => {
        const id = ctx.params[0]!;
        requireReader(ctx.claims, id);
        streamProgress(req, res, deps.store, id);
      },
    },
  ];
}

/** Writes a line whenever the run's progress changes, and a last one when it has ended. */
function streamProgress(req: IncomingMessage, res: ServerResponse, store: SynthesisStore, interviewId: string): void {
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
  let last = '';
  const started = Date.now();
  const tick = () => {
    const running = store.running(interviewId);
    if (!running) {
      res.end(`${JSON.stringify({ type: 'ended', latest: store.latest(interviewId) })}\n`);
      return stop();
    }
    const line = JSON.stringify({ type: 'progress', id: running.id, progress: running.progress, attempts: running.attempts });
    if (line !== last) {
      last = line;
      res.write(`${line}\n`);
    }
    if (Date.now() - started > PROGRESS_MAX_MS) {
      res.end();
      stop();
    }
  };
  const timer = setInterval(tick, PROGRESS_POLL_MS);
  const stop = () => clearInterval(timer);
  req.on('close', stop);
  tick();
}
