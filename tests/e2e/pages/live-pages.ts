/** Page models for the live session: staff and audience screens, as their users act on them. */
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { planOf, publishPlanDocs, spokenQuestion } from './guest-pages';

export type LiveTab = 'Chat' | 'Reactions' | 'Q&A';

/** The role and name an invite link's token was signed for (read, not verified). */
export function linkClaims(link: string): { role: string; sub: string } | null {
  const token = link.split('#t=')[1];
  if (!token) return null;
  try {
    return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { role: string; sub: string };
  } catch {
    return null;
  }
}

/**
 * Creates an invite link on the host's interview page and waits for the link
 * made for exactly this role and name (the field still shows the previous link
 * until the server answers, so matching any link would return that one).
 */
export async function createLinkFor(host: Page, role: string, name: string): Promise<string> {
  await host.getByLabel('Role').selectOption(role);
  await host.getByLabel('Name').fill(name);
  await host.getByRole('button', { name: 'Create link' }).click();
  const field = host.getByTestId('invite-url');
  await expect
    .poll(async () => {
      const c = linkClaims(await field.inputValue());
      return c ? `${c.role}:${c.sub}` : null;
    })
    .toBe(`${role}:${name}`);
  return field.inputValue();
}

/** Opens an invite link (staff or audience) in a fresh page and waits for the live screen. */
export async function openLiveLink(ctx: BrowserContext, link: string, heading: string | RegExp): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(link);
  // The live screen loads its documents first ("Loading…"); on a busy machine that alone can take over 15 s.
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible({ timeout: 30_000 });
  return page;
}

/** The host's own way in, by the live session's address: the host's device syncs the plan from the server there. */
export async function openHostSession(host: Page, interviewId: string): Promise<void> {
  await host.goto(`/session/${interviewId}`);
  await expect(host.getByText(/Live session · you are host \(host\)/)).toBeVisible();
}

/**
 * A new host device that opens the live session with the host link's token on the session's address
 * (`/session/<id>#host=…`: the app stores a link's token from any address, as from the host link itself). For specs
 * about the live session: the host link's own start page would add a page load and the question bank's download
 * (1.4 MB parsed and stored), which the live session never reads; the host link and the bank have specs of their own
 * (slice.spec.ts, planning.spec.ts, tokens-out-of-urls.spec.ts).
 */
/**
 * A published one-question interview titled by its id, ready for staff to open: what the long staff-list specs seed
 * their chat, reactions, questions and comments into.
 */
export async function publishOneQuestionSession(server: Parameters<typeof publishPlanDocs>[0], id: string): Promise<void> {
  const plan = planOf(id, [spokenQuestion('q-one', 'Tell us about a system you built.')], 30);
  plan.meta.title = id;
  await publishPlanDocs(server, plan);
}

export async function openHostSessionByLink(ctx: BrowserContext, server: { url: string; hostToken: string }, interviewId: string): Promise<Page> {
  const host = await ctx.newPage();
  await host.goto(`${server.url}/session/${interviewId}#host=${server.hostToken}`);
  await expect(host.getByText(/Live session · you are host \(host\)/)).toBeVisible();
  return host;
}

export async function openTab(page: Page, tab: LiveTab): Promise<void> {
  const t = page.getByRole('tab', { name: new RegExp(`^${tab.replace('&', '\\&')}`) });
  await t.click();
  await expect(t).toHaveAttribute('aria-selected', 'true');
}

export function liveStatus(page: Page): Locator {
  return page.locator('.live-header [data-sync-state], .live-audience [data-sync-state]').first();
}

export async function waitLiveSynced(page: Page): Promise<void> {
  await expect(liveStatus(page)).toHaveAttribute('data-sync-state', 'synced', { timeout: 30_000 });
}

export async function sendChat(page: Page, text: string): Promise<void> {
  await openTab(page, 'Chat');
  await page.getByLabel('Message to staff').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(chatMessage(page, text)).toHaveCount(1);
}

export function chatMessages(page: Page): Locator {
  return page.getByRole('log', { name: 'Staff chat messages' }).locator('li');
}

export function chatMessage(page: Page, text: string): Locator {
  return chatMessages(page).filter({ has: page.locator('.chat-text', { hasText: new RegExp(`^${escapeRegExp(text)}$`) }) });
}

export function presenceChip(page: Page, role: string, name: string): Locator {
  return page.locator(`[data-testid="presence-list"] [data-presence-role="${role}"][data-presence-name="${name}"]`);
}

export async function react(page: Page, label: 'Strong' | 'Unclear' | 'Concern'): Promise<void> {
  await openTab(page, 'Reactions');
  await page.getByRole('group', { name: /^React to question/ }).getByRole('button', { name: new RegExp(label) }).click();
}

export function reactions(page: Page): Locator {
  return page.getByTestId('reaction-list').locator('li');
}

export async function rate(page: Page, score: number): Promise<void> {
  await openTab(page, 'Reactions');
  await page.getByRole('group', { name: /^Your rating of question/ }).getByRole('radio', { name: String(score), exact: true }).check();
}

export function guestPosition(page: Page): Locator {
  return page.getByTestId('guest-question-position');
}

export function guestStage(page: Page): Locator {
  return page.getByTestId('guest-stage');
}

/** The moderator's card for one pending submission. */
export function pendingItem(page: Page, text: string): Locator {
  return page.getByTestId('qa-pending').locator('li').filter({ hasText: text });
}

export async function approveEdited(page: Page, original: string, edited: string): Promise<void> {
  const item = pendingItem(page, original);
  await item.getByRole('button', { name: 'Edit' }).click();
  await item.getByLabel('Edited question').fill(edited);
  await item.getByRole('button', { name: 'Approve edited question' }).click();
  await expect(pendingItem(page, original)).toHaveCount(0);
}

export async function reject(page: Page, text: string): Promise<void> {
  await pendingItem(page, text).getByRole('button', { name: 'Reject' }).click();
  await expect(pendingItem(page, text)).toHaveCount(0);
}

export function queueItems(page: Page): Locator {
  return page.getByTestId('qa-queue').locator('li');
}

export async function submitAudienceQuestion(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Your question' }).fill(text);
  await page.getByRole('button', { name: 'Submit question' }).click();
  await expect(page.getByTestId('my-questions').locator('li', { hasText: text })).toHaveCount(1);
}

/** Everything a page receives over its WebSockets, decoded both ways so ASCII and UTF-8 text can be searched. */
export function recordWebSocketFrames(page: Page): { text(): string; count(): number } {
  const frames: Buffer[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? Buffer.from(f.payload, 'utf8') : f.payload));
  });
  return {
    text: () => frames.map((b) => `${b.toString('utf8')}\n${b.toString('latin1')}`).join('\n'),
    count: () => frames.length,
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
