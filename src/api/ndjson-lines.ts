/**
 * The lines of a newline-delimited JSON response body as they arrive (the synthesis event stream,
 * sync-server/synthesis/synthesis-routes.ts), blank ones (the server's keep-alives) left out, each without its line
 * end. A last line the stream ends without a newline is not a whole event, and is left out too. One splitter for the
 * app (synthesis-client.ts) and the tests that read the same stream.
 */
export async function* ndjsonLines(body: NonNullable<Response['body']>): AsyncGenerator<string, void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line) yield line;
    }
  }
}
