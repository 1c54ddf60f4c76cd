/**
 * "Test model: transcripts are meaningless" on every screen of a server started with INTERQ_TEST_MODELS=1, so the
 * random-weight models developers test with are never taken for real transcription. The model list decides; until
 * it has answered, the banner shows as the page's HTML announced it (test-models-cookie.ts), so it moves nothing
 * when the answer agrees. A list that cannot be read (a page reloaded offline, served by the service worker) leaves
 * the banner as announced: taking it away then pulled the technical check up 29 px on a phone (50 at 320 px), and
 * the server had said nothing new.
 */
import { useEffect, useState } from 'react';
import { serverOffersTestModels } from '../../../speech-model/model-library';
import { forgetTestModelsAnnouncement } from './test-models-cookie';
import { TestModelNotice } from './TestModelNotice';

export function TestModelBanner({ announced }: { announced: boolean }) {
  const [on, setOn] = useState(announced);
  useEffect(() => {
    let live = true;
    void serverOffersTestModels().then((offered) => {
      if (offered === null) return;
      if (!offered && announced) forgetTestModelsAnnouncement();
      if (live) setOn(offered);
    });
    return () => {
      live = false;
    };
  }, [announced]);
  return on ? <TestModelNotice /> : null;
}
