/**
 * Storing model files when the device's storage refuses them: a full disk is told apart from other storage
 * failures, so the model panel can say "not enough storage space" only when that is true.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureModelFiles } from '../../worker/asr/model-store';
import { MemoryModelCache } from '../../worker/asr/model-cache';
import { findModel, parseManifest } from '../../worker/asr/model-manifest';
import { REPO_ROOT } from '../support/server-process';

const manifest = parseManifest(JSON.parse(readFileSync(path.join(REPO_ROOT, 'models/manifest.json'), 'utf8')));
const model = findModel(manifest, 'whisper-test-tiny');
const BASE = 'http://app.test/models/fixtures/whisper-test-tiny/';

/** Serves the committed fixture's real files, as the sync server would. */
const serveFixture: typeof fetch = async (input) => {
  const url = new URL(String(input instanceof Request ? input.url : input));
  const file = path.join(REPO_ROOT, 'models/fixtures/whisper-test-tiny', decodeURIComponent(url.pathname.slice(new URL(BASE).pathname.length)));
  const bytes = readFileSync(file);
  return new Response(bytes, { status: 200, headers: { 'content-length': String(bytes.length) } });
};

class RefusingCache extends MemoryModelCache {
  constructor(private readonly error: unknown) {
    super();
  }
  override async put(): Promise<void> {
    throw this.error;
  }
}

const ensure = (cache: MemoryModelCache) => ensureModelFiles({ model, dtype: 'q8', baseUrl: BASE, allowHub: false, cache, fetch: serveFixture });

describe('storing model files', () => {
  it('stores every file of the fixture when storage accepts them', async () => {
    const cache = new MemoryModelCache();
    const result = await ensure(cache);
    expect(result.unverifiedFiles).toEqual([]);
    expect((await cache.keys()).length).toBe(Object.keys(result.urls).length);
  });

  it('reports a full disk as storage-full, retryable', async () => {
    await expect(ensure(new RefusingCache(new DOMException('The quota has been exceeded.', 'QuotaExceededError')))).rejects.toMatchObject({
      code: 'storage-full',
      retryable: true,
      message: expect.stringMatching(/not enough storage space/),
    });
  });

  it('reports any other storage failure as what it is, not as a full disk', async () => {
    const err = await ensure(new RefusingCache(new TypeError('Failed to execute put on Cache'))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'internal', retryable: true });
    expect((err as Error).message).toContain('could not be stored on this device (Failed to execute put on Cache)');
    expect((err as Error).message).not.toMatch(/storage space/);
  });
});
