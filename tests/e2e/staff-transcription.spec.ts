/**
 * Staff-device transcription through the real app in Chromium (issue #5 item 7): the host requires answers to be
 * transcribed by staff, so the guest's device downloads no model and queues its spoken answer; the guest's upload
 * queue sends the take to the real sync server (resumable upload, checksum) and announces it in the stage
 * document for a staff device; the host's device, which downloaded the committed random-weight Whisper fixture
 * ahead of time, downloads the take with its own token, transcribes it in its ASR worker, writes the transcript
 * back, scores it against the answer key; the guest's answer then says "Processed on a staff device".
 */
import type { Locator, Page } from '@playwright/test';
import { planOf, publishAndInvite, spokenQuestion, test, expect, openInvite, passTechCheck, consentAndStart, recordAnswer, hostDoc, serverSees, inviteLink } from './pages/guest-pages';
import type { ServerProcess } from '../support/server-process';
import { readScore, readTranscripts, readUploads, setTranscriptionPolicy } from '../../src/sync/answer-results';

test.describe.configure({ timeout: 240_000 });

async function openSessionAsHost(page: Page, server: ServerProcess, interviewId: string): Promise<void> {
  // The host's token in the fragment, as the host link carries it: the app stores it from any path, so the session
  // opens at once, without the start page (and its question-bank download) the host link would show first.
  await page.goto(`/session/${interviewId}#host=${server.hostToken}`);
}


/** Publishes a one-question interview whose host requires staff-device transcription, and waits until the server has the policy. */
async function publishRequiringStaff(server: ServerProcess, id: string, guestName: string): Promise<void> {
  await publishAndInvite(server, planOf(id, [spokenQuestion('q-spoken', 'Explain how a cache speeds up repeated reads and what can go wrong.')]), guestName);
  const stage = await hostDoc(server, `${id}.stage`);
  setTranscriptionPolicy(stage.doc, { requires: 'staff', modelId: null, setBy: 'e2e-host', at: Date.now() });
  await serverSees(server, `${id}.stage`, (d) => d.getMap('aiPolicy').has('transcription'), 'the transcription policy');
  stage.close();
}

test('an answer queued for staff is uploaded, transcribed and scored on the host’s device, and the guest sees where it was processed', async ({ guestContext, server }) => {
  const id = 'staff-asr';
  await publishRequiringStaff(server, id, 'Barbara Liskov');

  // The host's device gets the speech model ahead of time, from the live session's Speech model panel.
  const host = await (await guestContext()).newPage();
  await openSessionAsHost(host, server, id);
  const ai = host.getByTestId('live-ai');
  await ai.getByText('Speech model and transcription').click();
  const panel = ai.getByTestId('model-manager');
  await panel.getByLabel('Model').selectOption('whisper-test-tiny');
  await panel.getByRole('button', { name: 'Download' }).click();
  await expect(panel.getByTestId('model-status')).toContainText('Ready on this device', { timeout: 60_000 });

  // The guest: no model, no ASR worker; the answer is queued for a staff device.
  const guestCtx = await guestContext();
  const modelRequests: string[] = [];
  guestCtx.on('request', (r) => {
    // A HEAD asking whether the server has the model is not a download.
    if (r.method() === 'GET' && /\/models\/.*\.onnx|asr\.worker|ort-wasm/.test(r.url())) modelRequests.push(r.url());
  });
  const guest = await guestCtx.newPage();
  await openInvite(guest, await inviteLink(server, id, 'guest', 'Barbara Liskov'));
  await passTechCheck(guest);
  await consentAndStart(guest);
  await recordAnswer(guest, 4);
  const status = guest.getByTestId('ai-answer-status');
  await expect(status).toHaveAttribute('data-ai-state', 'queued-staff');

  // The take reaches the server and is announced for a staff device.
  let recordingId = '';
  await serverSees(
    server,
    `${id}.stage`,
    (d) => {
      const u = readUploads(d)[0];
      if (!u) return false;
      recordingId = u.recordingId;
      return u.transcribeOn === 'staff-device' && u.questionId === 'q-spoken' && u.bytes > 1000;
    },
    'the upload record',
    60_000,
  );

  // The host's device transcribes it and shows where; then scores it.
  const item = ai.getByTestId('staff-queue-item');
  await expect(item).toHaveAttribute('data-recording-id', recordingId);
  await expect(item).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(item).toContainText('transcribed on a staff device (whisper-test-tiny)');
  const spoken = ai.getByTestId('answer-results').locator('[data-question-id="q-spoken"]');
  await expect(spoken.getByTestId('ai-transcript-where')).toHaveAttribute('data-processed-on', 'staff-device');
  await expect(spoken.getByTestId('ai-transcript-where')).toContainText('Processed on a staff device · whisper-test-tiny');
  await expect(spoken.getByTestId('ai-score')).toContainText(/Technical accuracy: \d\.\d \/ 5/, { timeout: 60_000 });
  await expect(spoken.getByTestId('ai-score-where')).toContainText('Transcribed: on a staff device · scored on a staff device');
  // The host listens to the answer with the transcript beside it (issue #12, item 7).
  await spoken.getByRole('button', { name: 'Listen to the answer to Q1' }).click();
  await expectPlays(spoken, 'server');
  await expect(spoken.getByTestId('ai-transcript-text')).toBeVisible();

  // The documents on the server say the same.
  await serverSees(server, `${id}.stage`, (d) => readTranscripts(d).some((t) => t.recordingId === recordingId && t.processedOn === 'staff-device' && t.model === 'whisper-test-tiny' && t.durationSec > 3), 'the staff-device transcript');
  await serverSees(server, `${id}.assessment`, (d) => {
    const s = readScore(d, recordingId);
    return s?.kind === 'spoken' && s.transcribedOn === 'staff-device';
  }, 'the score of the staff-device transcript');

  // The guest's answer says where it was processed, and shows the transcript; the guest never loaded the model.
  await expect(status).toHaveAttribute('data-ai-state', 'transcribed', { timeout: 30_000 });
  await expect(status).toHaveAttribute('data-processed-on', 'staff-device');
  await expect(status).toContainText('Processed on a staff device');
  expect(modelRequests).toEqual([]);
});

