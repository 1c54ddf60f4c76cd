/**
 * The guest's technical check offers the speech model only where placement would run it on this device anyway
 * (fast connection, or the host requires it) and it is not stored yet: downloading now, while nothing else is
 * happening, beats downloading during the first answer. Nothing is downloaded unless the guest presses the button;
 * on a slow link, with save-data, or with too little memory nothing is shown and answers go to a staff device.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { canTranscribeLocally } from '../../../../worker/asr/placement';
import { findModel } from '../../../../worker/asr/model-manifest';
import { readTranscriptionPolicy } from '../../../sync/answer-results';
import { fetchManifest, modelCacheState, preferredModelId, serverHasModelFiles } from './model-library';
import { ModelManager } from './ModelManager';
import { browserNavigatorFacts, placementInputFor } from './placement-input';

export function GuestModelOptIn({ stageDoc = null }: { stageDoc?: Y.Doc | null }) {
  const [offer, setOffer] = useState(false);
  useEffect(() => {
    let alive = true;
    void (async () => {
      try {
        const manifest = await fetchManifest();
        const policy = readTranscriptionPolicy(stageDoc);
        const model = findModel(manifest, policy.modelId ?? preferredModelId(manifest));
        const state = await modelCacheState(model);
        if (state.complete) return;
        const decision = canTranscribeLocally(placementInputFor(policy, state, browserNavigatorFacts()));
        if (decision.local && (await serverHasModelFiles(model)) && alive) setOffer(true);
      } catch {
        // No model list (offline): nothing to offer; answers are queued for staff.
      }
    })();
    return () => {
      alive = false;
    };
  }, [stageDoc]);
  if (!offer) return null;
  return <ModelManager variant="guest" />;
}
