/**
 * HTTP requests to one node of several, as the tests of uploads and synthesis across nodes send them: the
 * recordings API of an interview, and a retry of what a node answers while another node's lease still runs.
 */
import type { ServerProcess } from './server-process';

/** A request to `node`'s recordings API of interview `iid`: a Buffer body goes as octets, an object as JSON. */
export function recordingsRequest(node: ServerProcess, iid: string, method: string, p: string, tok: string, body?: Buffer | object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${node.url}/api/interviews/${iid}/recordings${p}`, {
    method,
    headers: {
      Authorization: `Bearer ${tok}`,
      ...(body === undefined ? {} : { 'Content-Type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
}

/**
 * A request to a node that may not hold the interview yet: a node answers 421 while another node's lease is still
 * running (a dead or paused owner's lease expires within INTERQ_LEASE_MS), or 503 when the lease ran out between two
 * of its statements (sync-server/cluster/request-gate.ts); the device tries again, as through the proxy, for up to
 * 30 s, every `retryMs`.
 */
export async function whenServed(send: () => Promise<Response>, retryMs = 200): Promise<Response> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await send();
    if ((res.status !== 421 && res.status !== 503) || Date.now() > deadline) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, retryMs));
  }
}
