/** Where a control sits on screen, for the specs that check that something appearing moves nothing. */
import { expect, type Locator } from '@playwright/test';

export interface Place {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a control is: in the window where its bar is docked there (position: fixed; a window 420 px tall or more),
 * else on the page (the document's coordinates: hovering or focusing a note may scroll the page).
 */
export function placeOf(control: Locator): Promise<Place> {
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const docked = getComputedStyle(el.parentElement!).position === 'fixed';
    return { x: r.left + (docked ? 0 : window.scrollX), y: r.top + (docked ? 0 : window.scrollY), width: r.width, height: r.height };
  });
}

/**
 * Waits until what fills in after a screen shows (the test server's model banner, the read-aloud outcome) has settled:
 * the control has stayed put over two more polls a second apart. Returns that place.
 */
export async function settledPlaceOf(control: Locator): Promise<Place> {
  let before: Place | null = null;
  let unchanged = 0;
  await expect
    .poll(
      async () => {
        const now = await placeOf(control);
        unchanged = before !== null && JSON.stringify(now) === JSON.stringify(before) ? unchanged + 1 : 0;
        before = now;
        return unchanged;
      },
      { intervals: [1000], timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(2);
  expect(before).not.toBeNull();
  return before!;
}
