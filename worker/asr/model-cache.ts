/**
 * Where downloaded model files live for offline use: a dedicated Cache Storage bucket (not the service worker's
 * precache, which would force every guest to download weights they may never need). Each entry records the model,
 * dtype and verified SHA-256 in headers, so the app can list what is stored and how much space it takes, and remove
 * a model, without loading transformers.js or the worker.
 */

export const MODEL_CACHE_NAME = 'interq-asr-models-v1';

export const HEADER_MODEL = 'x-interq-model';
export const HEADER_DTYPE = 'x-interq-dtype';
export const HEADER_SHA256 = 'x-interq-sha256';
export const HEADER_VERIFIED = 'x-interq-verified';
export const HEADER_FILE = 'x-interq-file';

/** The subset of the Cache API the model store needs; Cache Storage in browsers, memory in Node. */
export interface ModelFileCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
  keys(): Promise<string[]>;
}

export class CacheStorageModelCache implements ModelFileCache {
  private constructor(private readonly cache: Cache) {}

  static async open(name = MODEL_CACHE_NAME): Promise<CacheStorageModelCache> {
    if (typeof caches === 'undefined') throw new Error('Cache Storage is not available in this context');
    return new CacheStorageModelCache(await caches.open(name));
  }

  async match(url: string): Promise<Response | undefined> {
    return (await this.cache.match(url)) ?? undefined;
  }

  put(url: string, response: Response): Promise<void> {
    return this.cache.put(url, response);
  }

  delete(url: string): Promise<boolean> {
    return this.cache.delete(url);
  }

  async keys(): Promise<string[]> {
    return (await this.cache.keys()).map((r) => r.url);
  }
}

/** For Node (tests, benchmarks) and for browsers where Cache Storage is blocked (some private modes). */
export class MemoryModelCache implements ModelFileCache {
  private readonly entries = new Map<string, { body: ArrayBuffer; headers: [string, string][]; status: number }>();

  async match(url: string): Promise<Response | undefined> {
    const e = this.entries.get(url);
    return e ? new Response(e.body.slice(0), { status: e.status, headers: e.headers }) : undefined;
  }

  async put(url: string, response: Response): Promise<void> {
    const body = await response.arrayBuffer();
    this.entries.set(url, { body, headers: [...response.headers.entries()], status: response.status });
  }

  async delete(url: string): Promise<boolean> {
    return this.entries.delete(url);
  }

  async keys(): Promise<string[]> {
    return [...this.entries.keys()];
  }
}

export interface CachedModelUsage {
  modelId: string;
  dtypes: string[];
  files: number;
  bytes: number;
  /** False if any stored file could not be checked against a pinned hash. */
  allVerified: boolean;
}

/** What is stored, per model, from the cache alone (no manifest, no network). */
export async function listCachedModels(cache: ModelFileCache): Promise<CachedModelUsage[]> {
  const byModel = new Map<string, CachedModelUsage>();
  for (const url of await cache.keys()) {
    const res = await cache.match(url);
    if (!res) continue;
    const modelId = res.headers.get(HEADER_MODEL);
    if (!modelId) continue;
    const usage = byModel.get(modelId) ?? { modelId, dtypes: [], files: 0, bytes: 0, allVerified: true };
    const dtype = res.headers.get(HEADER_DTYPE);
    if (dtype && !usage.dtypes.includes(dtype)) usage.dtypes.push(dtype);
    usage.files += 1;
    usage.bytes += Number(res.headers.get('content-length') ?? 0);
    if (res.headers.get(HEADER_VERIFIED) !== 'true') usage.allVerified = false;
    byModel.set(modelId, usage);
    // Release the body: only headers were needed.
    await res.body?.cancel();
  }
  return [...byModel.values()].sort((a, b) => a.modelId.localeCompare(b.modelId));
}

/** Removes every stored file of a model (all dtypes). Returns the bytes freed. */
export async function removeCachedModel(cache: ModelFileCache, modelId: string): Promise<number> {
  let freed = 0;
  for (const url of await cache.keys()) {
    const res = await cache.match(url);
    if (!res || res.headers.get(HEADER_MODEL) !== modelId) {
      await res?.body?.cancel();
      continue;
    }
    freed += Number(res.headers.get('content-length') ?? 0);
    await res.body?.cancel();
    await cache.delete(url);
  }
  return freed;
}

export interface StorageEstimate {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
}

/** The origin's overall storage use and quota, so the model manager can warn before a download cannot fit. */
export async function estimateStorage(): Promise<StorageEstimate> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.estimate) return { usageBytes: null, quotaBytes: null, persisted: null };
  const est = await storage.estimate();
  const persisted = storage.persisted ? await storage.persisted() : null;
  return { usageBytes: est.usage ?? null, quotaBytes: est.quota ?? null, persisted };
}

/** The default cache for the current context: Cache Storage when usable, memory otherwise. */
export async function openDefaultModelCache(): Promise<ModelFileCache> {
  try {
    return await CacheStorageModelCache.open();
  } catch {
    return new MemoryModelCache();
  }
}
