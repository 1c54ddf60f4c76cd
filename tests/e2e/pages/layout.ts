/** Where a control sits on screen, for the specs that check that something appearing moves nothing. */
import { expect, type Locator, type Page } from '@playwright/test';

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

/**
 * `target` is in full view, with nothing over any of it: the topmost element at its centre and just inside each edge
 * is the target or inside it, and `other` (a note that comes and goes beside it) does not overlap its box.
 */
export async function expectInFullView(target: Locator, other?: Locator): Promise<void> {
  await expect(target).toBeVisible();
  const covered = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    // Its centre and its four edges' middles, just inside (a rounded corner's own point would be outside it).
    const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
    const points = [
      [cx, cy],
      [cx, r.top + 2],
      [cx, r.bottom - 2],
      [r.left + 2, cy],
      [r.right - 2, cy],
    ] as const;
    return points.flatMap(([x, y]) => {
      if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return [`(${Math.round(x)}, ${Math.round(y)}) is outside the window`];
      const top = document.elementFromPoint(x, y);
      return top && (top === el || el.contains(top)) ? [] : [`(${Math.round(x)}, ${Math.round(y)}) shows <${top?.tagName.toLowerCase()} class="${top?.className}"> ${(top?.textContent ?? '').trim().slice(0, 30)}`];
    });
  });
  expect(covered, 'nothing lies over it').toEqual([]);
  if (!other) return;
  const [a, b] = await Promise.all([target.boundingBox(), other.boundingBox()]);
  expect(a && b, 'both have a box').toBeTruthy();
  const overlap = a!.x < b!.x + b!.width && b!.x < a!.x + a!.width && a!.y < b!.y + b!.height && b!.y < a!.y + a!.height;
  expect(overlap, `it (${JSON.stringify(a)}) and the other (${JSON.stringify(b)}) do not overlap`).toBe(false);
}

/**
 * The phone's larger text setting: the browser's default font size at `px` (16 by default) for `page`, set through
 * the DevTools protocol as a person's font size setting sets it; the app's sizes are in rem, so all of it scales. At
 * 320 px and 24 px the question's docked bar takes two rows where Take a break shows, the one case left where it
 * does (the app's narrowest layout is 320 px).
 */
export async function largerText(page: Page, px = 24): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px } });
}
