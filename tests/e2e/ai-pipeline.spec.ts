/**
 * On-device AI through the real app in Chromium: a guest answers a spoken question into a fake microphone
 * (espeak-ng WAV); the guest's device transcribes it with the committed random-weight Whisper fixture
 * (models/fixtures/whisper-test-tiny, listed in models/manifest.json) in the ASR worker; the transcript shows on the
 * guest's answer and reaches the staff screen through the stage document; an interviewer's device scores it
 * against the answer key in the scoring worker and shows the explained score, stored in the staff document.
 * Random weights give nonsense words, but every step is the real one.
 *
 * The host picks the fixture model and requires on-device transcription through the stage document's policy, the
 * same switch the live session's host control writes; the app's default model stays whisper-tiny.en.
 *
 * Also the Speech model panel: download with per-file progress, space used, remove; and the note when a model's
 * files are not installed on the server.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, testChromiumExecutable, fakeMicArgs } from '../support/browser';
import { REPO_ROOT } from '../support/server-process';
import { mcqQuestion, planOf, publishAndInvite, spokenQuestion, test, expect, openInvite, passTechCheck, consentAndStart, recordAnswer, nextQuestion, hostDoc, serverSees, expectQuestion, inviteLink } from './pages/guest-pages';
import type { ServerProcess } from '../support/server-process';
import { readScore, readTranscripts, setTranscriptionPolicy } from '../../src/sync/answer-results';

// The tests share nothing but the worker's server (each its own interview), so two workers may split them: the
// suite's longest files would otherwise keep one worker busy while the other ran out of files (#12).
test.describe.configure({ mode: 'parallel', timeout: 180_000 });

test('a spoken answer is transcribed on the guest’s device, shown to the guest and to staff, and scored with reasons on the interviewer’s device', async ({ guestContext, server }) => {
  const id = 'ai-pipeline';
  await publishAndInvite(server, planOf(id, [spokenQuestion('q-spoken', 'Explain how a cache speeds up repeated reads and what can go wrong.'), mcqQuestion('q-mcq')]), 'Grace Hopper');
  const guestLink = await inviteLink(server, id, 'guest', 'Grace Hopper');

  // The host requires on-device transcription with the fixture model.
  const stage = await hostDoc(server, `${id}.stage`);
  setTranscriptionPolicy(stage.doc, { requires: 'local', modelId: 'whisper-test-tiny', setBy: 'e2e-host', at: Date.now() });
  await serverSees(server, `${id}.stage`, (d) => d.getMap('aiPolicy').has('transcription'), 'the transcription policy');
  stage.close();

  const guestCtx = await guestContext();
  const guest = await guestCtx.newPage();
  await openInvite(guest, guestLink);
  // The technical check offers the model (the host requires on-device transcription); nothing downloads until asked.
  const optIn = guest.getByTestId('model-manager');
  await expect(optIn).toHaveAttribute('data-model-phase', 'not-downloaded');
  await expect(optIn.getByRole('heading', { name: 'Transcribe on this device (optional)' })).toBeVisible();
  await optIn.getByRole('button', { name: 'Download speech model' }).click();
  await expect(optIn).toHaveAttribute('data-model-phase', 'ready', { timeout: 60_000 });
  await passTechCheck(guest);
  await consentAndStart(guest);
  await expectQuestion(guest, 1, 2);
  await recordAnswer(guest, 4);

  // The guest's own answer says where it was processed, and shows the transcript.
  const status = guest.getByTestId('ai-answer-status');
  await expect(status).toHaveAttribute('data-ai-state', 'transcribed', { timeout: 120_000 });
  await expect(status).toHaveAttribute('data-processed-on', 'guest-device');
  await expect(status).toContainText('Transcribed on this device');
  await expect(status).toContainText('whisper-test-tiny');
  await expect(guest.getByRole('heading', { name: 'Transcript of your answer' })).toBeVisible();
  await expect(guest.getByTestId('answer-stored')).toHaveAttribute('data-status', 'answered');

  // Multiple choice: C (404 Not Found) is right.
  await nextQuestion(guest);
  await expectQuestion(guest, 2, 2);
  await guest.getByRole('radio', { name: /404 Not Found/ }).check();
  await guest.getByRole('button', { name: 'Save answer' }).click();
  await expect(guest.getByTestId('mcq-saved')).toBeVisible();

  // The transcript reached the server's stage document, from the guest's device.
  let recordingId = '';
  await serverSees(
    server,
    `${id}.stage`,
    (d) => {
      const t = readTranscripts(d)[0];
      if (!t) return false;
      recordingId = t.recordingId;
      return t.processedOn === 'guest-device' && t.model === 'whisper-test-tiny' && t.questionId === 'q-spoken' && t.durationSec > 3;
    },
    'the guest device transcript',
    60_000,
  );

  // The interviewer: transcript, where it was made, and the first-pass score with its reasons.
  const interviewerCtx = await guestContext();
  const interviewer = await interviewerCtx.newPage();
  await interviewer.goto(await inviteLink(server, id, 'interviewer', 'Ivy Interviewer'));
  const results = interviewer.getByTestId('answer-results');
  const spoken = results.locator('[data-question-id="q-spoken"]');
  await expect(spoken.getByTestId('ai-transcript-where')).toHaveAttribute('data-processed-on', 'guest-device', { timeout: 60_000 });
  await expect(spoken.getByTestId('ai-transcript-where')).toContainText("Processed on the candidate's device");
  const guestText = (await readStoredTranscriptText(guest, recordingId)).trim();
  await expect(spoken.getByTestId('ai-transcript-text')).toHaveText(guestText.length > 0 ? guestText : '(no words recognised)');
  const score = spoken.getByTestId('ai-score');
  await expect(score).toBeVisible({ timeout: 60_000 });
  await expect(score).toContainText(/Technical accuracy: \d\.\d \/ 5/);
  await expect(spoken.getByTestId('ai-score-explanation')).not.toBeEmpty();
  await expect(score).toContainText('Concepts missed');
  await expect(spoken.getByTestId('ai-tone')).toContainText('Tone:');
  await expect(spoken.getByTestId('ai-delivery')).toContainText(/Delivery: \d+ words?/);
  await expect(spoken.getByTestId('ai-score-where')).toContainText('scored on a staff device (Ivy Interviewer)');
  const mcq = results.locator('[data-question-id="q-mcq"]').getByTestId('ai-mcq-score');
  await expect(mcq).toHaveAttribute('data-correct', 'true', { timeout: 30_000 });
  await expect(mcq).toContainText('404 is the status for a missing resource.');

  // The score is in the assessment document on the server, with the rubric's concepts accounted for.
  await serverSees(
    server,
    `${id}.assessment`,
    (d) => {
      const s = readScore(d, recordingId);
      return s?.kind === 'spoken' && s.processedOn === 'staff-device' && s.transcribedOn === 'guest-device' && s.accuracy.conceptsFound.length + s.accuracy.conceptsMissed.length === 3;
    },
    'the explained score',
    30_000,
  );
  // The guest's device never holds the staff, assessment or key documents.
  const guestDbs = await guest.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  expect(guestDbs.some((n) => n.endsWith('.staff') || n.endsWith('.assessment') || n.endsWith('.key'))).toBe(false);
});

async function readStoredTranscriptText(page: Page, recordingId: string): Promise<string> {
  return page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('interq');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const value = await new Promise<{ value?: { text?: string } } | undefined>((resolve, reject) => {
      const req = db.transaction('kv').objectStore('kv').get(key);
      req.onsuccess = () => resolve(req.result as never);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return value?.value?.text ?? '';
  }, `transcript:${recordingId}`);
}

test('the Speech model panel downloads with progress, shows the space used, removes, and says when files are not installed', async ({ guestContext, server }) => {
  const ctx = await guestContext();
  const page = await ctx.newPage();
  await page.goto(server.hostLink);
  const panel = page.getByTestId('model-manager');
  // The e2e servers offer the generated test models (INTERQ_TEST_MODELS=1): every screen says what they are.
  await expect(page.getByTestId('test-model-banner')).toContainText('Test model: transcripts are meaningless');
  // In a landmark of its own, so nothing of the page is outside every region (axe's region rule, on the page as it is).
  await expect(page.getByRole('complementary', { name: 'Development server' }).getByTestId('test-model-banner')).toBeVisible();
  expect((await new AxeBuilder({ page }).withRules(['region']).analyze()).violations.map((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);

  // The default model's weights are not on this server (only generated test models are).
  await expect(panel).toHaveAttribute('data-model-id', 'whisper-tiny.en');
  await expect(panel.getByTestId('model-not-installed')).toContainText('The speech model is not on this server yet');

  await panel.getByLabel('Model').selectOption('whisper-test-tiny');
  await expect(panel.getByTestId('model-status')).toContainText('Not downloaded');
  await expect(panel.getByTestId('model-not-installed')).toHaveCount(0);
  const before = Number(await panel.getByTestId('model-space').getAttribute('data-model-bytes'));

  await panel.getByRole('button', { name: 'Download' }).click();
  await expect(panel.getByTestId('model-status')).toContainText('Ready on this device', { timeout: 60_000 });
  // Every file reported progress to its full size and was verified against the manifest's hash.
  const bars = panel.getByTestId('model-progress-file');
  await expect(bars).toHaveCount(8); // 5 configs and tokenizer, 2 q8 weights, and the speech detector (VAD)
  for (const bar of await bars.all()) {
    const max = Number(await bar.getAttribute('max'));
    expect(max).toBeGreaterThan(0);
    expect(Number(await bar.evaluate((el) => (el as HTMLProgressElement).value))).toBe(max);
  }
  const overall = panel.getByTestId('model-progress-overall');
  expect(await overall.evaluate((el) => (el as HTMLProgressElement).value)).toBe(await overall.evaluate((el) => (el as HTMLProgressElement).max));
  const space = panel.getByTestId('model-space');
  await expect.poll(async () => Number(await space.getAttribute('data-model-bytes'))).toBeGreaterThan(before + 390_000);
  expect(Number(await space.getAttribute('data-origin-bytes'))).toBeGreaterThan(0);
  const stored = Number(await space.getAttribute('data-model-bytes'));

  // Remove: the model's bytes are freed (the shared speech detector stays).
  await panel.getByRole('button', { name: 'Remove' }).click();
  await expect(panel.getByTestId('model-message')).toContainText(/Removed .*: \d+(\.\d)? KB freed/);
  await expect(panel.getByTestId('model-status')).toContainText('Not downloaded');
  await expect.poll(async () => Number(await space.getAttribute('data-model-bytes'))).toBeLessThanOrEqual(stored - 390_000);
  const cacheEntries = await page.evaluate(async () => {
    const cache = await caches.open('interq-asr-models-v1');
    return (await cache.keys()).map((r) => r.url).filter((u) => u.includes('whisper-test-tiny'));
  });
  expect(cacheEntries).toEqual([]);
});

test('when the host requires staff transcription, the guest downloads nothing and staff see the answer queued for a device with the model', async ({ guestContext, server }) => {
  const id = 'ai-staff-queue';
  await publishAndInvite(server, planOf(id, [spokenQuestion('q-spoken', 'Explain how a cache speeds up repeated reads and what can go wrong.')]), 'Alan Turing');

  // The host sets it in the live session's AI section.
  const host = await (await guestContext()).newPage();
  // The host's token in the fragment, as the host link carries it: stored from any path, so no start page first.
  await host.goto(`/session/${id}#host=${server.hostToken}`);
  const ai = host.getByTestId('live-ai');
  await ai.getByText('Speech model and transcription').click();
  await ai.getByLabel('Where answers are transcribed').selectOption('staff');
  await ai.getByLabel('Model on the candidate’s device'.replace('’', "'")).selectOption('whisper-tiny.en');
  await serverSees(
    server,
    `${id}.stage`,
    (d) => {
      const p = d.getMap('aiPolicy').get('transcription') as { requires?: string; modelId?: string } | undefined;
      return p?.requires === 'staff' && p.modelId === 'whisper-tiny.en';
    },
    'the policy set by the host',
  );

  const guestCtx = await guestContext();
  const guest = await guestCtx.newPage();
  const modelRequests: string[] = [];
  guestCtx.on('request', (r) => {
    if (/\/models\/.*\.onnx|asr\.worker|ort-wasm/.test(r.url())) modelRequests.push(r.url());
  });
  await openInvite(guest, await inviteLink(server, id, 'guest', 'Alan Turing'));
  await expect(guest.getByTestId('model-manager')).toHaveCount(0);
  await passTechCheck(guest);
  await consentAndStart(guest);
  await recordAnswer(guest, 3);
  const status = guest.getByTestId('ai-answer-status');
  await expect(status).toHaveAttribute('data-ai-state', 'queued-staff');
  await expect(status).toContainText('Queued for a staff device');
  await expect(status).toContainText('the host asked for answers to be transcribed by staff');
  expect(modelRequests).toEqual([]);

  const interviewer = await (await guestContext()).newPage();
  await interviewer.goto(await inviteLink(server, id, 'interviewer', 'Ivy Interviewer'));
  // The take uploads on its own; a staff device without the model lists it as waiting or ready for one that has it.
  await expect(interviewer.getByTestId('live-ai').getByTestId('staff-queue-item')).toHaveAttribute('data-state', /^(waiting-upload|ready)$/, { timeout: 30_000 });
});

test('a model file that fails its hash is not stored and the panel says so, with a retry', async ({ guestContext, server }) => {
  const ctx = await guestContext();
  // The server's copy of one weight file arrives with a flipped byte.
  await ctx.route('**/models/fixtures/whisper-test-tiny/onnx/decoder_model_merged_quantized.onnx', async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(await res.body());
    body[body.length >> 1] = body[body.length >> 1]! ^ 0xff;
    await route.fulfill({ response: res, body });
  });
  const page = await ctx.newPage();
  await page.goto(server.hostLink);
  const panel = page.getByTestId('model-manager');
  await panel.getByLabel('Model').selectOption('whisper-test-tiny');
  await panel.getByRole('button', { name: 'Download' }).click();
  await expect(panel).toHaveAttribute('data-model-phase', 'failed', { timeout: 60_000 });
  await expect(panel.getByTestId('model-failure')).toHaveAttribute('data-failure-kind', 'hash-mismatch');
  await expect(panel.getByTestId('model-failure')).toContainText('failed its integrity check; it was not saved');
  await expect(panel.getByRole('button', { name: 'Retry download' })).toBeEnabled();
  const stored = await page.evaluate(async () => (await (await caches.open('interq-asr-models-v1')).keys()).map((r) => r.url).filter((u) => u.includes('decoder_model_merged_quantized')));
  expect(stored).toEqual([]);
});

