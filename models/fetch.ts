/**
 * npm run models:fetch — downloads the real Whisper weights listed in models/manifest.json into models/<path>/, so
 * the sync server can serve them from the app's own origin. For people with internet access; nothing else needs it.
 *
 *   npm run models:fetch                          default model (whisper-tiny.en), default dtype (q8)
 *   npm run models:fetch -- --model whisper-base.en --dtype all
 *   npm run models:fetch -- --all --pin           every model and dtype; write sizes and hashes into the manifest
 *
 * Every file is checked before it is kept: against the size and SHA-256 pinned in the manifest when there are some,
 * otherwise against what the Hugging Face hub reports for that revision (LFS SHA-256 for weights, git blob SHA-1 for
 * small files). Downloads go to "<file>.part" and resume with a Range request after an interruption. HF_TOKEN is sent
 * when set; HF_ENDPOINT points at a mirror.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { filesForDtype, parseManifest, ASR_DTYPES, type AsrDtype, type ModelEntry, type ModelFileEntry } from '../worker/asr/model-manifest';

export interface FetchOptions {
  manifestPath: string;
  /** Where model folders go (default: the manifest's folder). */
  modelsDir?: string;
  models: string[] | 'default' | 'all';
  dtypes: AsrDtype[] | 'default' | 'all';
  pin: boolean;
  endpoint?: string;
  token?: string;
  log?: (line: string) => void;
  /** Attempts per file when the connection drops. */
  attempts?: number;
  /** Called once per model before its files are checked: the bytes all its chosen files take (progress reports). */
  onPlan?: (modelId: string, totalBytes: number) => void;
  /** Called as bytes of a file arrive (received so far of that file; a resumed file starts at what it had). */
  onBytes?: (label: string, received: number, expected: number) => void;
  /** Called when a file is in place and verified, or found already there. */
  onFileDone?: (label: string, bytes: number) => void;
}

export interface FetchReport {
  downloaded: string[];
  alreadyPresent: string[];
  pinned: string[];
}

interface HubEntry {
  path: string;
  size: number;
  /** Git blob SHA-1 of the file (or of the LFS pointer for LFS files). */
  oid: string;
  lfs?: { oid: string; size: number };
}

export class FetchError extends Error {
  override name = 'FetchError';
}

/** The model host could not be reached at all (no route, DNS, refused): nothing a retry here will fix. */
export class UnreachableError extends FetchError {
  override name = 'UnreachableError';
}

/** Undici's "fetch failed" wraps the socket error in `cause`. */
function isConnectionFailure(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } })?.cause?.code ?? (err as { code?: string })?.code;
  return ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'].includes(code ?? '');
}

export async function fetchModels(opts: FetchOptions): Promise<FetchReport> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const endpoint = (opts.endpoint ?? process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/$/, '');
  const token = opts.token ?? process.env.HF_TOKEN;
  const raw = JSON.parse(fs.readFileSync(opts.manifestPath, 'utf8')) as { models: (ModelEntry & Record<string, unknown>)[] } & Record<string, unknown>;
  const manifest = parseManifest(raw);
  const modelsDir = opts.modelsDir ?? path.dirname(opts.manifestPath);
  const report: FetchReport = { downloaded: [], alreadyPresent: [], pinned: [] };

  const chosen =
    opts.models === 'all'
      ? manifest.models.filter((m) => m.hub)
      : (opts.models === 'default' ? [manifest.defaultModel ?? manifest.models[0]!.id] : opts.models).map((id) => {
          const m = manifest.models.find((x) => x.id === id);
          if (!m) throw new FetchError(`no model "${id}" in ${opts.manifestPath}`);
          return m;
        });

  for (const model of chosen) {
    if (!model.hub) throw new FetchError(`model "${model.id}" is generated locally (no hub source); use npm run models:generate`);
    const dtypes = opts.dtypes === 'all' ? model.dtypes : opts.dtypes === 'default' ? [model.defaultDtype] : opts.dtypes;
    const files = new Map<string, ModelFileEntry>();
    for (const dtype of dtypes) for (const f of filesForDtype(model, dtype)) files.set(f.path, f);
    const needsHubListing = [...files.values()].some((f) => f.size === null || f.sha256 === null);
    const listing = needsHubListing ? await hubListing(endpoint, model, token) : null;

    const planned = [...files.values()].map((file) => ({ file, label: `${model.id}/${file.path}`, expected: expectation(file, listing, `${model.id}/${file.path}`) }));
    opts.onPlan?.(model.id, planned.reduce((sum, p) => sum + p.expected.size, 0));
    for (const { file, label, expected } of planned) {
      const target = path.join(modelsDir, model.path, file.path);
      if (fs.existsSync(target) && (await matches(target, expected))) {
        report.alreadyPresent.push(label);
        log(`ok        ${label}`);
      } else {
        const url = `${endpoint}/${model.hub.repo}/resolve/${encodeURIComponent(model.hub.revision)}/${file.path}`;
        const onBytes = opts.onBytes ? (received: number) => opts.onBytes!(label, received, expected.size) : undefined;
        await download(url, target, expected, token, opts.attempts ?? 4, (line) => log(`${line.padEnd(9)} ${label}`), onBytes);
        report.downloaded.push(label);
      }
      opts.onFileDone?.(label, expected.size);
      if (opts.pin && (file.size === null || file.sha256 === null)) {
        const entry = raw.models.find((m) => m.id === model.id)!.files.find((f) => f.path === file.path)!;
        entry.size = fs.statSync(target).size;
        entry.sha256 = await sha256File(target);
        report.pinned.push(label);
      }
    }
  }
  if (report.pinned.length) {
    fs.writeFileSync(opts.manifestPath, JSON.stringify(raw, null, 2) + '\n');
    log(`pinned sizes and SHA-256 of ${report.pinned.length} file(s) in ${opts.manifestPath}`);
  }
  return report;
}

