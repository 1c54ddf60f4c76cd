/**
 * The guest in the live-session tests: a Chromium with a fake microphone (the
 * guest's technical check needs one), and the guest's steps up to the first
 * question. The guest's own screens are tested in guest-*.spec.ts; here the
 * guest only needs to be in the interview so staff can follow and override it.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { test as base } from '../fixtures';

// Test-scoped only: the worker fixtures (server, browsers) are the suite's one set in ../fixtures.ts.
export const test = base.extend<{ guestProfile: () => Promise<BrowserContext> }>({
  guestProfile: async ({ beepMicBrowser, server, openProfile }, use) => {
    await use(() => openProfile(beepMicBrowser, { baseURL: server.url }));
  },
});

export { expect };

export async function openGuestLink(page: Page, link: string): Promise<void> {
  // The "ready to work offline" note moves nothing (it sits over the header's free end), but it is closed whenever it
  // shows, so no click meant for the header can land on it.
  // A click from the page's own script: a real click would take the keyboard focus from what the test is typing in.
  await page.addLocatorHandler(page.getByTestId('offline-ready'), async (toast) => {
    await toast.getByRole('button', { name: 'Dismiss' }).evaluate((button) => (button as HTMLButtonElement).click());
  });
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible();
}

/** Technical check, consent, start: the guest is at question 1. */
export async function startInterview(page: Page): Promise<void> {
  await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'ready', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'How it works' })).toBeVisible();
  await page.getByRole('radio', { name: 'Yes, record my voice while I answer' }).check();
  await page.getByRole('radio', { name: /^Yes, AI may/ }).check();
  await page.getByRole('button', { name: 'Start Interview' }).click();
  await expect(guestScreenPosition(page)).toHaveText(/^Question 1 of \d+$/);
}

/** "Question 2 of 11" as the guest's own screen shows it. */
export function guestScreenPosition(page: Page) {
  return page.getByTestId('question-position');
}
