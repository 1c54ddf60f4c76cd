/**
 * The guest's technical check offers the speech model only where placement would run it on this device anyway
 * (fast connection, or the host requires it) and it is not stored yet: downloading now, while nothing else is
 * happening, beats downloading during the first answer. Nothing is downloaded unless the guest presses the button;
 * on a slow link, with save-data, or with too little memory nothing is shown and answers go to a staff device.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { canTranscribeLocally } from '../../../../worker/asr/placement';
import { findModel } from '../../../../worker/asr/model-manifest';
import { readTranscriptionPolicy } from '../../../sync/answer-results';
import { fetchManifest, modelCacheState, preferredModelId, serverHasModelFiles } from '../../../speech-model/model-library';
import { browserNavigatorFacts, placementInputFor } from '../../../speech-model/placement-input';

/** Loaded only when there is something to offer, so the panel stays out of the guest's first load. */
const ModelManager = lazy(() => import('./ModelManager').then((m) => ({ default: m.ModelManager })));

export function GuestModelOptIn({ stageDoc = null }: { stageDoc?: Y.Doc | null }) {
  const [offer, setOffer] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    let checking = false;
    const check = async () => {
      if (checking) return;
      checking = true;
      try {
        const manifest = await fetchManifest();
        const policy = readTranscriptionPolicy(stageDoc);
        const model = findModel(manifest, policy.modelId ?? preferredModelId(manifest));
        const state = await modelCacheState(model);
        const decision = canTranscribeLocally(placementInputFor(policy, state, browserNavigatorFacts()));
        const worth = !state.complete && decision.local && (await serverHasModelFiles(model));
        // Once shown, the panel stays (it shows "ready" after its own download).
        if (alive && worth) setOffer(model.id);
      } catch {
        // No model list (offline): nothing to offer; answers are queued for staff.
      } finally {
        checking = false;
      }
    };
    void check();
    // The host's policy may arrive after this screen opens.
    const onUpdate = () => void check();
    stageDoc?.on('update', onUpdate);
    return () => {
      alive = false;
      stageDoc?.off('update', onUpdate);
    };
  }, [stageDoc]);
  if (!offer) return null;
  return (
    <Suspense fallback={null}>
      <ModelManager variant="guest" modelId={offer} />
    </Suspense>
  );
}
