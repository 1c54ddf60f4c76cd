/**
 * Gets a model's files into the model cache: from the app's own origin first, from the Hugging Face hub only when the
 * user allowed it; streamed with per-file progress, resumed with Range requests after a dropped connection, checked
 * against the manifest's size and SHA-256 before anything is stored. A file that fails its hash is never cached.
 */
import { sha256Hex } from '../../src/domain/sha256';
import { isQuotaExceeded } from '../../src/storage/quota';
import { AsrError } from './errors';
import {
  HEADER_DTYPE,
  HEADER_FILE,
  HEADER_MODEL,
  HEADER_SHA256,
  HEADER_VERIFIED,
  type ModelFileCache,
} from './model-cache';
import { filesForDtype, hubFileUrl, type AsrDtype, type ModelEntry, type ModelFileEntry } from './model-manifest';
import type { FileProgress } from './protocol';

export interface EnsureFilesOptions {
  model: ModelEntry;
  dtype: AsrDtype;
  /** Absolute URL of the model folder on the app's origin, ending with "/". */
  baseUrl: string;
  allowHub: boolean;
  cache: ModelFileCache;
  fetch?: typeof fetch;
  onProgress?: (p: FileProgress) => void;
  signal?: AbortSignal;
  /** Attempts per file when a connection drops mid-download (each resumes where the last stopped). */
  attempts?: number;
}

export interface EnsureFilesResult {
  downloadedBytes: number;
  unverifiedFiles: string[];
  /** Cache keys of every file, by path inside the model folder. */
  urls: Record<string, string>;
}

const PROGRESS_INTERVAL_MS = 100;

export async function ensureModelFiles(opts: EnsureFilesOptions): Promise<EnsureFilesResult> {
  const result: EnsureFilesResult = { downloadedBytes: 0, unverifiedFiles: [], urls: {} };
  for (const file of filesForDtype(opts.model, opts.dtype)) {
    opts.signal?.throwIfAborted();
    const url = new URL(file.path, opts.baseUrl).href;
    result.urls[file.path] = url;
    const cached = await opts.cache.match(url);
    if (cached && isUsableCacheEntry(cached, file)) {
      const size = Number(cached.headers.get('content-length') ?? file.size ?? 0);
      await cached.body?.cancel();
      if (cached.headers.get(HEADER_VERIFIED) !== 'true') result.unverifiedFiles.push(file.path);
      opts.onProgress?.({ file: file.path, phase: 'cached', loaded: size, total: size, source: 'cache', verified: cached.headers.get(HEADER_VERIFIED) === 'true' });
      continue;
    }
    if (cached) {
      // Stored under an older hash (the manifest moved on): replace it.
      await cached.body?.cancel();
      await opts.cache.delete(url);
    }
    const { bytes, source } = await downloadFile(file, url, opts);
    result.downloadedBytes += bytes.length;
    opts.onProgress?.({ file: file.path, phase: 'verify', loaded: bytes.length, total: bytes.length, source });
    const verified = await verifyFile(file, bytes, opts.model.id);
    if (!verified) result.unverifiedFiles.push(file.path);
    const headers = new Headers({
      'content-type': file.path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      'content-length': String(bytes.length),
      [HEADER_MODEL]: opts.model.id,
      [HEADER_FILE]: file.path,
      [HEADER_VERIFIED]: String(verified),
      [HEADER_SHA256]: file.sha256 ?? (await sha256Hex(bytes)),
    });
    if (file.dtype) headers.set(HEADER_DTYPE, file.dtype);
    try {
      await opts.cache.put(url, new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers }));
    } catch (err) {
      if (isQuotaExceeded(err)) throw new AsrError('storage-full', 'there is not enough storage space on this device for the speech model', true, String(err));
      throw new AsrError('internal', `the speech model could not be stored on this device (${err instanceof Error ? err.message : String(err)})`, true, String(err));
    }
    opts.onProgress?.({ file: file.path, phase: 'done', loaded: bytes.length, total: bytes.length, source, verified });
  }
  return result;
}

function isUsableCacheEntry(res: Response, file: ModelFileEntry): boolean {
  if (!file.sha256) return true;
  return res.headers.get(HEADER_SHA256) === file.sha256 && res.headers.get(HEADER_VERIFIED) === 'true';
}

