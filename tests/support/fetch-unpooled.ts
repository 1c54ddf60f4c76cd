/**
 * A GET for tests that block their own event loop between requests (a long synchronous scan of what they fetched):
 * each request goes on a connection of its own (`Connection: close`) and its whole body is read before it returns.
 *
 * Why: Node's fetch (undici) keeps a connection for reuse and retires it after the server's keep-alive hint less
 * 2 s (5 − 2 = 3 s for our server), timed by a clock that advances one 499 ms tick per timer callback, not by the
 * wall clock. A test that holds the event loop for 10 s moves that clock by one tick; the server, in its own process,
 * closed the idle connection after 5 s meanwhile, and the next fetch is written on it before the close is read:
 * "other side closed" or ECONNRESET within milliseconds (answer-keys.spec's `/api/bank` test, stop 19's flake). A
 * connection that is never kept can never be found closed. Reading the body in full also frees the connection at
 * once and leaves no response half-read for the next request.
 */
export interface UnpooledResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  text(): string;
}

export async function fetchUnpooled(url: string, headers: Record<string, string> = {}): Promise<UnpooledResponse> {
  const res = await fetch(url, { headers: { ...headers, Connection: 'close' } });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body, text: () => body.toString('utf8') };
}
