/**
 * Planning an interview as a host: offline from the built-in bank for several
 * archetypes and depths, with the AI service when the server has one, then
 * review, edit, publish, and the guest receiving exactly what was published.
 */
import type { Page } from '@playwright/test';
import { test, expect, openAsHost } from './fixtures';
import { createInviteLink, generatePlan, publishPlan, waitForBankOnDevice, waitForOfflineReady, waitUntilSynced, type NewInterview } from './pages/host-pages';
import { describeMix, planMix } from '../../src/domain/planning';
import { Question } from '../../src/domain/questions';
import type { CognitiveDepth, JobArchetype } from '../../src/domain/archetypes';
import { startServer } from '../support/server-process';
import { startFakeOpenAiServer } from '../support/fake-openai-server';
import { questionBank } from '../../src/domain/bank';
import { installQuestionBank } from '../../src/domain/planning/bank-query';

// The bank is not part of the app: tests install it from its JSON files, as the server does.
installQuestionBank(questionBank());

/** Opens the planning form by URL and generates; returns the mix the form announced before generating. */
async function fillPlanForm(page: Page, sessionId: string, archetype: JobArchetype, depth: NewInterview['depth'], durationMin: number): Promise<string> {
  await page.goto('/create-interview');
  return generatePlan(page, { sessionId, archetype, depth, durationMin });
}

/** The host's stored plan, read straight from the app's IndexedDB. */
/** The device's IndexedDB row of an interview (the `interviews` store), or null when there is none. */
async function storedInterview(page: Page, id: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('interq');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('interviews').objectStore('interviews').get(key);
          get.onsuccess = () => {
            resolve(get.result ?? null);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );
}

async function storedPlan(page: Page, id: string): Promise<{ meta: { seed: number }; questions: unknown[] }> {
  type Stored = { meta: { seed: number }; questions: unknown[] };
  const iv = (await storedInterview(page, id)) as { plan: Stored; draft?: Stored };
  return iv.draft ?? iv.plan;
}

const DEPTHS: [CognitiveDepth, NewInterview['depth']][] = [
  ['standard', 'Standard'],
  ['advanced', 'Advanced'],
  ['expert', 'Expert'],
];

// The host plans offline, served by the service worker: this test's profiles run it (fixtures.ts offlineCapable).
test.describe(() => {
  test.use({ offlineCapable: true });
  test('offline, two archetypes at three depths each give complete plans that match the announced mix', async ({ newProfile, server }) => {
    const ctx = await newProfile();
    const host = await openAsHost(ctx, server);
    await waitForOfflineReady(host);
    // One online visit with the host link brings the bank (and its answer keys) to this device; the app has none.
    await waitForBankOnDevice(host);
    await ctx.setOffline(true);
    const duration = 45;
    for (const archetype of ['backend', 'data-scientist'] as const) {
      for (const [depth, label] of DEPTHS) {
        const id = `${archetype}-${depth}-off`;
        const announced = await fillPlanForm(host, id, archetype, label, duration);
        await expect(host.getByTestId('generation-note')).toContainText('offline question bank');
        // What the host was told before generating is what the review shows: counts and minutes.
        await expect(host.getByTestId('plan-mix')).toHaveText(announced);
        const plan = await storedPlan(host, id);
        const mix = planMix({ archetype, depth, durationMin: duration, seed: plan.meta.seed });
        expect(announced).toBe(describeMix(mix));
        const items = host.getByTestId('review-item');
        await expect(items).toHaveCount(mix.spoken + mix.mcq + mix.coding);
        await expect(host.locator('[data-testid=review-item][data-kind=spoken]')).toHaveCount(mix.spoken);
        await expect(host.locator('[data-testid=review-item][data-kind=mcq]')).toHaveCount(mix.mcq);
        await expect(host.locator('[data-testid=review-item][data-kind=coding]')).toHaveCount(mix.coding);
        for (const q of plan.questions) {
          const parsed = Question.parse(q);
          expect(parsed.archetypes).toContain(archetype);
          expect(parsed.depths).toContain(depth);
        }
      }
    }
  });
});

