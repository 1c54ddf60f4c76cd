/**
 * Whether this server said, with the page itself, that it offers the generated test models (INTERQ_TEST_MODELS=1):
 * the server sets this cookie on the app's HTML (sync-server/models/manifest-route.ts), so the page's first render
 * knows it before the model list is asked for, and the "Test model" banner takes its room from the first frame
 * instead of pushing the page down seconds later. The model list stays what decides: a page that finds the server
 * no longer offers them forgets the cookie (TestModelBanner.tsx).
 */
export const TEST_MODELS_COOKIE = 'interq-test-models';

export function testModelsAnnounced(): boolean {
  return typeof document !== 'undefined' && document.cookie.split(/;\s*/).includes(`${TEST_MODELS_COOKIE}=1`);
}

export function forgetTestModelsAnnouncement(): void {
  document.cookie = `${TEST_MODELS_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`;
}
