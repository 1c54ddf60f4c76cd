/**
 * The "Speech model" panel: choose a model from the manifest, download it into the model cache with progress per
 * file and overall, see the space it takes (the cache's own byte count and the origin's storage estimate), remove
 * it. Staff download ahead of time so their device can transcribe queued answers; a guest sees it only as an opt-in.
 *
 * The download runs in the ASR worker (it verifies sizes and SHA-256 before anything is stored); the worker is
 * started only when Download is pressed, and stopped again once the model is stored.
 */
import './ai.css';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AsrClient } from '../../../../worker/asr/client';
import { filesForDtype, type ModelEntry, type ModelManifest } from '../../../../worker/asr/model-manifest';
import type { FileProgress } from '../../../../worker/asr/protocol';
import { describeModelFailure, NOT_INSTALLED_MESSAGE, type ModelFailure } from '../../../speech-model/asr-failure';
import {
  fetchManifest,
  formatBytes,
  manifestUrl,
  modelCacheState,
  preferredModelId,
  removeModel,
  serverHasModelFiles,
  setPreferredModelId,
  spaceUsed,
  visibleModels,
  type ModelCacheState,
  type SpaceUsed,
} from '../../../speech-model/model-library';

type Phase = 'checking' | 'not-downloaded' | 'downloading' | 'ready' | 'failed';

interface FileBar {
  file: string;
  loaded: number;
  total: number | null;
  phase: FileProgress['phase'];
}

export interface ModelManagerProps {
  /** Guests get a short opt-in (no model choice, plainer words). */
  variant?: 'staff' | 'guest';
  /** Called when the chosen model is stored (e.g. to re-run placement). */
  onReady?: (modelId: string) => void;
  /** A fixed model (the one the host's policy names for the guest); otherwise this device's preference. */
  modelId?: string;
  /** The panel's heading level, so it continues the outline of the page it sits in (a section of a panel by default). */
  headingLevel?: 2 | 3;
}

const PHASE_LABEL: Record<Phase, string> = {
  checking: 'Checking this device…',
  'not-downloaded': 'Not downloaded',
  downloading: 'Downloading…',
  ready: 'Ready on this device',
  failed: 'Download failed',
};