test('a staff device without the speech model says how many answers wait and points to the download', async ({ guestContext, server }) => {
  const id = 'staff-asr-no-model';
  await publishRequiringStaff(server, id, 'Edsger Dijkstra');

  const guest = await (await guestContext()).newPage();
  await openInvite(guest, await inviteLink(server, id, 'guest', 'Edsger Dijkstra'));
  await passTechCheck(guest);
  await consentAndStart(guest);
  await recordAnswer(guest, 3);
  await serverSees(server, `${id}.stage`, (d) => readUploads(d).some((u) => u.transcribeOn === 'staff-device'), 'the upload record', 60_000);

  // An interviewer whose device has no model: nothing is transcribed, and the panel says why and where to fix it.
  const interviewer = await (await guestContext()).newPage();
  const interviewerLink = await inviteLink(server, id, 'interviewer', 'Ivy Interviewer');
  await interviewer.goto(interviewerLink);
  const ai = interviewer.getByTestId('live-ai');
  await expect(ai.getByTestId('staff-queue-item')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(ai.getByTestId('staff-model-missing')).toContainText('1 answer waits for a staff device with the speech model');
  await ai.getByRole('link', { name: 'download it below' }).click();
  await expect(ai.getByTestId('model-manager')).toBeVisible();
  await expect(guest.getByTestId('ai-answer-status')).toHaveAttribute('data-ai-state', 'queued-staff');

  // The interviewer listens before any transcript exists: fetched with the token in the Authorization header,
  // never in a URL, played from a blob: URL; a second listen plays this device's copy.
  const token = new URL(interviewerLink).hash.replace(/^#t=/, '');
  expect(token.length).toBeGreaterThan(20);
  const urls: string[] = [];
  interviewer.on('request', (r) => urls.push(r.url()));
  const answer = ai.getByTestId('answer-results').locator('[data-question-id="q-spoken"]');
  const download = interviewer.waitForRequest((r) => /\/recordings\/[^/]+\/audio$/.test(new URL(r.url()).pathname));
  await answer.getByRole('button', { name: 'Listen to the answer to Q1' }).click();
  expect((await download).headers()['authorization']).toMatch(/^Bearer \S+$/);
  await expectPlays(answer, 'server');
  await interviewer.reload();
  await ai.getByTestId('answer-results').locator('[data-question-id="q-spoken"]').getByRole('button', { name: 'Listen to the answer to Q1' }).click();
  await expectPlays(ai.getByTestId('answer-results').locator('[data-question-id="q-spoken"]'), 'this-device');
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.filter((u) => u.includes(token))).toEqual([]);
});

/** The answer's player has loaded a recording from `source` (a blob: URL) that actually plays. */
async function expectPlays(item: Locator, source: 'server' | 'this-device'): Promise<void> {
  const player = item.getByTestId('answer-audio');
  await expect(player).toHaveAttribute('data-source', source, { timeout: 30_000 });
  const audio = player.locator('audio');
  await expect(audio).toHaveAttribute('src', /^blob:/);
  await audio.evaluate((el: HTMLAudioElement) => {
    el.muted = true;
    return el.play();
  });
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 15_000 }).toBeGreaterThan(0);
}