async function verifyFile(file: ModelFileEntry, bytes: Uint8Array, modelId: string): Promise<boolean> {
  if (file.size !== null && bytes.length !== file.size) {
    throw new AsrError(
      'model-integrity',
      `the speech model file ${file.path} is damaged (${bytes.length} bytes instead of ${file.size}); it was not saved. Retry to download it again`,
      true,
      `${modelId}/${file.path}: size ${bytes.length} != ${file.size}`,
    );
  }
  if (!file.sha256) return false;
  const actual = await sha256Hex(bytes);
  if (actual !== file.sha256) {
    throw new AsrError(
      'model-integrity',
      `the speech model file ${file.path} failed its integrity check; it was not saved. Retry to download it again`,
      true,
      `${modelId}/${file.path}: sha256 ${actual} != ${file.sha256}`,
    );
  }
  return true;
}

async function downloadFile(
  file: ModelFileEntry,
  originUrl: string,
  opts: EnsureFilesOptions,
): Promise<{ bytes: Uint8Array; source: 'origin' | 'hub' }> {
  const doFetch = opts.fetch ?? fetch;
  let originFailure: string;
  try {
    // no-store: the verified copy goes to the model cache; a second one in the HTTP cache would only take space.
    const res = await doFetch(originUrl, { signal: opts.signal, cache: 'no-store' });
    if (res.ok) return { bytes: await readWithResume(res, originUrl, file, 'origin', opts), source: 'origin' };
    await res.body?.cancel();
    originFailure = `HTTP ${res.status}`;
  } catch (err) {
    if (err instanceof AsrError) throw err;
    if (opts.signal?.aborted) throw opts.signal.reason;
    originFailure = String(err);
  }
  const hubUrl = hubFileUrl(opts.model, file.path);
  if (!hubUrl || !opts.allowHub) {
    const offline = !originFailure.startsWith('HTTP');
    throw new AsrError(
      offline ? 'network' : opts.model.hub ? 'hub-not-allowed' : 'model-not-found',
      offline
        ? 'the speech model could not be downloaded (no connection). It will download when you are back online'
        : opts.model.hub
          ? 'the speech model is not available from this server, and downloading it from Hugging Face is switched off'
          : 'the speech model is not available from this server',
      true,
      `${originUrl}: ${originFailure}`,
    );
  }
  try {
    const res = await doFetch(hubUrl, { signal: opts.signal, mode: 'cors', credentials: 'omit' });
    if (!res.ok) {
      await res.body?.cancel();
      throw new AsrError('model-not-found', 'the speech model could not be downloaded from Hugging Face', true, `${hubUrl}: HTTP ${res.status}`);
    }
    return { bytes: await readWithResume(res, hubUrl, file, 'hub', opts), source: 'hub' };
  } catch (err) {
    if (err instanceof AsrError) throw err;
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw new AsrError('network', 'the speech model could not be downloaded (connection lost). Retry when the connection is back', true, `${hubUrl}: ${String(err)}`);
  }
}

/** Reads a body, and when the connection drops, continues with a Range request from the last byte received. */
async function readWithResume(
  first: Response,
  url: string,
  file: ModelFileEntry,
  source: 'origin' | 'hub',
  opts: EnsureFilesOptions,
): Promise<Uint8Array> {
  const doFetch = opts.fetch ?? fetch;
  const attempts = opts.attempts ?? 4;
  const headerLength = Number(first.headers.get('content-length') ?? NaN);
  const total = file.size ?? (Number.isFinite(headerLength) ? headerLength : null);
  const chunks: Uint8Array[] = [];
  let received = 0;
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    opts.onProgress?.({ file: file.path, phase: 'download', loaded: received, total, source });
  };
  report(true);

  let response: Response = first;
  for (let attempt = 1; ; attempt++) {
    try {
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        report();
      }
      break;
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (attempt >= attempts) {
        throw new AsrError('network', 'the speech model download kept failing. Retry when the connection is steadier', true, `${url}: ${String(err)}`);
      }
    }
    // Resume: ask for the rest. A server without range support answers 200 with the whole file: start over.
    const next = await doFetch(url, { signal: opts.signal, headers: { Range: `bytes=${received}-` }, cache: 'no-store' }).catch((err: unknown) => {
      if (opts.signal?.aborted) throw opts.signal.reason;
      throw new AsrError('network', 'the speech model could not be downloaded (connection lost). Retry when the connection is back', true, `${url}: ${String(err)}`);
    });
    if (next.status === 200) {
      chunks.length = 0;
      received = 0;
    } else if (next.status !== 206) {
      await next.body?.cancel();
      throw new AsrError('network', 'the speech model download was interrupted', true, `${url}: resume answered HTTP ${next.status}`);
    }
    response = next;
  }
  report(true);
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return bytes;
}
