/**
 * One owner per interview on HTTP (issue #16 item 2): a request whose path names an interview (interview-of-path.ts)
 * is served only by the node holding that interview's lease, like its sync sockets. The owner serves; a node with
 * no live owner for it takes the lease and serves; a node asked while another live node owns it answers 421 with
 * the redirect headers the sync upgrade uses (owner-redirect.ts), which nginx follows to the owner, method and body
 * included. So the wrap-up, the dashboard's candidate page and an upload part run where the interview's documents
 * are open, and the server-side `openDoc` they call never meets another node's lease.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/json';
import { NotOwnerError } from './interview-ownership';
import { ownerRedirectHeaders, retryAfterSeconds } from './owner-redirect';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** Resolves true when this node serves the request; false when it answered it (421 or 503). */
export type InterviewGate = (interviewId: string, req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function interviewRequestGate(collab: { holdInterview(interviewId: string): Promise<() => void> }, log: Logger): InterviewGate {
  return async (interviewId, req, res) => {
    try {
      const done = await collab.holdInterview(interviewId);
      res.once('close', done);
      return true;
    } catch (err) {
      if (err instanceof NotOwnerError && err.holder && err.holder.remainingMs > 0) {
        log('info', 'HTTP request for an interview another node owns', { interview: interviewId, owner: err.holder.owner, url: req.url });
        for (const [name, value] of Object.entries(ownerRedirectHeaders(err.holder, req.url ?? ''))) res.setHeader(name, value);
        res.setHeader('Retry-After', String(retryAfterSeconds(err.holder)));
        sendJson(res, 421, { error: `This interview is served by another node (${err.holder.owner}); the proxy sends the request there.`, code: 'other-node' });
        return false;
      }
      // Draining, a lease that ran out between two statements, or PostgreSQL not answering: another try succeeds
      // (nginx retries a GET on the next node at once on 503).
      const draining = err instanceof NotOwnerError;
      if (!draining) log('warn', 'Could not take the lease of an interview for an HTTP request', { interview: interviewId, error: (err as Error).message });
      res.setHeader('Retry-After', draining ? '1' : '2');
      sendJson(res, 503, {
        error: draining ? 'This node is not taking this interview now; try again in a moment.' : 'The shared database did not answer; try again in a moment.',
        code: 'try-again',
      });
      return false;
    }
  };
}
