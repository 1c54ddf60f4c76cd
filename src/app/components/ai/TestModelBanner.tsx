/**
 * "Test model: transcripts are meaningless" on every screen of a server started with INTERQ_TEST_MODELS=1, so the
 * random-weight models developers test with are never taken for real transcription.
 */
import { useEffect, useState } from 'react';
import { serverOffersTestModels } from '../../../speech-model/model-library';

export const TEST_MODEL_BANNER = 'Test model: transcripts are meaningless';

export function TestModelBanner() {
  const [on, setOn] = useState(false);
  useEffect(() => {
    let live = true;
    void serverOffersTestModels().then((v) => live && setOn(v));
    return () => {
      live = false;
    };
  }, []);
  if (!on) return null;
  // In a landmark of its own (it sits between the header and main): content outside every landmark is missed by
  // people who move through a page by its regions.
  return (
    <aside aria-label="Development server">
      <p className="test-model-banner" role="note" data-testid="test-model-banner">
        {TEST_MODEL_BANNER}. This server offers generated speech models (INTERQ_TEST_MODELS=1) for development.
      </p>
    </aside>
  );
}
