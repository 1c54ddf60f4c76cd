/**
 * The synthesis API. Only host and interviewer tokens covering the interview may read or start a synthesis: the
 * guest, audience, moderator and tech support get 403 (the synthesis is in no Yjs document either, so no socket
 * of theirs can carry it).
 *
 * - GET  /api/interviews/<id>/synthesis           status, latest finished synthesis, the run in flight
 * - POST /api/interviews/<id>/synthesis           { offline?: boolean } start again (joins a run of the same input)
 * - GET  /api/interviews/<id>/synthesis/events    NDJSON (SynthesisEvent): the view at once, then again whenever the
 *                                                  status or a run changes, and a run's progress as it moves; written
 *                                                  when the store writes (synthesis-events.ts), never polled;
 *                                                  ended when another node takes the interview over or this node
 *                                                  gives its lease up on a drain (the reader reconnects, through
 *                                                  the proxy, to the node that serves it now); while open it keeps
 *                                                  the interview's lease here (cluster/request-gate.ts)
 */
import type { ServerResponse } from 'node:http';
import type { SynthesisEvent, SynthesisView } from '../../src/domain/wrap-up/synthesis-records';
import { tokenCoversInterview, type TokenClaims } from '../auth/tokens';
import type { ExtraRoute } from '../http/api-routes';
import { HttpError, readJsonBody, sendJson } from '../http/json';
import type { StatusProjection } from './status-projection';
import type { SynthesisEvents } from './synthesis-events';
import type { SynthesisRunner } from './synthesis-runner';
import type { SynthesisStore } from './synthesis-store';

const ID = '([a-z0-9][a-z0-9-]{2,62})';
/** A blank line this often keeps proxies from closing a quiet stream (readers skip blank lines). */
const KEEP_ALIVE_MS = 25_000;

export interface SynthesisRouteDeps {
  store: SynthesisStore;
  runner: SynthesisRunner;
  projection: StatusProjection;
  events: SynthesisEvents;
}

function requireReader(claims: TokenClaims | null, interviewId: string): TokenClaims {
  if (!claims) throw new HttpError(401, 'Missing bearer token: open the app through your invite or host link.');
  if (claims.role !== 'host' && claims.role !== 'interviewer') throw new HttpError(403, 'Only the host and interviewers see the synthesis.');
  if (!tokenCoversInterview(claims, interviewId)) throw new HttpError(403, 'This link is for another interview.');
  return claims;
}

export function synthesisRoutes(deps: SynthesisRouteDeps): ExtraRoute[] {
  const view = (id: string): SynthesisView => ({
    status: deps.store.status(id),
    latest: deps.store.latest(id),
    running: deps.store.running(id),
    resynthesisDueAt: deps.projection.resynthesisDueAt(id),
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
      path: new RegExp(`^/api/interviews/${ID}/synthesis/events$`),
      auth: 'any-token',
      handle: async (_req, res, ctx) => {
        const id = ctx.params[0]!;
        requireReader(ctx.claims, id);
        if (!deps.store.status(id)) await deps.projection.refresh(id);
        streamEvents(res, deps, id, () => view(id));
      },
    },
  ];
}

/** The view now, then a line whenever the store announces a change of this interview, until the reader goes. */
function streamEvents(res: ServerResponse, deps: SynthesisRouteDeps, interviewId: string, view: () => SynthesisView): void {
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
  const send = (event: SynthesisEvent) => res.write(`${JSON.stringify(event)}\n`);
  send({ type: 'view', view: view() });
  const unsubscribe = deps.events.subscribe(interviewId, (change) => {
    // Another node owns the interview now: this node's view would stay as it is. Ending the stream makes the reader
    // reconnect (src/api/synthesis-client.ts followSynthesis), through the proxy, to the new owner.
    if (change === 'moved') return void res.end();
    if (change === 'view') return send({ type: 'view', view: view() });
    const running = deps.store.running(interviewId);
    if (running) send({ type: 'progress', id: running.id, progress: running.progress, attempts: running.attempts });
  });
  const keepAlive = setInterval(() => res.write('\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  res.on('close', () => {
    unsubscribe();
    clearInterval(keepAlive);
  });
}