test('Regenerate is unavailable, and says why, for a kind the plan already holds every bank question of', async ({ newProfile, server }) => {
  const host = await openAsHost(await newProfile(), server);
  // Two hours of frontend at standard depth takes all three of the bank's coding tasks.
  await fillPlanForm(host, 'all-coding-tasks', 'frontend', 'Standard', 120);
  const coding = host.locator('[data-testid=review-item][data-kind=coding]');
  await expect(coding).toHaveCount(3);
  for (const item of await coding.all()) {
    await expect(item.getByRole('button', { name: /^Regenerate question \d+$/ })).toBeDisabled();
    await expect(item.getByTestId('regenerate-unavailable')).toContainText('already in the plan');
  }
  const spoken = host.locator('[data-testid=review-item][data-kind=spoken]').first();
  await expect(spoken.getByTestId('regenerate-unavailable')).toHaveCount(0);
  const before = await spoken.locator('.review-text').innerText();
  await spoken.getByRole('button', { name: /^Regenerate question \d+$/ }).click();
  await expect(host.locator('[role=status]', { hasText: 'replaced with another from the bank' })).toHaveCount(1);
  await expect(host.locator('[data-testid=review-item][data-kind=spoken]').first().locator('.review-text')).not.toHaveText(before);

  // Deleting a coding task frees one: its siblings can be regenerated again.
  await coding.first().getByRole('button', { name: /^Delete question \d+$/ }).click();
  await expect(coding).toHaveCount(2);
  for (const item of await coding.all()) await expect(item.getByRole('button', { name: /^Regenerate question \d+$/ })).toBeEnabled();
});

test('the host edits a question, publishes, and the guest receives the edited version', async ({ newProfile, server }) => {
  const host = await openAsHost(await newProfile(), server);
  await fillPlanForm(host, 'edit-then-publish', 'frontend', 'Standard', 30);
  const first = host.getByTestId('review-item').first();
  await first.getByRole('button', { name: /^Edit question 1$/ }).click();
  const edited = 'Explain, in your own words, how the browser event loop schedules a promise callback versus a timer.';
  const prompt = host.getByLabel('Question', { exact: true }).or(host.getByLabel('Title', { exact: true })).first();
  await prompt.fill(edited);
  await host.getByRole('button', { name: 'Save question' }).click();
  await expect(host.getByTestId('review-item').first()).toContainText(edited);

  // An invalid edit is refused next to the field, and nothing is lost.
  await host.getByRole('button', { name: /^Edit question 2$/ }).click();
  const second = host.getByLabel('Question', { exact: true }).or(host.getByLabel('Title', { exact: true })).first();
  await second.fill('');
  await host.getByRole('button', { name: 'Save question' }).click();
  // A sentence for the host beside the field, not the schema's "Too small: expected string to have >=3 characters".
  const sentence = /^(Write the question in at least 10 characters\.|Give the task a title of at least 3 characters\.)$/;
  await expect(host.getByRole('alert').first()).toHaveText(sentence);
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  await expect(second).toHaveAccessibleDescription(sentence);
  await host.getByRole('button', { name: 'Cancel' }).click();

  await host.getByRole('button', { name: 'Move question 1 down' }).click();
  await expect(host.getByTestId('review-item').nth(1)).toContainText(edited);
  await publishPlan(host);
  await waitUntilSynced(host);
  await expect(host.getByTestId('version-history')).toContainText('Version 1');
  const link = await createInviteLink(host, 'guest', 'Barbara');

  const guest = await (await newProfile()).newPage();
  const frames: Buffer[] = [];
  guest.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(Buffer.from(f.payload as Buffer))));
  await guest.goto(link);
  await expect(guest.getByTestId('guest-question-count')).toHaveText(await host.getByTestId('question-count').innerText());
  await expect.poll(() => Buffer.concat(frames).includes(Buffer.from(edited))).toBe(true);

  // Edits after publishing are a new version, not a silent change.
  await host.getByRole('button', { name: 'Edit questions' }).click();
  await host.getByRole('button', { name: 'Delete question 1', exact: true }).click();
  await host.getByRole('button', { name: 'Publish version 2' }).click();
  await expect(host.getByTestId('plan-status')).toHaveText('published version 2');
  await expect(host.getByTestId('version-history')).toContainText('1 removed');
  const expected = await host.getByTestId('question-count').innerText();
  await expect(guest.getByTestId('guest-question-count')).toHaveText(expected);
});

