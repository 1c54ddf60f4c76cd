/**
 * The final synthesis in Chromium, against a real server whose cloud model is the OpenAI-compatible server on
 * loopback. The completed interview is played in by stock y-websocket clients acting as the guest's and the
 * interviewer's devices (plan, uploads through the real API, transcripts, scores); the interviewer's page shows the
 * synthesis with evidence that opens the right answer, and the guest's real page, whose every WebSocket frame is
 * recorded, never receives any of it.
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { joinUrl } from '../../sync-server/invites';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server';
import { readSecret, startServer, type ServerProcess } from '../support/server-process';
import { ANSWER_TEXTS, fixturePlan } from '../support/synthesis-fixtures';
import { InterviewSeeder } from '../support/synthesis-interview';
import { recordWebSocketFrames } from './pages/live-pages';
import { writePlan } from '../../src/sync/plan-doc';

test.describe.configure({ timeout: 180_000 });

const KEY = `sk-test-${randomBytes(12).toString('hex')}`;
let fake: FakeOpenAiServer;
let server: ServerProcess;
let seeder: InterviewSeeder;

test.beforeAll(async () => {
  fake = await startFakeOpenAiServer({ apiKey: KEY });
  server = await startServer({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: 'test-model-1', LLM_TIMEOUT_MS: '10000' } });
  seeder = new InterviewSeeder(server, readSecret(server.dataDir));
});
test.afterAll(async () => {
  seeder?.destroy();
  await server?.stop();
  await fake?.close();
});

test('the interviewer sees the synthesis with evidence that opens the right answer; the guest never receives it', async ({ browser }) => {
  const plan = fixturePlan('e2e-synthesis-1');
  const iid = plan.meta.id;
  fake.setSynthesisMode('good');
  const planDoc = await seeder.open(iid, 'plan', 'host');
  const keyDoc = await seeder.open(iid, 'key', 'host');
  writePlan(planDoc.doc, keyDoc.doc, plan);

  // The guest's real page, every frame it receives recorded from the first. It opens the interview and stays on
  // the technical check; the finished interview is then played in as the guest's device would have published it.
  const guestContext = await browser.newContext({ baseURL: server.url });
  const guest = await guestContext.newPage();
  const guestFrames = recordWebSocketFrames(guest);
  await guest.goto(joinUrl(server.url, iid, seeder.token('guest', iid, 'Gita Guest')));
  await expect(guest.getByRole('heading', { name: 'Technical check' })).toBeVisible({ timeout: 30_000 });
  await seeder.seed(plan);
  const done = await seeder.waitForSynthesis(iid, (v) => v.latest !== null && v.running === null && v.status?.status === 'synthesized', 'the synthesis');
  const result = done.latest!.result!;
  const cacheClaim = [...result.strengths, ...result.concerns].find((c) => c.evidence.questionId === 'q-cache')!;

  const staffContext = await browser.newContext({ baseURL: server.url });
  const interviewer = await staffContext.newPage();
  await interviewer.goto(joinUrl(server.url, iid, seeder.token('interviewer', iid, 'Ivan Interviewer')));
  const panel = interviewer.getByTestId('synthesis-panel');
  await expect(panel.getByTestId('interview-status')).toHaveText('Synthesized', { timeout: 30_000 });
  await expect(panel.getByTestId('synthesis-label')).toHaveText('AI synthesis');
  await expect(panel.getByTestId('synthesis-recommendation')).toHaveText('Lean hire');
  await expect(panel.getByText(result.summary)).toBeVisible();

  // A quote opens its answer: the right question, the transcript with the quote marked, and the moment.
  await panel.locator(`button.quote[data-question-id="q-cache"]`).first().click();
  const evidence = panel.getByTestId('synthesis-evidence');
  await expect(evidence).toHaveAttribute('data-question-id', 'q-cache');
  await expect(evidence).toContainText('Question 1: How would you cache product pages safely?');
  await expect(evidence.locator('mark')).toHaveText(cacheClaim.evidence.quote);
  await expect(evidence.getByTestId('evidence-answer')).toContainText(ANSWER_TEXTS['q-cache']!.slice(0, 40));
  await expect(evidence).toContainText('Said at 0:00 in the recording');

  // Re-run: progress shows, then the new run's result.
  await panel.getByRole('button', { name: 'Offline synthesis' }).click();
  await expect(panel.getByTestId('synthesis-label')).toHaveText('Offline synthesis', { timeout: 30_000 });

  // The guest's page synced the stage document (its frames carry its own transcript), and none of the synthesis.
  await expect.poll(() => guestFrames.text().includes(ANSWER_TEXTS['q-trace']!.slice(0, 30)), { timeout: 30_000 }).toBe(true);
  await guest.waitForTimeout(1000);
  const received = guestFrames.text();
  for (const secret of [result.summary, 'shows this.', 'lean-hire', 'Lean hire', 'synthesis-v1', 'AI synthesis', 'Offline synthesis', 'interview_synthesis']) {
    expect(received).not.toContain(secret);
  }
  expect(await guest.locator('body').innerText()).not.toContain(result.summary);
  await guestContext.close();
  await staffContext.close();
});