export function ModelManager({ variant = 'staff', onReady, modelId: fixedModelId, headingLevel = 3 }: ModelManagerProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = useId();
  const selectId = useId();
  const [manifest, setManifest] = useState<ModelManifest | null>(null);
  const [manifestError, setManifestError] = useState<string | null>(null);
  const [modelId, setModelId] = useState<string | null>(null);
  const [cache, setCache] = useState<ModelCacheState | null>(null);
  const [space, setSpace] = useState<SpaceUsed | null>(null);
  const [phase, setPhase] = useState<Phase>('checking');
  const [bars, setBars] = useState<Record<string, FileBar>>({});
  const [failure, setFailure] = useState<ModelFailure | null>(null);
  const [installed, setInstalled] = useState<boolean | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const client = useRef<AsrClient | null>(null);

  const url = useMemo(() => manifestUrl(), []);
  const models = manifest ? visibleModels(manifest) : [];
  const model: ModelEntry | null = manifest && modelId ? (manifest.models.find((m) => m.id === modelId) ?? null) : null;

  useEffect(() => {
    let alive = true;
    fetchManifest(url).then(
      (m) => {
        if (!alive) return;
        setManifest(m);
        const preferred = fixedModelId && m.models.some((v) => v.id === fixedModelId) ? fixedModelId : preferredModelId(m);
        setModelId(visibleModels(m).some((v) => v.id === preferred) || m.models.some((v) => v.id === preferred) ? preferred : (visibleModels(m)[0]?.id ?? null));
      },
      (err: unknown) => alive && setManifestError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      alive = false;
      void client.current?.dispose();
    };
  }, [url, fixedModelId]);

  const refresh = useCallback(async () => {
    if (!model) return;
    const [state, used] = await Promise.all([modelCacheState(model, url), spaceUsed()]);
    setCache(state);
    setSpace(used);
    setPhase((p) => (p === 'downloading' || p === 'failed' ? p : state.complete ? 'ready' : 'not-downloaded'));
  }, [model, url]);

  useEffect(() => {
    if (!model) return;
    setPhase('checking');
    setFailure(null);
    setBars({});
    setInstalled(null);
    void refresh();
    let alive = true;
    void serverHasModelFiles(model, url).then((has) => alive && setInstalled(has));
    return () => {
      alive = false;
    };
  }, [model, url, refresh]);

  const download = async () => {
    if (!model) return;
    setPhase('downloading');
    setFailure(null);
    setMessage(null);
    const initial: Record<string, FileBar> = {};
    for (const f of filesForDtype(model, model.defaultDtype)) initial[f.path] = { file: f.path, loaded: 0, total: f.size, phase: 'manifest' };
    setBars(initial);
    try {
      const { createAsrClient } = await import('../../../../worker/asr/create-client');
      client.current ??= createAsrClient();
      await client.current.load({ modelId: model.id, manifestUrl: url, dtype: model.defaultDtype }, (p) => {
        if (p.phase === 'manifest' || p.phase === 'init') return;
        setBars((prev) => ({ ...prev, [p.file]: { file: p.file, loaded: p.loaded, total: p.total ?? prev[p.file]?.total ?? null, phase: p.phase } }));
      });
      setPhase('ready');
      setMessage(`${model.label} is stored on this device and works offline.`);
      onReady?.(model.id);
    } catch (err) {
      const f = describeModelFailure(err);
      setFailure(f);
      if (f.kind === 'not-installed') setInstalled(false);
      setPhase('failed');
    } finally {
      // The model is stored; the worker (and its memory) is not needed until something is transcribed.
      await client.current?.dispose();
      await refresh();
    }
  };

  const remove = async () => {
    if (!model) return;
    const freed = await removeModel(model.id);
    setBars({});
    setFailure(null);
    setPhase('not-downloaded');
    setMessage(`Removed ${model.label}: ${formatBytes(freed)} freed.`);
    await refresh();
  };

  const choose = (id: string) => {
    setPreferredModelId(id);
    setModelId(id);
    setMessage(null);
  };

  const barList = Object.values(bars);
  const overallTotal = barList.reduce((n, b) => n + (b.total ?? 0), 0);
  const overallLoaded = barList.reduce((n, b) => n + Math.min(b.loaded, b.total ?? b.loaded), 0);
  const modelBytes = cache?.cachedBytes ?? 0;
  const expected = cache ? (cache.complete ? cache.cachedBytes : (cache.bytesToDownload ?? cache.approxBytes) + cache.cachedBytes) : null;

  return (
    <section className="model-manager" aria-labelledby={headingId} data-testid="model-manager" data-model-phase={phase} data-model-id={modelId ?? ''}>
      <Heading id={headingId}>{variant === 'guest' ? 'Transcribe on this device (optional)' : 'Speech model'}</Heading>
      {variant === 'guest' ? (
        <p className="hint">
          Your answers can be transcribed on this device instead of by the interviewer. This downloads {formatBytes(expected)} once; you can remove it
          afterwards.
        </p>
      ) : (
        <p className="hint">Download ahead of time so this device can transcribe answers offline. Files are kept in this browser's storage, not in the app itself.</p>
      )}
      {manifestError && (
        <p className="error" role="alert">
          The list of speech models could not be loaded: {manifestError}
        </p>
      )}
      {variant === 'staff' && models.length > 0 && (
        <p>
          <label htmlFor={selectId}>Model</label>{' '}
          <select id={selectId} value={modelId ?? ''} onChange={(e) => choose(e.target.value)} disabled={phase === 'downloading'}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
                {m.id === manifest?.defaultModel ? ' (default)' : ''}
              </option>
            ))}
          </select>
        </p>
      )}
      {model && (
        <>
          <p role="status" aria-live="polite" data-testid="model-status">
            <strong>{PHASE_LABEL[phase]}</strong>
            {phase === 'not-downloaded' && <> · about {formatBytes(expected)} to download</>}
            {phase === 'ready' && <> · {formatBytes(modelBytes)}</>}
          </p>
          {installed === false && (
            <p className="notice" role="alert" data-testid="model-not-installed">
              {NOT_INSTALLED_MESSAGE}
              {failure?.missingFile ? ` (missing: ${failure.missingFile})` : ''}.
            </p>
          )}
          {failure && failure.kind !== 'not-installed' && (
            <p className="error" role="alert" data-testid="model-failure" data-failure-kind={failure.kind}>
              {failure.message}
            </p>
          )}
          {/* Kept after the download ends, so the last figures (verified, already stored) stay readable. */}
          {barList.length > 0 && (phase === 'downloading' || phase === 'ready' || phase === 'failed') && (
            <div className="model-progress" data-testid="model-progress">
              <label>
                Overall{' '}
                <progress data-testid="model-progress-overall" max={overallTotal || 1} value={overallLoaded} aria-valuetext={`${formatBytes(overallLoaded)} of ${formatBytes(overallTotal)}`} />{' '}
                <span className="muted">
                  {formatBytes(overallLoaded)} of {formatBytes(overallTotal)}
                </span>
              </label>
              {variant === 'staff' && (
                <ul className="model-files">
                  {barList.map((b) => (
                    <li key={b.file}>
                      <label>
                        <span className="model-file-name">{b.file}</span>{' '}
                        <progress data-testid="model-progress-file" data-file={b.file} max={b.total ?? 1} value={b.total === null ? undefined : Math.min(b.loaded, b.total)} />{' '}
                        <span className="muted">{b.phase === 'cached' ? 'already stored' : b.phase === 'verify' ? 'checking…' : b.phase === 'done' ? 'verified' : formatBytes(b.loaded)}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="model-actions">
            {phase !== 'ready' && (
              <button type="button" onClick={() => void download()} disabled={phase === 'downloading' || phase === 'checking'}>
                {phase === 'failed' ? 'Retry download' : variant === 'guest' ? 'Download speech model' : 'Download'}
              </button>
            )}
            {(phase === 'ready' || modelBytes > 0) && (
              <button type="button" className="secondary" onClick={() => void remove()} disabled={phase === 'downloading'}>
                Remove
              </button>
            )}
          </div>
          {message && (
            <p className="muted" role="status" data-testid="model-message">
              {message}
            </p>
          )}
        </>
      )}
      {space && (
        <p className="muted" data-testid="model-space" data-model-bytes={space.modelBytes} data-origin-bytes={space.origin.usageBytes ?? ''}>
          Speech models on this device: {formatBytes(space.modelBytes)}
          {space.origin.usageBytes !== null && (
            <>
              {' '}
              · this site uses {formatBytes(space.origin.usageBytes)}
              {space.origin.quotaBytes !== null && <> of {formatBytes(space.origin.quotaBytes)} available</>}
            </>
          )}
        </p>
      )}
    </section>
  );
}
