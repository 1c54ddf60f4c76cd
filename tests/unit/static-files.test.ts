import { describe, expect, it } from 'vitest';
import { appCacheControl, parseRange } from '../../sync-server/http/static-files';

describe('byte ranges', () => {
  it('parses the single-range forms resumable downloads use', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual([0, 9]);
    expect(parseRange('bytes=90-', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=-10', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=50-500', 100)).toEqual([50, 99]);
  });
  it('refuses unsatisfiable and malformed ranges', () => {
    for (const h of ['bytes=100-', 'bytes=9-1', 'bytes=-0', 'bytes=-', 'items=0-1', 'bytes=0-1,5-6']) {
      expect(parseRange(h, 100)).toBe('invalid');
    }
  });
});

describe('cache policy', () => {
  it('caches hashed assets forever and never the HTML or the service worker', () => {
    expect(appCacheControl('assets/index-abc.js')).toContain('immutable');
    expect(appCacheControl('index.html')).toBe('no-cache');
    expect(appCacheControl('sw.js')).toBe('no-cache');
    expect(appCacheControl('manifest.webmanifest')).toBe('no-cache');
  });
});
