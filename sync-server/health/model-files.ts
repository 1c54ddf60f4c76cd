/**
 * The speech model files the server offers under /models/: which of the manifest's files are present, and their
 * SHA-256 against the manifest's pinned one. Hashing reads every byte, so it runs in the background with a stream,
 * once per file version (size + modification time), never inside a /healthz request.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseManifest, type ModelManifest } from '../../worker/asr/model-manifest';
import type { HealthCheck } from './check';

interface FileReport {
  path: string;
  present: boolean;
  bytes: number | null;
  sha256: string | null;
  expectedSha256: string | null;
  /** null while unhashed or when the manifest pins no hash. */
  matches: boolean | null;
}

interface ModelReport {
  id: string;
  default: boolean;
  files: FileReport[];
}

export interface ModelFiles {
  check(): HealthCheck;
  /** Stats every file and hashes new or changed ones; resolves when done. */
  refresh(): Promise<void>;
  stop(): void;
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export function watchModelFiles(modelsDir: string, intervalMs: number): ModelFiles {
  let manifest: ModelManifest | null = null;
  let manifestError: string | null = null;
  const hashes = new Map<string, { version: string; sha256: string }>();
  let reports: ModelReport[] = [];
  let running: Promise<void> | null = null;

  const refresh = () => {
    running ??= (async () => {
      // The manifest is published together with its file reports, never before: a check between the two would
      // report a read manifest with no files in it as fine.
      let read: ModelManifest;
      try {
        read = parseManifest(JSON.parse(await fs.promises.readFile(path.join(modelsDir, 'manifest.json'), 'utf8')));
      } catch (err) {
        manifest = null;
        manifestError = (err as Error).message;
        reports = [];
        return;
      }
      const next: ModelReport[] = [];
      for (const model of read.models) {
        const files: FileReport[] = [];
        for (const f of model.files) {
          const full = path.join(modelsDir, model.path, f.path);
          let stat: fs.Stats | null = null;
          try {
            stat = await fs.promises.stat(full);
          } catch {
            stat = null;
          }
          if (!stat?.isFile()) {
            files.push({ path: f.path, present: false, bytes: null, sha256: null, expectedSha256: f.sha256, matches: null });
            continue;
          }
          const version = `${stat.size}:${stat.mtimeMs}`;
          let known = hashes.get(full);
          if (known?.version !== version) {
            try {
              known = { version, sha256: await hashFile(full) };
              hashes.set(full, known);
            } catch {
              known = undefined;
            }
          }
          const sha256 = known?.sha256 ?? null;
          files.push({ path: f.path, present: true, bytes: stat.size, sha256, expectedSha256: f.sha256, matches: sha256 && f.sha256 ? sha256 === f.sha256 : null });
        }
        next.push({ id: model.id, default: model.id === read.defaultModel, files });
      }
      manifest = read;
      manifestError = null;
      reports = next;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  void refresh();
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();

  return {
    refresh,
    stop: () => clearInterval(timer),
    check(): HealthCheck {
      if (manifestError) return { state: 'warn', message: `The model manifest cannot be read: ${manifestError}`, models: [] };
      if (!manifest) return { state: 'pending', message: 'Reading the model files.', models: [] };
      const def = reports.find((m) => m.default) ?? reports[0];
      const missing = def ? def.files.filter((f) => !f.present).length : 0;
      const mismatched = reports.flatMap((m) => m.files.filter((f) => f.matches === false).map((f) => `${m.id}/${f.path}`));
      let state: HealthCheck['state'] = 'ok';
      let message: string | null = null;
      if (mismatched.length) {
        state = 'warn';
        message = `Model files differ from the manifest's hash: ${mismatched.slice(0, 3).join(', ')}${mismatched.length > 3 ? '…' : ''}. Run npm run models:fetch again.`;
      } else if (def && missing) {
        state = 'warn';
        message = `No speech model on the server (${missing} of ${def.files.length} files of ${def.id} missing): staff devices cannot transcribe. Run npm run models:fetch.`;
      }
      return { state, message, defaultModel: def?.id ?? null, models: reports };
    },
  };
}
