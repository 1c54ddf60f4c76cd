/**
 * GET /models/manifest.json: the model list as this server offers it. Generated random-weight test models
 * (`generated` in models/manifest.json) are left out unless INTERQ_TEST_MODELS=1, a developer's setting; then the
 * list says `testModels: true` and every screen shows "Test model: transcripts are meaningless", so nobody takes
 * their output for a transcript. Read per request: the file is small and `models:fetch --pin` may rewrite it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from '../config';

export const MANIFEST_PATH = '/models/manifest.json';

/** INTERQ_TEST_MODELS: off unless 1. */
export function testModelsEnabled(env: NodeJS.ProcessEnv): boolean {
  const raw = env.INTERQ_TEST_MODELS?.trim();
  if (raw === undefined || raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new ConfigError(`INTERQ_TEST_MODELS=${raw} is not valid: use 1 (offer the generated test models, with a banner saying their transcripts are meaningless) or 0.`);
}

/**
 * Set on the app's HTML while this server offers the test models, so the page's first render shows their banner
 * (src/app/components/ai/test-models-cookie.ts reads it; the page forgets it when the model list says otherwise).
 */
export const TEST_MODELS_COOKIE = 'interq-test-models';

export function testModelsHtmlHeaders(relPath: string, testModels: boolean): Record<string, string> {
  return testModels && relPath === 'index.html' ? { 'Set-Cookie': `${TEST_MODELS_COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Strict` } : {};
}

/** Answers the manifest request; false when the request is something else. */
export function serveModelManifest(req: IncomingMessage, res: ServerResponse, modelsDir: string, testModels: boolean): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (new URL(req.url ?? '/', 'http://x').pathname !== MANIFEST_PATH) return false;
  let manifest: { models?: Array<{ generated?: unknown }> } & Record<string, unknown>;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(modelsDir, 'manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('No model list on this server');
    return true;
  }
  const models = (manifest.models ?? []).filter((m) => testModels || !m.generated);
  const body = JSON.stringify({ ...manifest, models, testModels });
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
