/**
 * What the app knows about speech models without starting the ASR worker: the manifest, which model this device
 * prefers, and which files of it are already in the model cache (Cache Storage, the same keys the worker's model
 * store writes). Nothing here imports transformers.js, so it can sit in the guest's first load.
 */
import { CacheStorageModelCache, estimateStorage, listCachedModels, MemoryModelCache, removeCachedModel, type ModelFileCache, type StorageEstimate } from '../../worker/asr/model-cache';
import { exactBytes, filesForDtype, modelBaseUrl, parseManifest, type AsrDtype, type ModelEntry, type ModelManifest } from '../../worker/asr/model-manifest';

const PREFERRED_KEY = 'interq.asr.model';
export const FALLBACK_MODEL_ID = 'whisper-tiny.en';

export function manifestUrl(): string {
  return new URL('/models/manifest.json', globalThis.location?.href ?? 'http://localhost/').href;
}

export async function fetchManifest(url = manifestUrl()): Promise<ModelManifest> {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`the list of speech models could not be loaded (HTTP ${res.status})`);
  return parseManifest(await res.json());
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Models offered to people. The server decides whether generated test models are among them (INTERQ_TEST_MODELS=1,
 * sync-server/models/manifest-route.ts); a list that has them says `testModels` and the app shows a banner.
 */
export function visibleModels(manifest: ModelManifest): ModelEntry[] {
  return manifest.testModels ? manifest.models : manifest.models.filter((m) => !m.generated);
}

let testModelsOnServer: Promise<boolean | null> | null = null;

/**
 * Whether this server offers generated test models (asked once per page), or null when the list cannot be read (no
 * network): that says nothing either way.
 */
export function serverOffersTestModels(): Promise<boolean | null> {
  testModelsOnServer ??= fetchManifest().then(
    (m) => m.testModels === true,
    () => null,
  );
  return testModelsOnServer;
}

export function defaultModelId(manifest: ModelManifest | null): string {
  return manifest?.defaultModel ?? FALLBACK_MODEL_ID;
}

export function preferredModelId(manifest: ModelManifest | null): string {
  const stored = storage()?.getItem(PREFERRED_KEY);
  if (stored && (!manifest || manifest.models.some((m) => m.id === stored))) return stored;
  return defaultModelId(manifest);
}

export function setPreferredModelId(id: string): void {
  storage()?.setItem(PREFERRED_KEY, id);
}

export async function openModelCache(): Promise<ModelFileCache> {
  try {
    return await CacheStorageModelCache.open();
  } catch {
    return new MemoryModelCache();
  }
}

export interface ModelCacheState {
  modelId: string;
  dtype: AsrDtype;
  files: Array<{ path: string; size: number | null; cachedBytes: number | null }>;
  cachedBytes: number;
  /** Every file of this dtype is stored (and verified where the manifest pins a hash). */
  complete: boolean;
  /** Bytes still to fetch; null when sizes are not pinned and something is missing. */
  bytesToDownload: number | null;
  approxBytes: number;
}

/** Which files of a model are stored, read from the cache entries' headers (the bodies are not read). */
export async function modelCacheState(model: ModelEntry, url = manifestUrl(), cache?: ModelFileCache): Promise<ModelCacheState> {
  const c = cache ?? (await openModelCache());
  const dtype = model.defaultDtype;
  const base = modelBaseUrl(url, model);
  const files: ModelCacheState['files'] = [];
  let cachedBytes = 0;
  let missingKnown = 0;
  let missingUnknown = false;
  for (const f of filesForDtype(model, dtype)) {
    const res = await c.match(new URL(f.path, base).href);
    let stored: number | null = null;
    if (res) {
      const usable = !f.sha256 || (res.headers.get('x-interq-sha256') === f.sha256 && res.headers.get('x-interq-verified') === 'true');
      if (usable) stored = Number(res.headers.get('content-length') ?? 0);
      await res.body?.cancel();
    }
    if (stored === null) {
      if (f.size === null) missingUnknown = true;
      else missingKnown += f.size;
    } else cachedBytes += stored;
    files.push({ path: f.path, size: f.size, cachedBytes: stored });
  }
  const complete = files.every((f) => f.cachedBytes !== null);
  const approx = model.approxBytes?.[dtype] ?? exactBytes(model, dtype) ?? 0;
  return {
    modelId: model.id,
    dtype,
    files,
    cachedBytes,
    complete,
    bytesToDownload: complete ? 0 : missingUnknown ? null : missingKnown,
    approxBytes: approx,
  };
}

export interface SpaceUsed {
  /** Bytes the model cache holds, per model (the speech detector counts as its own entry). */
  models: Array<{ modelId: string; bytes: number }>;
  modelBytes: number;
  origin: StorageEstimate;
}

export async function spaceUsed(cache?: ModelFileCache): Promise<SpaceUsed> {
  const c = cache ?? (await openModelCache());
  const models = (await listCachedModels(c)).map((m) => ({ modelId: m.modelId, bytes: m.bytes }));
  return { models, modelBytes: models.reduce((n, m) => n + m.bytes, 0), origin: await estimateStorage() };
}

export async function removeModel(modelId: string, cache?: ModelFileCache): Promise<number> {
  return removeCachedModel(cache ?? (await openModelCache()), modelId);
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return 'unknown size';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Whether this server has a model's files: a HEAD request for its first file, before any worker starts. */
export async function serverHasModelFiles(model: ModelEntry, url = manifestUrl()): Promise<boolean> {
  // The last file of the default dtype (weights): a server still fetching the model has its small files first.
  const files = filesForDtype(model, model.defaultDtype);
  const first = new URL(`${model.path}/${(files[files.length - 1] ?? model.files[0]!).path}`, url).href;
  try {
    const res = await fetch(first, { method: 'HEAD', cache: 'no-store' });
    return res.status !== 404;
  } catch {
    // Offline: nothing can be fetched now anyway; the cache state decides.
    return true;
  }
}
