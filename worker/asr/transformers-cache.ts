/**
 * Lets transformers.js read model files from our model cache and nowhere else. The model store has already fetched
 * and verified every file; transformers.js only opens them. It asks for a file under two spellings (the local path and
 * a hub-style URL built from the model "id", which for us is the model's folder URL), so both are mapped back to the
 * one key the store used. put() is refused on purpose: nothing unverified may enter the cache through this door.
 */
import type { ModelFileCache } from './model-cache';

export interface TransformersCustomCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
}

export function createTransformersCache(cache: ModelFileCache, remoteHost: string): TransformersCustomCache {
  const normalise = (key: string): string => {
    if (key.startsWith(remoteHost)) {
      // "<remoteHost><modelFolderUrl>/resolve/<revision>/<file>" -> "<modelFolderUrl>/<file>"
      const rest = key.slice(remoteHost.length);
      const m = /^(.*)\/resolve\/[^/]+\/(.+)$/.exec(rest);
      if (m) return `${m[1]}/${m[2]}`;
    }
    return key;
  };
  return {
    async match(key: string) {
      const url = normalise(key);
      if (!/^https?:\/\//.test(url)) return undefined;
      return cache.match(url);
    },
    async put() {
      // Intentionally a no-op (see above).
    },
  };
}
