/**
 * Gzip for the app's text files (JavaScript, CSS, HTML, JSON, SVG). A candidate on a thin link pays for every
 * byte of the first load: the app's JavaScript is about a third of its size gzipped (issue #18: the first screen's
 * budget, 120 KiB, is counted gzipped). Each file is compressed once, off the event loop, and kept while its
 * size and modification time stay the same (the built app's assets never change under a running server, and a
 * rebuild changes their names or times). Large binaries (models, WebAssembly) are never compressed here: they
 * are fetched with byte ranges, and a range of a compressed body would not be one of the file.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type fs from 'node:fs';
import { readFile } from 'node:fs/promises';

const gzipAsync = promisify(gzip);

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.webmanifest', '.svg', '.txt', '.map']);
/** Larger files are sent as they are (nothing the app fetches as text is near this). */
const MAX_BYTES = 16 * 1024 * 1024;
/** Not worth a Content-Encoding header. */
const MIN_BYTES = 1024;

export function isCompressible(ext: string, size: number): boolean {
  return COMPRESSIBLE.has(ext) && size >= MIN_BYTES && size <= MAX_BYTES;
}

/** The client takes gzip (`Accept-Encoding`, honouring an explicit `gzip;q=0`). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of value.split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== 'gzip' && name?.trim() !== '*') continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  }
  return false;
}

interface Entry {
  size: number;
  mtimeMs: number;
  body: Promise<Buffer>;
}

const cache = new Map<string, Entry>();

/** The gzipped body of `file` as `stat` describes it; compressed on first use, then from memory. */
export function gzipped(file: string, stat: fs.Stats): Promise<Buffer> {
  const hit = cache.get(file);
  if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.body;
  const body = readFile(file).then((raw) => gzipAsync(raw, { level: 9 }));
  const entry = { size: stat.size, mtimeMs: stat.mtimeMs, body };
  cache.set(file, entry);
  // A file that could not be read is not remembered: the next request tries again.
  body.catch(() => {
    if (cache.get(file) === entry) cache.delete(file);
  });
  return body;
}
