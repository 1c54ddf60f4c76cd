/**
 * "Test model: transcripts are meaningless", the banner itself (its words only): part of the first load, so a page
 * whose server announced its test models (test-models-cookie.ts) shows it from the first frame.
 */
export const TEST_MODEL_BANNER = 'Test model: transcripts are meaningless';

export function TestModelNotice() {
  // In a landmark of its own (it sits between the header and main): content outside every landmark is missed by
  // people who move through a page by its regions.
  return (
    <aside aria-label="Development server">
      <p className="test-model-banner" role="note" data-testid="test-model-banner">
        {TEST_MODEL_BANNER}.<span className="test-model-more"> This server offers generated speech models (INTERQ_TEST_MODELS=1) for development.</span>
      </p>
    </aside>
  );
}