// Its own server, with the AI service: it asks for none of the fixtures' worker fixtures, so the worker's server is not started for it.
test('with an AI service configured, questions come from it and are marked so', async ({ browser, openProfile }) => {
  const fake = await startFakeOpenAiServer({ apiKey: 'sk-test-e2e' });
  const server = await startServer({ env: { OPENAI_API_KEY: 'sk-test-e2e', OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: 'fake-model' } });
  try {
    const ctx = await openProfile(browser, { baseURL: server.url });
    const host = await ctx.newPage();
    await host.goto(server.hostLink);
    // The app stores the link's token before it shows any screen; wait for that before moving on.
    await expect(host.getByRole('heading', { name: 'Your interviews' })).toBeVisible();
    await fillPlanForm(host, 'ai-sourced', 'ml-engineer', 'Advanced', 45);
    await expect(host.getByTestId('generation-note')).toBeVisible();
    await expect(host.locator('.source-llm').first()).toBeVisible();
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-test-e2e');
    const html = await host.content();
    expect(html).not.toContain('sk-test-e2e');
    await ctx.close();
  } finally {
    await server.stop();
    await fake.close();
  }
});

test('the form explains every mistake next to its field and refuses an identifier already used', async ({ newProfile, server }) => {
  const host = await openAsHost(await newProfile(), server);
  await host.goto('/create-interview');
  await host.getByRole('button', { name: 'Sync with AI' }).click();
  const title = host.getByLabel('Interview title');
  const id = host.getByLabel('Session Identifier');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  await expect(host.getByText('Enter a session identifier.')).toBeVisible();
  await expect(title).toBeFocused();

  // The title takes spaces and capitals; the identifier is made from it until the host types their own.
  await title.fill('Taken once, by Ada');
  await expect(id).toHaveValue('taken-once-by-ada');
  await id.fill('Not Valid!');
  await host.getByLabel('Duration (minutes)').fill('500');
  await host.getByRole('button', { name: 'Sync with AI' }).click();
  await expect(host.getByText(/Use 3 to 63 lowercase letters/)).toBeVisible();
  await expect(host.getByText('Choose a whole number of minutes from 15 to 120.')).toBeVisible();

  // Keyboard only: fill, choose a depth with the arrow keys, submit with Enter.
  await id.fill('taken-once');
  await host.getByLabel('Duration (minutes)').fill('30');
  await host.getByRole('radio', { name: 'Standard' }).focus();
  await host.keyboard.press('ArrowRight');
  await expect(host.getByRole('radio', { name: 'Advanced' })).toBeChecked();
  await host.getByLabel('Duration (minutes)').press('Enter');
  await expect(host).toHaveURL(/\/interviews\/taken-once$/);

  // The interview is listed and headed by its title, not its identifier.
  await expect(host.getByRole('heading', { level: 1 })).toHaveText('Taken once, by Ada');
  await host.goto('/');
  await expect(host.getByRole('link', { name: 'Taken once, by Ada' })).toHaveAttribute('href', '/interviews/taken-once');
  // Never published: the list says it is a draft.
  await expect(host.locator('[data-interview-id="taken-once"]').getByTestId('interview-phase')).toHaveText('Draft');

  await host.goto('/create-interview');
  await host.getByLabel('Interview title').fill('Another one');
  await host.getByLabel('Session Identifier').fill('taken-once');
  await host.getByRole('button', { name: 'Sync with AI' }).click();
  await expect(host.getByText('"taken-once" is already one of your interviews. Pick another identifier.')).toBeVisible();
  await expect(host).toHaveURL(/\/create-interview$/);
});