interface Expectation {
  size: number;
  sha256?: string;
  gitSha1?: string;
}

function expectation(file: ModelFileEntry, listing: Map<string, HubEntry> | null, label: string): Expectation {
  if (file.size !== null && file.sha256 !== null) return { size: file.size, sha256: file.sha256 };
  const hub = listing?.get(file.path);
  if (!hub) throw new FetchError(`${label}: not pinned in the manifest and not listed by the hub; cannot verify it`);
  if (hub.lfs) return { size: hub.lfs.size, sha256: hub.lfs.oid };
  return { size: hub.size, gitSha1: hub.oid };
}

async function hubListing(endpoint: string, model: ModelEntry, token: string | undefined): Promise<Map<string, HubEntry>> {
  const url = `${endpoint}/api/models/${model.hub!.repo}/tree/${encodeURIComponent(model.hub!.revision)}?recursive=true`;
  const res = await fetch(url, { headers: authHeaders(token) }).catch((err: unknown) => {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new UnreachableError(`could not reach ${endpoint} (${cause ?? String(err)}); models:fetch needs internet access`);
  });
  if (!res.ok) throw new FetchError(`${url}: HTTP ${res.status}`);
  const entries = (await res.json()) as (HubEntry & { type?: string })[];
  return new Map(entries.filter((e) => e.type !== 'directory').map((e) => [e.path, e]));
}

function authHeaders(token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function gitBlobSha1(file: string): Promise<string> {
  const hash = createHash('sha1');
  hash.update(`blob ${fs.statSync(file).size}\0`);
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function matches(file: string, expected: Expectation): Promise<boolean> {
  if (fs.statSync(file).size !== expected.size) return false;
  if (expected.sha256) return (await sha256File(file)) === expected.sha256;
  if (expected.gitSha1) return (await gitBlobSha1(file)) === expected.gitSha1;
  return false;
}

async function download(
  url: string,
  target: string,
  expected: Expectation,
  token: string | undefined,
  attempts: number,
  log: (line: string) => void,
  onBytes?: (received: number) => void,
): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const part = `${target}.part`;
  for (let attempt = 1; ; attempt++) {
    const have = fs.existsSync(part) ? fs.statSync(part).size : 0;
    try {
      if (have < expected.size) {
        const headers: Record<string, string> = { ...authHeaders(token) };
        if (have > 0) headers.Range = `bytes=${have}-`;
        const res = await fetch(url, { headers, redirect: 'follow' });
        if (res.status !== 200 && res.status !== 206) {
          await res.body?.cancel();
          throw new FetchError(`${url}: HTTP ${res.status}`);
        }
        // 206 continues the partial file; 200 (a server ignoring Range) starts it over.
        const append = res.status === 206;
        const out = fs.createWriteStream(part, { flags: append ? 'a' : 'w' });
        let received = append ? have : 0;
        let lastReport = 0;
        try {
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
            received += chunk.length;
            onBytes?.(received);
            if (Date.now() - lastReport > 1000) {
              lastReport = Date.now();
              log(`${Math.floor((received / expected.size) * 100)}%`);
            }
          }
        } finally {
          await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
        }
      }
      if (!(await matches(part, expected))) {
        fs.rmSync(part, { force: true });
        throw new FetchError(`${url}: the download does not match the expected size and hash; it was deleted`);
      }
      fs.renameSync(part, target);
      log('verified');
      return;
    } catch (err) {
      if (err instanceof FetchError) throw err;
      if (attempt >= attempts) {
        if (isConnectionFailure(err)) {
          const cause = (err as { cause?: { code?: string } }).cause?.code;
          throw new UnreachableError(`could not reach ${new URL(url).origin} (${cause ?? String(err)}); models:fetch needs internet access`);
        }
        throw new FetchError(`${url}: ${String(err)}`);
      }
      log(`retrying`);
    }
  }
}

function parseCli(argv: string[]): FetchOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dtype = value('dtype');
  if (dtype && dtype !== 'all' && !ASR_DTYPES.includes(dtype as AsrDtype)) throw new FetchError(`--dtype must be one of ${ASR_DTYPES.join(', ')} or all`);
  const modelsDir = value('models-dir');
  const endpoint = value('endpoint');
  return {
    manifestPath: value('manifest') ?? path.join(here, 'manifest.json'),
    ...(modelsDir ? { modelsDir } : {}),
    ...(endpoint ? { endpoint } : {}),
    models: argv.includes('--all') ? 'all' : value('model') ? [value('model')!] : 'default',
    dtypes: argv.includes('--all') || dtype === 'all' ? 'all' : dtype ? [dtype as AsrDtype] : 'default',
    pin: argv.includes('--pin'),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  fetchModels(parseCli(process.argv.slice(2)))
    .then((r) => console.log(`done: ${r.downloaded.length} downloaded, ${r.alreadyPresent.length} already present`))
    .catch((err: unknown) => {
      console.error(`models:fetch failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
