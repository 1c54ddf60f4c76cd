/**
 * Speech transcription out of the box: on start, when the default model's files are not all in MODELS_DIR, the
 * server fetches them in the background with the same hash-checked, resumable fetcher as `npm run models:fetch`
 * (models/fetch.ts), so spoken answers get transcripts without a step nobody knew about. Progress goes to the log
 * (every tenth) and to /healthz (`checks.modelFetch`); where the model host cannot be reached the log says so in
 * one line with what to run. INTERQ_MODEL_AUTOFETCH=0 turns it off (air-gapped servers, tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fetchModels, UnreachableError } from '../../models/fetch';
import { filesForDtype, parseManifest } from '../../worker/asr/model-manifest';
import type { HealthCheck } from '../health/check';
import type { Logger } from '../log';
import { ConfigError } from '../config';

export interface ModelAutoFetchOptions {
  modelsDir: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Called once the model is complete (the health's model-file check hashes it again). */
  onDone?: () => void;
}

export type ModelFetchState =
  | { state: 'off' }
  | { state: 'present'; model: string }
  | { state: 'fetching'; model: string; receivedBytes: number; totalBytes: number | null }
  | { state: 'done'; model: string; downloadedFiles: number }
  | { state: 'failed'; model: string; reason: string; unreachable: boolean };

export interface ModelAutoFetch {
  status(): ModelFetchState;
  check(): HealthCheck;
  /** Resolves when the background fetch has ended (immediately when there was nothing to do). */
  settled: Promise<void>;
}

/** INTERQ_MODEL_AUTOFETCH: on unless 0/off/false/no. */
export function autoFetchEnabled(env: NodeJS.ProcessEnv): boolean {
  const raw = env.INTERQ_MODEL_AUTOFETCH?.trim().toLowerCase();
  if (raw === undefined || raw === '' || ['1', 'on', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'off', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`INTERQ_MODEL_AUTOFETCH=${env.INTERQ_MODEL_AUTOFETCH} is not valid: use 1 (fetch the speech model on start when it is missing) or 0 (never).`);
}

const MB = (n: number) => (n / 1e6).toFixed(1);

export function startModelAutoFetch(opts: ModelAutoFetchOptions): ModelAutoFetch {
  const { log, modelsDir } = opts;
  let current: ModelFetchState = { state: 'off' };
  const done = (settled: Promise<void>): ModelAutoFetch => ({ status: () => current, check: () => checkOf(current), settled });
  if (!autoFetchEnabled(opts.env)) return done(Promise.resolve());

  const manifestPath = path.join(modelsDir, 'manifest.json');
  let modelId: string;
  try {
    const manifest = parseManifest(JSON.parse(fs.readFileSync(manifestPath, 'utf8')));
    const model = manifest.models.find((m) => m.id === manifest.defaultModel) ?? manifest.models[0];
    if (!model?.hub) return done(Promise.resolve());
    modelId = model.id;
    const missing = filesForDtype(model, model.defaultDtype).filter((f) => !fs.existsSync(path.join(modelsDir, model.path, f.path)));
    if (missing.length === 0) {
      current = { state: 'present', model: model.id };
      return done(Promise.resolve());
    }
    log('info', `Speech model ${model.id} is not on this server yet: fetching it in the background (${missing.length} files; progress on /healthz)`);
  } catch (err) {
    log('warn', `Speech model: the model list ${manifestPath} cannot be read, so no model is fetched (${(err as Error).message})`);
    return done(Promise.resolve());
  }

  current = { state: 'fetching', model: modelId, receivedBytes: 0, totalBytes: null };
  let doneBytes = 0;
  let lastTenth = -1;
  const report = (received: number) => {
    if (current.state !== 'fetching') return;
    current = { ...current, receivedBytes: received };
    if (!current.totalBytes) return;
    const tenth = Math.floor((received / current.totalBytes) * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      log('info', `Speech model ${modelId}: ${tenth * 10}% (${MB(received)} of ${MB(current.totalBytes)} MB)`);
    }
  };
  const endpoint = opts.env.HF_ENDPOINT;
  const token = opts.env.HF_TOKEN;
  const settled = fetchModels({
    manifestPath,
    modelsDir,
    models: [modelId],
    dtypes: 'default',
    pin: false,
    ...(endpoint ? { endpoint } : {}),
    ...(token ? { token } : {}),
    log: () => undefined,
    onPlan: (_id, total) => {
      if (current.state === 'fetching') current = { ...current, totalBytes: total };
    },
    onBytes: (_label, received) => report(doneBytes + received),
    onFileDone: (_label, bytes) => {
      doneBytes += bytes;
      report(doneBytes);
    },
  }).then(
    (r) => {
      current = { state: 'done', model: modelId, downloadedFiles: r.downloaded.length };
      log('info', `Speech model ${modelId} is installed and verified (${r.downloaded.length} files fetched): spoken answers are transcribed`);
      opts.onDone?.();
    },
    (err: unknown) => {
      const unreachable = err instanceof UnreachableError;
      const reason = err instanceof Error ? err.message : String(err);
      current = { state: 'failed', model: modelId, reason, unreachable };
      const where = endpoint ?? 'https://huggingface.co';
      log(
        'warn',
        unreachable
          ? `Speech model: ${where} cannot be reached from this server, so spoken answers are not transcribed until ${modelId} is in ${modelsDir}: run npm run models:fetch where there is internet access and copy models/${modelId} here (INTERQ_MODEL_AUTOFETCH=0 stops this attempt)`
          : `Speech model ${modelId} could not be fetched (${reason}); it is tried again at the next start, or run npm run models:fetch`,
      );
    },
  );
  return done(settled);
}

function checkOf(s: ModelFetchState): HealthCheck {
  switch (s.state) {
    case 'off':
      return { state: 'off', message: null };
    case 'present':
      return { state: 'ok', message: null, model: s.model };
    case 'fetching':
      return {
        state: 'pending',
        message: `Fetching the speech model ${s.model}${s.totalBytes ? `: ${Math.floor((s.receivedBytes / s.totalBytes) * 100)}%` : ''}.`,
        model: s.model,
        receivedBytes: s.receivedBytes,
        totalBytes: s.totalBytes,
      };
    case 'done':
      return { state: 'ok', message: null, model: s.model, downloadedFiles: s.downloadedFiles };
    case 'failed':
      return {
        state: 'warn',
        message: s.unreachable
          ? `The speech model host cannot be reached: spoken answers are not transcribed until ${s.model} is installed (npm run models:fetch where there is internet access).`
          : `The speech model ${s.model} could not be fetched: ${s.reason}`,
        model: s.model,
        unreachable: s.unreachable,
      };
  }
}
