/** Page models for the host's screens: tests read as the host's steps. */
import { expect, type Page } from '@playwright/test';
import { expectServiceWorker } from '../fixtures';

export interface NewInterview {
  sessionId: string;
  /** The interview's title; the session identifier itself when not given. */
  title?: string;
  archetype: string;
  depth: 'Standard' | 'Advanced' | 'Expert';
  durationMin: number;
}

/** Fills the planning form on the open planning screen and runs "Sync with AI"; returns the mix the form announced before generating. */
export async function generatePlan(page: Page, iv: NewInterview): Promise<string> {
  await page.getByLabel('Interview title').fill(iv.title ?? iv.sessionId);
  await page.getByLabel('Session Identifier').fill(iv.sessionId);
  await page.getByLabel('Job Archetype').selectOption(iv.archetype);
  await page.getByRole('radio', { name: iv.depth }).check();
  await page.getByLabel('Duration (minutes)').fill(String(iv.durationMin));
  const announced = await page.getByTestId('mix-summary').innerText();
  await page.getByRole('button', { name: 'Sync with AI' }).click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${iv.sessionId}$`));
  return announced;
}

/** Opens the planning screen from the navigation, generates, and (unless told not to) publishes the result unchanged. */
export async function planInterview(page: Page, iv: NewInterview, opts: { publish?: boolean } = {}): Promise<void> {
  await page.getByRole('link', { name: 'Plan an interview' }).click();
  await expect(page.getByRole('heading', { name: 'Plan an interview' })).toBeVisible();
  await generatePlan(page, iv);
  await expect(page.getByTestId('plan-status')).toHaveText('draft, not yet published');
  if (opts.publish !== false) await publishPlan(page);
}

export async function publishPlan(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Publish( version \d+)?$/ }).click();
  await expect(page.getByTestId('plan-status')).toHaveText(/^published version \d+$/);
}

export async function questionCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('question-count').textContent());
}

export async function waitUntilSynced(page: Page): Promise<void> {
  await expect(page.locator('[data-sync-state]').first()).toHaveAttribute('data-sync-state', 'synced', { timeout: 20_000 });
}

export async function createInviteLink(page: Page, role: string, name: string): Promise<string> {
  await page.getByLabel('Role').selectOption(role);
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create link' }).click();
  const url = page.getByTestId('invite-url');
  // Wait for the link naming this person: right after a previous link, the field still holds the old one.
  await expect
    .poll(async () => {
      const token = (await url.inputValue()).split('#t=')[1];
      if (!token) return null;
      const claims = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { sub: string; role: string };
      return `${claims.role}:${claims.sub}`;
    })
    .toBe(`${role}:${name}`);
  return url.inputValue();
}

/** Resolves once a service worker is active, so the next navigation can be served offline. */
export async function waitForOfflineReady(page: Page): Promise<void> {
  expectServiceWorker(page.context());
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** The host's start page has the question bank on this device (downloaded with the host link), so planning works offline. */
export async function waitForBankOnDevice(page: Page): Promise<void> {
  await expect(page.getByTestId('bank-status')).toHaveAttribute('data-state', 'ready');
}