test('a silent answer gets a clear "could not transcribe" on the answer, the recording is kept, and nothing is retried in vain', async ({ server, openProfile }) => {
  const id = 'ai-silence';
  await publishAndInvite(server, planOf(id, [spokenQuestion('q-spoken', 'Explain how a cache speeds up repeated reads and what can go wrong.')]), 'Quiet Candidate');
  const stage = await hostDoc(server, `${id}.stage`);
  setTranscriptionPolicy(stage.doc, { requires: 'local', modelId: 'whisper-test-tiny', setBy: 'e2e-host', at: Date.now() });
  await serverSees(server, `${id}.stage`, (d) => d.getMap('aiPolicy').has('transcription'), 'the transcription policy');
  stage.close();

  // A microphone that hears nothing: 6 s of digital silence at 48 kHz, as Chromium's fake capture reads it.
  const silence = path.join(REPO_ROOT, '.tmp', 'speech', 'silence-6s.wav');
  fs.mkdirSync(path.dirname(silence), { recursive: true });
  if (!fs.existsSync(silence)) execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', silence, 'trim', '0', '6']);
  const browser = await chromium.launch({ executablePath: testChromiumExecutable(), headless: true, args: [...CHROMIUM_ARGS, ...fakeMicArgs(silence)] });
  try {
    const ctx = await openProfile(browser, { baseURL: server.url });
    const guest = await ctx.newPage();
    await openInvite(guest, await inviteLink(server, id, 'guest', 'Quiet Candidate'));
    await passTechCheck(guest);
    await consentAndStart(guest);
    await recordAnswer(guest, 3);
    const status = guest.getByTestId('ai-answer-status');
    await expect(status).toHaveAttribute('data-ai-state', 'failed', { timeout: 120_000 });
    await expect(status).toContainText('could not transcribe: no speech was heard in this answer');
    await expect(status).toContainText('Your recording is saved');
    await expect(status.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(guest.getByTestId('answer-stored')).toHaveAttribute('data-status', 'answered');
    // The audio is still there to listen to or to upload.
    const bytes = await guest.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('interq');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const all = await new Promise<Array<{ bytes: number; status: string }>>((resolve, reject) => {
        const req = db.transaction('recordings').objectStore('recordings').getAll();
        req.onsuccess = () => resolve(req.result as never);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return all.filter((r) => r.status === 'complete').map((r) => r.bytes);
    });
    expect(bytes.length).toBe(1);
    expect(bytes[0]).toBeGreaterThan(1000);
  } finally {
    await browser.close();
  }
});
