/**
 * The final synthesis in Chromium, from the guest's first screen to the staff's evidence: the guest completes a
 * three-question interview through the real app (a spoken answer into the fake microphone, transcribed on the
 * guest's device with the committed random-weight Whisper fixture; a typed answer once the host allows typing; a
 * multiple-choice answer), the interviewer's device scores it, the server's status moves on to "synthesized" by
 * itself, and the interviewer sees the synthesis made by the server's cloud model (the OpenAI-compatible server on
 * loopback, which quotes the answers it was sent) with evidence that opens the right answer. A rating after it waits
 * for the review to settle (the panel says until when) and Re-run synthesis makes it at once. The guest's page,
 * whose every WebSocket frame is recorded, never receives any of it.
 *
 * Its own server: it needs a cloud model configured, which the worker's shared server has not.
 */
import { randomBytes } from 'node:crypto';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server';
import { answersInPrompt, isSynthesisRequest } from '../support/fake-synthesis-answers';
import { startServer, type ServerProcess } from '../support/server-process';
import { setTranscriptionPolicy } from '../../src/sync/answer-results';
import type { SynthesisView } from '../../src/domain/wrap-up/synthesis-records';
import {
  test,
  expect,
  consentAndStart,
  expectQuestion,
  hostDoc,
  inviteLink,
  mcqQuestion,
  nextQuestion,
  openInvite,
  passTechCheck,
  planOf,
  publishAndInvite,
  recordAnswer,
  sendHostCommand,
  serverSees,
  spokenQuestion,
} from './pages/guest-pages';
import { twoFrames } from './pages/frames';
import { rate, recordWebSocketFrames } from './pages/live-pages';

test.describe.configure({ timeout: 240_000 });

const KEY = `sk-test-${randomBytes(12).toString('hex')}`;
const TYPED_PROMPT = 'How would you make a slow report page faster?';
const TYPED_ANSWER =
  'First I would measure where the time goes with a profiler. Then I would add an index for the slow query and cache the rendered report for a few minutes.';
let fake: FakeOpenAiServer;
let server: ServerProcess;

test.beforeAll(async () => {
  fake = await startFakeOpenAiServer({ apiKey: KEY });
  server = await startServer({
    env: { INTERQ_TEST_MODELS: '1', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: 'test-model-1', LLM_TIMEOUT_MS: '15000' },
  });
});
test.afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

