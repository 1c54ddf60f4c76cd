/**
 * One owner per interview on HTTP (issue #16 item 2): a request whose path names an interview (interview-of-path.ts)
 * is served only by the node holding that interview's lease, like its sync sockets. The owner serves; a node with
 * no live owner for it takes the lease and serves; a node asked while another live node owns it answers 421 with
 * the redirect headers the sync upgrade uses (owner-redirect.ts), which nginx follows to the owner, method and body
 * included. So the wrap-up, the dashboard's candidate page and an upload part run where the interview's documents
 * are open, and the server-side `openDoc` they call never meets another node's lease.
 *
 * A request served here carries the epoch it was admitted under to its writes (RouteContext.epoch: uploads, the
 * deletion). If PostgreSQL refuses one of them for that epoch (StaleEpochError: this node was paused or cut off
 * past its lease and another node took the interview over), `refused` steps the node down for the interview and
 * answers like a non-owner: 421 towards the new owner, so nginx sends the same request there.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/json';
import type { StaleEpochError } from '../storage/document-storage';
import type { RequestHold } from '../collab/doc-registry';
import { NotOwnerError } from './interview-ownership';
import type { LeaseHolder } from './lease-store';
import { ownerRedirectHeaders, retryAfterSeconds } from './owner-redirect';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** A request this node serves: the lease epoch its writes carry (undefined without ownership). */
export interface Admission {
  epoch: number | undefined;
}

export interface InterviewGate {
  /** Resolves with the admission when this node serves the request; null when it answered it (421 or 503). */
  admit(interviewId: string, req: IncomingMessage, res: ServerResponse): Promise<Admission | null>;
  /** A write of an admitted request was refused for its epoch: step down and answer towards the new owner. */
  refused(err: StaleEpochError, req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface GateDeps {
  holdInterview(interviewId: string): Promise<RequestHold>;
  /** Tells the lease keeping that a write was refused (interview-ownership.ts writeRefused: the node steps down). */
  writeRefused(interviewId: string, epoch: number): void;
  /** The lease's holder now, by the database. */
  holder(interviewId: string): Promise<LeaseHolder | null>;
}

export function interviewRequestGate(deps: GateDeps, log: Logger): InterviewGate {
  /** Another live node owns the interview: 421 with the redirect headers (nginx follows them). */
  const misdirected = (interviewId: string, holder: LeaseHolder, req: IncomingMessage, res: ServerResponse) => {
    log('info', 'HTTP request for an interview another node owns', { interview: interviewId, owner: holder.owner, url: req.url });
    for (const [name, value] of Object.entries(ownerRedirectHeaders(holder, req.url ?? ''))) res.setHeader(name, value);
    res.setHeader('Retry-After', String(retryAfterSeconds(holder)));
    sendJson(res, 421, { error: `This interview is served by another node (${holder.owner}); the proxy sends the request there.`, code: 'other-node' });
  };
  const tryAgain = (res: ServerResponse, draining: boolean) => {
    res.setHeader('Retry-After', draining ? '1' : '2');
    sendJson(res, 503, {
      error: draining ? 'This node is not taking this interview now; try again in a moment.' : 'The shared database did not answer; try again in a moment.',
      code: 'try-again',
    });
  };
  return {
    async admit(interviewId, req, res) {
      try {
        const hold = await deps.holdInterview(interviewId);
        res.once('close', hold.done);
        return { epoch: hold.epoch };
      } catch (err) {
        if (err instanceof NotOwnerError && err.holder && err.holder.remainingMs > 0) {
          misdirected(interviewId, err.holder, req, res);
          return null;
        }
        // Draining, a lease that ran out between two statements, or PostgreSQL not answering: another try succeeds
        // (nginx retries a GET on the next node at once on 503).
        const draining = err instanceof NotOwnerError;
        if (!draining) log('warn', 'Could not take the lease of an interview for an HTTP request', { interview: interviewId, error: (err as Error).message });
        tryAgain(res, draining);
        return null;
      }
    },
    async refused(err, req, res) {
      log('warn', 'A write of an HTTP request was refused: another node owns the interview now; stepping down', {
        interview: err.interviewId,
        epoch: err.epoch,
        current: err.currentEpoch,
        url: req.url,
      });
      deps.writeRefused(err.interviewId, err.epoch);
      if (res.headersSent) return void res.end();
      const holder = await deps.holder(err.interviewId).catch(() => null);
      if (holder && holder.remainingMs > 0) misdirected(err.interviewId, holder, req, res);
      else tryAgain(res, true);
    },
  };
}
