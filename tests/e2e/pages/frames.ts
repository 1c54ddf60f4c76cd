/** Waiting for the page's rendering, for specs that check what a rendering step does. */
import type { Page } from '@playwright/test';

/**
 * Two frames: the browser drops the focus of a control disabled under it at its next rendering step, so a control
 * that still has the focus after two has kept it.
 */
export function twoFrames(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
