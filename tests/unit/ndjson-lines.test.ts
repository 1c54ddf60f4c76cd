/**
 * The NDJSON line splitter the app's synthesis client and the synthesis stream tests share (src/api/ndjson-lines.ts),
 * fed a real ReadableStream in the chunks a network would cut it into.
 */
import { describe, expect, it } from 'vitest';
import { ndjsonLines } from '../../src/api/ndjson-lines';

/** A byte stream that delivers exactly these chunks, in order. */
function streamOf(chunks: readonly (string | Uint8Array<ArrayBuffer>)[]): NonNullable<Response['body']> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === 'string' ? encoder.encode(c) : c);
      controller.close();
    },
  });
}

async function linesOf(chunks: readonly (string | Uint8Array<ArrayBuffer>)[]): Promise<string[]> {
  const out: string[] = [];
  for await (const line of ndjsonLines(streamOf(chunks))) out.push(line);
  return out;
}

describe('ndjsonLines', () => {
  it('yields whole lines however the chunks cut them, several per chunk or one across three', async () => {
    expect(await linesOf(['{"type":"view"}\n{"type":"pro', 'gress","progress":"x"}\n', '{"a":', '1', '}\n'])).toEqual([
      '{"type":"view"}',
      '{"type":"progress","progress":"x"}',
      '{"a":1}',
    ]);
  });

  it('leaves out the keep-alive blank lines and trims a CRLF line end', async () => {
    expect(await linesOf(['\n', '{"a":1}\r\n', '  \n\n', '{"b":2}\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('decodes a character split between two chunks', async () => {
    const bytes = new TextEncoder().encode('{"q":"café"}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(await linesOf([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(['{"q":"café"}']);
  });

  it('leaves out a last line the stream ends without a newline (a cut connection), and ends with the stream', async () => {
    expect(await linesOf(['{"a":1}\n{"half":'])).toEqual(['{"a":1}']);
    expect(await linesOf([])).toEqual([]);
  });
});