async function synthesisView(interviewId: string): Promise<SynthesisView> {
  const res = await fetch(`${server.url}/api/interviews/${interviewId}/synthesis`, { headers: { Authorization: `Bearer ${server.hostToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as SynthesisView;
}

test('a guest completes an interview in the browser; the server synthesizes it; the interviewer opens the evidence; the guest never receives it', async ({ micBrowser, openProfile }) => {
  fake.setSynthesisMode('good');
  const id = 'e2e-synthesis-ui';
  const plan = planOf(id, [
    spokenQuestion('q-spoken', 'Explain how a cache speeds up repeated reads and what can go wrong.'),
    spokenQuestion('q-typed', TYPED_PROMPT),
    mcqQuestion('q-mcq'),
  ]);
  const guestLink = await publishAndInvite(server, plan, 'Gita Guest');
  // The host requires on-device transcription with the fixture model (the live session's host control writes the same).
  const stage = await hostDoc(server, `${id}.stage`);
  setTranscriptionPolicy(stage.doc, { requires: 'local', modelId: 'whisper-test-tiny', setBy: 'e2e-host', at: Date.now() });
  await serverSees(server, `${id}.stage`, (d) => d.getMap('aiPolicy').has('transcription'), 'the transcription policy');
  stage.close();

  // The guest's real page, every frame it receives recorded from the first.
  const guestContext = await openProfile(micBrowser, { baseURL: server.url });
  const guest = await guestContext.newPage();
  const guestFrames = recordWebSocketFrames(guest);
  await openInvite(guest, guestLink);
  const optIn = guest.getByTestId('model-manager');
  await optIn.getByRole('button', { name: 'Download speech model' }).click();
  await expect(optIn).toHaveAttribute('data-model-phase', 'ready', { timeout: 60_000 });
  await passTechCheck(guest);
  await consentAndStart(guest);

  // 1: spoken, into the fake microphone, transcribed on the guest's device.
  await expectQuestion(guest, 1, 3);
  await recordAnswer(guest, 3);
  await expect(guest.getByTestId('ai-answer-status')).toHaveAttribute('data-ai-state', 'transcribed', { timeout: 120_000 });

  // The host lets the guest type from here on (as after trouble with a microphone).
  await sendHostCommand(server, id, { type: 'HOST_SET_ACCOMMODATIONS', accommodations: { extraTimePct: 0, extraRerecords: 0, typingInsteadOfSpeaking: true } });
  await nextQuestion(guest);

  // 2: typed.
  await expectQuestion(guest, 2, 3);
  await guest.getByLabel('Your answer').fill(TYPED_ANSWER);
  await guest.getByRole('button', { name: 'Submit answer' }).click();
  await expect(guest.getByText('Answer submitted.')).toBeVisible();
  await nextQuestion(guest);

  // 3: multiple choice.
  await expectQuestion(guest, 3, 3);
  await guest.getByRole('radio', { name: /404 Not Found/ }).check();
  await guest.getByRole('button', { name: 'Save answer' }).click();
  await expect(guest.getByTestId('mcq-saved')).toHaveText('Answer C saved.');
  await nextQuestion(guest);
  await expect(guest.getByRole('heading', { name: /you have completed the interview/ })).toBeVisible();

  // The interviewer's device scores the spoken and the multiple-choice answers; the server's status then moves on to
  // "scored" and the server asks the model by itself. The panel follows the status as it moves.
  const staffContext = await openProfile(micBrowser, { baseURL: server.url });
  const interviewer = await staffContext.newPage();
  await interviewer.goto(await inviteLink(server, id, 'interviewer', 'Ivan Interviewer'));
  const panel = interviewer.getByTestId('synthesis-panel');
  await expect(panel.getByTestId('interview-status')).toHaveText('Synthesized', { timeout: 150_000 });

  // What the server stored: one cloud synthesis of this input, made from the answers as the guest gave them.
  const view = await synthesisView(id);
  expect(view.status).toMatchObject({ status: 'synthesized', answers: 3, recordings: 1, uploaded: 1, transcribed: 1, toScore: 2, scored: 2 });
  expect(view.latest).toMatchObject({ state: 'done', kind: 'llm', model: 'test-model-1', trigger: 'scored' });
  const asked = fake.requests.filter((r) => r.body && isSynthesisRequest(r.body));
  expect(asked.length).toBeGreaterThanOrEqual(1);
  const typed = answersInPrompt(asked[0]!.body!).find((a) => a.questionId === 'q-typed');
  expect(typed?.text).toBe(TYPED_ANSWER);
  expect(JSON.stringify(asked[0]!.body)).not.toContain('Gita Guest');
  const result = view.latest!.result!;
  const typedClaim = [...result.strengths, ...result.concerns].find((c) => c.evidence.questionId === 'q-typed');
  expect(typedClaim, 'a claim quoting the typed answer').toBeTruthy();

  await expect(panel.getByTestId('synthesis-label')).toHaveText('AI synthesis');
  await expect(panel.getByTestId('synthesis-recommendation')).toHaveText('Lean hire');
  await expect(panel.getByText(result.summary)).toBeVisible();
  await expect(panel).toContainText(`${view.latest!.claimsKept} claims kept, ${view.latest!.claimsDropped} dropped`);

  // A quote opens its answer: the right question, the answer with the quote marked.
  await panel.locator('button.quote[data-question-id="q-typed"]').first().click();
  const evidence = panel.getByTestId('synthesis-evidence');
  await expect(evidence).toHaveAttribute('data-question-id', 'q-typed');
  await expect(evidence).toContainText(`Question 2: ${TYPED_PROMPT}`);
  await expect(evidence.locator('mark')).toHaveText(typedClaim!.evidence.quote);
  await expect(evidence.getByTestId('evidence-answer')).toHaveText(TYPED_ANSWER);

  // Re-run offline: the new run's result replaces it.
  await panel.getByRole('button', { name: 'Offline synthesis' }).click();
  await expect(panel.getByTestId('synthesis-label')).toHaveText('Offline synthesis', { timeout: 30_000 });

  // A rating now is a new input. The server waits for the review to settle (two minutes, the default) before making
  // another by itself, and the panel says so and when; Re-run synthesis makes it at once.
  const asksBefore = fake.requests.filter((r) => r.body && isSynthesisRequest(r.body)).length;
  await rate(interviewer, 4);
  await expect(panel.getByTestId('interview-status')).toHaveText('Scored', { timeout: 30_000 });
  const due = panel.getByTestId('synthesis-due');
  await expect(due).toContainText('A new one is made at');
  const waiting = await synthesisView(id);
  expect(waiting.running).toBeNull();
  expect(waiting.resynthesisDueAt).toBeGreaterThan(Date.now() + 60_000);
  // By keyboard: the button keeps the focus while the run goes on (unavailable, not disabled), and a second press
  // asks for nothing more.
  const rerunButton = panel.getByRole('button', { name: 'Re-run synthesis' });
  await rerunButton.focus();
  await interviewer.keyboard.press('Enter');
  await expect(rerunButton).toHaveAttribute('aria-disabled', 'true');
  await twoFrames(interviewer);
  await expect(rerunButton).toBeFocused();
  await interviewer.keyboard.press('Enter');
  await expect(panel.getByTestId('interview-status')).toHaveText('Synthesized', { timeout: 60_000 });
  await expect(rerunButton).toBeFocused();
  await expect(due).toHaveCount(0);
  expect((await synthesisView(id)).latest).toMatchObject({ state: 'done', kind: 'llm', trigger: 'host' });
  expect(fake.requests.filter((r) => r.body && isSynthesisRequest(r.body)).length).toBe(asksBefore + 1);

  // The guest's page kept receiving the shared session (the host's command reached it through its frames), and none
  // of the synthesis: not in any frame, not on the page.
  await guest.waitForTimeout(1000);
  const received = guestFrames.text();
  expect(received).toContain('HOST_SET_ACCOMMODATIONS');
  for (const secret of [result.summary, 'shows this.', 'lean-hire', 'Lean hire', 'synthesis-v1', 'AI synthesis', 'Offline synthesis', 'interview_synthesis']) {
    expect(received).not.toContain(secret);
  }
  expect(await guest.locator('body').innerText()).not.toContain(result.summary);
  await guestContext.close();
  await staffContext.close();
});