test('without a host link a device has no bank to plan from (it holds the answer keys), and the form says why', async ({ newProfile }) => {
  const page = await (await newProfile()).newPage();
  await page.goto('/create-interview');
  await expect(page.getByTestId('bank-unavailable')).toContainText('Open the host link');
  await expect(page.getByTestId('mix-summary')).toHaveCount(0);
  await page.getByLabel('Interview title').fill('No link plan');
  await page.getByRole('button', { name: 'Sync with AI' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The question bank is not on this device yet' })).toBeVisible();
  await expect(page).toHaveURL(/\/create-interview$/);
});

test('a device that once opened the host link keeps planning from its bank without the link, and the note says why', async ({ newProfile, server }) => {
  const page = await openAsHost(await newProfile(), server);
  await waitForBankOnDevice(page);
  // The host link's token is gone from this device (cleared, or never stored in this browser profile's new tab).
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('interq');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('credentials', 'readwrite');
          tx.objectStore('credentials').clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.goto('/');
  await expect(page.getByTestId('bank-status')).toHaveCount(0);
  await fillPlanForm(page, 'no-link-plan', 'qa-automation', 'Standard', 30);
  await expect(page.getByTestId('generation-note')).toContainText('no host link');
  await expect(page.getByTestId('review-item').first()).toBeVisible();
});

test('the host deletes a published interview after confirming: gone from the server and from this device', async ({ newProfile, server }) => {
  const id = 'delete-me-e2e';
  const host = await openAsHost(await newProfile(), server);
  await host.goto('/create-interview');
  await generatePlan(host, { sessionId: id, title: 'Delete me, please', archetype: 'frontend', depth: 'Standard', durationMin: 20 });
  await publishPlan(host);
  await waitUntilSynced(host);
  await host.goto('/');
  // Published, the guest not started: the server's status says so in the list.
  await expect(host.locator(`[data-interview-id="${id}"]`).getByTestId('interview-phase')).toHaveText('Published');
  const databases = () => host.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  expect((await databases()).filter((n) => n.startsWith(`interq-yjs:${id}.`)).length).toBeGreaterThanOrEqual(2);

  await host.getByRole('link', { name: 'Delete me, please' }).click();
  const dialog = host.getByTestId('delete-dialog');
  // Cancel deletes nothing.
  await host.getByRole('button', { name: 'Delete interview' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('It cannot be undone.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await fetch(`${server.url}/api/interviews/${id}`, { headers: { Authorization: `Bearer ${server.hostToken}` } })).status).toBe(200);

  await host.getByRole('button', { name: 'Delete interview' }).click();
  await dialog.getByRole('button', { name: 'Delete for good' }).click();
  await expect(host).toHaveURL(/\/$/);
  await expect(host.getByTestId('home-notice')).toHaveText('Deleted “Delete me, please” from this device and from the server (0 recordings, 0 links revoked).');
  await expect(host.getByRole('link', { name: 'Delete me, please' })).toHaveCount(0);

  // This device: no Yjs copy, no plan row; the server: nothing of it, logged.
  await expect.poll(async () => (await databases()).filter((n) => n.startsWith(`interq-yjs:${id}.`))).toEqual([]);
  const row = await storedInterview(host, id);
  expect(row).toBeNull();
  expect((await fetch(`${server.url}/api/interviews/${id}`, { headers: { Authorization: `Bearer ${server.hostToken}` } })).status).toBe(404);
});
