/**
 * Code that allocates without end, on the guest's device (Run examples) and on the interviewer's (scoring the
 * submitted answer), ends as a run stopped for its memory, not as a time-out, and both pages carry on: the guest
 * runs and submits a right answer afterwards and the interviewer's page scores it.
 *
 * In Chromium a worker past its heap limit takes its whole renderer process down. The sandbox worker runs in a
 * sandboxed frame of its own process (worker/sandbox/frame-port.ts), so only that frame dies; the page sees the
 * frame fall silent and not answer a ping. Playwright takes a page for crashed when one of its frames crashes, so
 * after the hog both pages are read and driven over CDP sessions of their own (tests/support/page-over-cdp.ts).
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, testChromiumExecutable } from '../support/browser';
import { PageOverCdp } from '../support/page-over-cdp';
import { speechWav } from '../support/speech';
import { codingScoreKey, readScore } from '../../src/sync/answer-results';
import { memoryDetail } from '../../src/domain/coding/judge';
import { test, expect, codingQuestion, guestAtCodingQuestion, inviteLink, planOf, publishAndInvite, serverSees, SPOKEN_ANSWER } from './pages/guest-pages';

const BROWSER_LIMIT = memoryDetail(null);
const AT_LOAD = `the code ${BROWSER_LIMIT} while loading`;
/**
 * Allocates without end as it loads (arrays of 40 MB, kept), before any test. At load, because the sandbox allows
 * loading 10 s and a test only 2 s: on this shared machine a hog takes seconds to reach even a 128 MB heap, and one
 * that has not reached it when its time is up is, rightly, a time-out. (Node's worker, with a limit of its own,
 * covers a hog inside a test: tests/integration/code-sandbox.test.ts.)
 */
const HOG_AT_LOAD = 'const hog = [];\nfor (;;) {\n  hog.push(new Array(1e7).fill(hog.length));\n}\nfunction sum(values) {\n  return 0;\n}\n';
const RIGHT = 'function sum(values) {\n  return values.reduce((a, b) => a + b, 0);\n}\n';

test('code that runs out of memory is reported as such on the guest’s and the interviewer’s device, and both pages carry on', async ({ server, openProfile }) => {
  test.setTimeout(240_000);
  const id = 'code-sandbox-memory';
  const link = await publishAndInvite(server, planOf(id, [codingQuestion('q-code')]), 'Hog');
  // A low heap limit for this browser, so a hog reaches it in a moment without taking the shared machine's memory
  // (a desktop Chromium's limit is a few GB; what happens at the limit is the same).
  const browser = await chromium.launch({
    executablePath: testChromiumExecutable(),
    headless: true,
    args: [...CHROMIUM_ARGS, '--js-flags=--max-old-space-size=128', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${speechWav(SPOKEN_ANSWER)}`],
  });
  try {
    const interviewer = await (await openProfile(browser, { baseURL: server.url })).newPage();
    await interviewer.goto(await inviteLink(server, id, 'interviewer', 'Ivy Interviewer'));
    await expect(interviewer.getByTestId('answer-results')).toBeVisible({ timeout: 60_000 });
    const staffView = await PageOverCdp.open(interviewer);

    const guest = await (await openProfile(browser, { baseURL: server.url })).newPage();
    await guestAtCodingQuestion(guest, link);
    const guestView = await PageOverCdp.open(guest);

    // 1. The guest's Run examples: the run is stopped for its memory while loading, and the guest is told so.
    await guest.getByLabel('Your code').fill(HOG_AT_LOAD);
    await guest.getByRole('button', { name: /^Run examples/ }).click();
    // The run ends (whatever it says), then what it says is checked, so a failure shows the words the guest got.
    await guestView.waitFor(`document.querySelector('[data-testid="run-examples"] [role="alert"]') !== null`, true, 90_000);
    expect(await guestView.evaluate<string>(`document.querySelector('[data-testid="run-examples"] [role="alert"]').textContent`)).toContain(AT_LOAD);
    // The guest's page lived: the code is still in the editor, and the frame went with its run (a spare started
    // ahead for the next run may be there, having run nothing).
    expect(await guestView.evaluate<string>(`document.querySelector('.cm-content').innerText`)).toContain('new Array(1e7)');
    expect(await guestView.evaluate<number>(`document.querySelectorAll('[data-testid="code-sandbox-frame"][data-sandbox="run"]').length`)).toBe(0);
    expect(await guestView.evaluate<number>(`document.querySelectorAll('[data-testid="code-sandbox-frame"]').length`)).toBeLessThanOrEqual(1);

    // 2. Submitted as it is: the interviewer's device reports the same, and the score on the server says so.
    await guestView.clickButton('Submit code');
    await guestView.waitFor(`document.body.innerText.includes('Code submitted.')`, true);
    await serverSees(
      server,
      `${id}.assessment`,
      (d) => {
        const score = readScore(d, codingScoreKey('q-code'));
        return score?.kind === 'coding' && score.loadError === AT_LOAD;
      },
      'the run stopped for its memory while loading',
      120_000,
    );
    await staffView.waitFor(`document.querySelector('[data-question-id="q-code"] [data-testid="ai-coding-score"]')?.textContent.includes(${JSON.stringify(AT_LOAD)}) ?? false`, true);

    // 3. Both pages carry on: the guest runs a right answer and submits it, and the interviewer's page scores it.
    await guestView.replaceText('.cm-content', RIGHT);
    await guestView.waitFor(`document.querySelector('.cm-content').innerText.includes('reduce')`, true);
    await guestView.clickButton('Run examples again');
    await guestView.waitFor(`document.querySelector('[data-testid="test-verdicts"]')?.dataset.passed ?? null`, '1');
    await guestView.clickButton('Submit changes');
    await serverSees(server, `${id}.assessment`, (d) => {
      const score = readScore(d, codingScoreKey('q-code'));
      return score?.kind === 'coding' && score.passed === 3;
    }, 'the right answer scored in full', 120_000);
    await staffView.waitFor(`document.querySelector('[data-question-id="q-code"] [data-testid="ai-coding-score"]')?.dataset.passed ?? null`, '3');
  } finally {
    await browser.close();
  }
});
