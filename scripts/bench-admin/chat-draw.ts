/**
 * bench:admin's staff-chat stage: how long the host's browser takes to draw a long live session's staff chat.
 * Timed in the page itself (performance.now around a click, until the newest message is in the chat's view and two
 * animation frames have run, i.e. the frame that shows it was produced), so Playwright's round trips are not counted.
 */
import { CHROMIUM_ARGS, chromiumExecutable } from '../../tests/support/browser';

/** Message k of the seeded chat: 2,000 characters (the longest a message may be), its number first. */
export function chatNote(k: number): string {
  return `Chat note ${k} `.padEnd(2000, ' lorem ipsum dolor sit amet');
}

export interface ChatDrawTimes {
  /** From the session page's navigation until the newest message was shown (document sync included). */
  firstShownMs: number;
  /** A click on the Chat tab (from Reactions) until the newest message is drawn. */
  tabMs: number[];
  /** A message sent from the chat's form until drawn. */
  sendMs: number[];
  /** List items in the chat when it shows the newest message: what the page lays out. */
  elements: number;
}

/**
 * Runs in the page: clicks `click` (a CSS selector), then waits until the chat's last list item holds `marker` and lies
 * in the log's view, and two more animation frames have run. Returns the ms from the click, or with no click from the
 * page's navigation (performance.now's origin). No named inner functions: tsx would wrap them in a helper the page does not have.
 */
async function timedDraw({ marker, click }: { marker: string; click: string | null }): Promise<number> {
  const t0 = click ? performance.now() : 0;
  if (click) (document.querySelector(click) as HTMLElement).click();
  for (;;) {
    await new Promise((r) => requestAnimationFrame(r));
    const log = document.querySelector('[role="log"]');
    const items = log?.querySelectorAll('li.chat-msg');
    const last = items?.[items.length - 1];
    if (log && last && (last.textContent ?? '').includes(marker) && last.getBoundingClientRect().top < log.getBoundingClientRect().bottom) break;
  }
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
  return performance.now() - t0;
}

export async function chatDrawTimes(url: string, hostLink: string, iid: string, messages: number, draws: number): Promise<ChatDrawTimes> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ baseURL: url, viewport: { width: 1280, height: 900 } });
    await page.goto(hostLink);
    await page.getByRole('heading', { name: 'Your interviews' }).waitFor({ timeout: 60_000 });
    await page.goto(`/session/${iid}`);
    const newest = `Chat note ${messages - 1} `;
    const firstShownMs = await page.evaluate(timedDraw, { marker: newest, click: null });
    const tabMs: number[] = [];
    for (let i = 0; i <= draws; i++) {
      await page.getByRole('tab', { name: /^Reactions/ }).click();
      await page.getByRole('tab', { name: /^Reactions/, selected: true }).waitFor();
      const ms = await page.evaluate(timedDraw, { marker: newest, click: '#tab-chat' });
      // The first draw warms the code paths; the rest are what a host sees on every return to the tab.
      if (i > 0) tabMs.push(ms);
    }
    const elements = await page.locator('[role="log"] li').count();
    const sendMs: number[] = [];
    for (let i = 0; i <= draws; i++) {
      const text = `Sent in the benchmark ${i}`;
      await page.getByLabel('Message to staff').fill(text);
      const ms = await page.evaluate(timedDraw, { marker: text, click: '.chat-form button[type="submit"]' });
      if (i > 0) sendMs.push(ms);
    }
    return { firstShownMs, tabMs, sendMs, elements };
  } finally {
    await browser.close();
  }
}
