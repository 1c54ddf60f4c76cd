/**
 * The results dashboard's review path in Chromium, on interviews written through the server's real write paths (the
 * stage machine's session in the documents, answer audio through the upload API): the host issues a reviewer link
 * in the UI; the reviewer finds the candidate, clicks a transcript word and the recording seeks there, rates an
 * answer and sees this candidate's Accuracy Delta move to the value computed here by hand; CSV and JSON reports
 * download and parse (the CSV with its byte order mark, quoting and formula neutralising), the page's print path
 * gives a PDF whose text pdftotext reads; Solution Analysis compares the candidates; the host deletes the candidate
 * from the UI and the server holds nothing of it any more.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import type { YwsClient } from '../support/yws-client';
import { expect, openAsHost, test } from './fixtures';
import { openCandidate, seedCandidate } from './pages/admin-pages';

/** RFC 4180: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

async function saved(download: Promise<Download>): Promise<Buffer> {
  const d = await download;
  return fs.readFileSync((await d.path())!);
}

test('a reviewer seeks the recording, rates, exports and compares; the host deletes the candidate', async ({ newProfile, server }, testInfo) => {
  test.setTimeout(240_000);
  const clients: YwsClient[] = [];
  const suffix = Date.now().toString(36);
  // A non-ASCII name (the CSV's byte order mark keeps it readable in Excel) and a second candidate to compare with.
  const a = await seedCandidate(server, clients, `rev-a-${suffix}`, `Zoë Reviewtest ${suffix}`, (i) => [4, 3, 5, 2, 4][i % 5]!);
  const b = await seedCandidate(server, clients, `rev-b-${suffix}`, `Bo Reviewtest ${suffix}`, (i) => [2, 2, 1, 3, 2][i % 5]!, {
    code: 'function solve(list){const s=new Set();for(const v of list){if(s.has(v))return v;s.add(v)}return null}',
  });
  for (const c of clients) c.destroy();

  // The host issues a reviewer link in the UI.
  const host = await openAsHost(await newProfile(), server);
  await host.goto('/admin/results');
  await host.getByText('Reviewer link for the hiring committee').click();
  await host.getByLabel('Reviewer’s name').fill('Rita Reviewer');
  await host.getByRole('button', { name: 'Create reviewer link' }).click();
  const reviewerUrl = await host.getByLabel('Reviewer link').inputValue();
  expect(reviewerUrl).toContain('/admin/results#t=');

  const reviewer = await (await newProfile()).newPage();
  await reviewer.goto(reviewerUrl);
  // The link's token is stored (IndexedDB) before the first list loads: wait for it, a navigation now would cut it short.
  await expect(reviewer.getByText(/candidate interviews; showing/)).toBeVisible({ timeout: 30_000 });
  await openCandidate(reviewer, a.name);
  // A reviewer reads and rates; deleting is the host's.
  await expect(reviewer.getByRole('button', { name: 'Delete this candidate’s data' })).toHaveCount(0);

  // Clicking a transcript word seeks the recording to that word (the seeded words are 0.5 s apart).
  const answer = reviewer.getByRole('region', { name: new RegExp(a.spoken.prompt.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  const audio = answer.getByLabel('Answer recording');
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  const words = answer.locator('.transcript-words button');
  await words.nth(6).click();
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeCloseTo(3.0, 1);
  await expect(words.nth(6)).toHaveAttribute('aria-current', 'true');

  // Before any rating this candidate has no Accuracy Delta; one rating of 1 against the AI's score moves it.
  await expect(reviewer.getByTestId('candidate-accuracy-delta')).toContainText('over 0 rated answers');
  await answer.getByLabel('Your rating (0–5)').selectOption('1');
  await answer.getByLabel('Note').fill('=SUM(A1) vague, "missed" the point');
  await answer.getByRole('button', { name: 'Save rating' }).click();
  await expect(answer.getByRole('status')).toHaveText('Rating saved.');
  // By hand: one pair (AI, human) = (ai, 1).
  const mad = Math.abs(a.spoken.ai - 1).toFixed(3);
  const signed = (a.spoken.ai - 1).toFixed(3);
  await expect(reviewer.getByTestId('candidate-accuracy-delta')).toContainText(`mean absolute difference ${mad}, signed ${signed}`);
  await expect(reviewer.getByTestId('candidate-accuracy-delta')).toContainText('over 1 rated answer.');
  await expect(answer.getByText(/1 by Rita Reviewer \(reviewer\)/)).toBeVisible();

  // CSV: byte order mark, then RFC 4180 rows; the note's formula is neutralised and its quotes survive.
  const csvBytes = await saved(Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('button', { name: 'Download CSV' }).click()]).then(([d]) => d));
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(csvBytes.subarray(3).toString('utf8'));
  expect(rows[0]).toEqual(['interview', 'candidate', 'question', 'kind', 'prompt', 'score_source', 'score', 'rater', 'note']);
  expect(rows.slice(1).every((r) => r.length === 9 && r[0] === a.id && r[1] === a.name)).toBe(true);
  expect(rows).toContainEqual([a.id, a.name, a.spoken.id, 'spoken', expect.any(String), 'human', '1', 'Rita Reviewer (reviewer)', `'=SUM(A1) vague, "missed" the point`]);
  expect(rows).toContainEqual([a.id, a.name, a.spoken.id, 'spoken', expect.any(String), 'AI first pass', String(a.spoken.ai), 'AI', expect.any(String)]);

  const json = JSON.parse(
    (await saved(Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('button', { name: 'Download JSON' }).click()]).then(([d]) => d))).toString('utf8'),
  ) as { kind: string; candidate: string; questions: Array<{ id: string; aiScore: number | null; humanRatings: Array<{ by: string; score: number }> }> };
  expect(json.kind).toBe('interq-candidate-report');
  expect(json.candidate).toBe(a.name);
  expect(json.questions.find((q) => q.id === a.spoken.id)).toMatchObject({ aiScore: a.spoken.ai, humanRatings: [{ by: 'Rita Reviewer', score: 1 }] });

  // The print path (Print or save as PDF) as Chromium prints it: the PDF's text has the candidate and the scores.
  await reviewer.emulateMedia({ media: 'print' });
  const pdfFile = testInfo.outputPath('candidate.pdf');
  await reviewer.pdf({ path: pdfFile });
  await reviewer.emulateMedia({ media: 'screen' });
  const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
  expect(pdfText).toContain(a.name);
  expect(pdfText).toContain('First-pass AI score');
  expect(pdfText).toContain('1 by Rita Reviewer (reviewer)');
  expect(pdfText).not.toContain('Save rating');

  // Solution Analysis: the two candidates side by side, the renamed and reformatted code flagged for review.
  await reviewer.goto('/admin/results');
  await reviewer.getByRole('searchbox', { name: 'Search' }).fill(suffix);
  // Only this spec's two candidates once the search's answer is in: a tick before the list re-renders can land on
  // the row that was at that place before ("Clicking the checkbox did not change its state").
  await expect(reviewer.getByRole('checkbox', { name: /^Compare / })).toHaveCount(2);
  await reviewer.getByRole('checkbox', { name: `Compare ${a.name}` }).check();
  await reviewer.getByRole('checkbox', { name: `Compare ${b.name}` }).check();
  await reviewer.getByRole('link', { name: 'Compare 2 selected candidates' }).click();
  await expect(reviewer.getByRole('heading', { level: 1 })).toHaveText('Solution Analysis: 2 candidates');
  const ranking = reviewer.getByRole('region', { name: 'Ranking' }).getByRole('table');
  await expect(ranking.getByRole('row')).toHaveCount(3);
  await expect(reviewer.getByTestId('similar-pairs')).toContainText(new RegExp(`(${a.name} and ${b.name}|${b.name} and ${a.name}): \\d+ % similar`));
  // Each chart has its figures as a table beside it: two candidates in the AI score distribution.
  await expect(reviewer.getByRole('img', { name: /^Candidates by AI score/ })).toBeVisible();
  const aiTable = reviewer.getByRole('figure').filter({ hasText: 'Candidates by AI score' }).getByRole('table');
  expect((await aiTable.getByRole('cell').allInnerTexts()).reduce((sum, t) => sum + Number(t), 0)).toBe(2);

  // The host tries the reviewer link on their own device: the device keeps its host credential (the delete below
  // is the host's), instead of being demoted to the reviewer's read-only rights.
  await host.goto('about:blank'); // a goto that changes only the fragment would not load the page again
  await host.goto(reviewerUrl);
  await expect(host.getByText(/candidate interviews; showing/)).toBeVisible({ timeout: 30_000 });
  await expect(host.getByText('Reviewer link for the hiring committee')).toBeVisible();

  // The host deletes the candidate from the UI: gone from the list, the API, the recordings and the documents.
  await openCandidate(host, a.name);
  await host.getByRole('button', { name: 'Delete this candidate’s data' }).click();
  await host.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(host.getByRole('status').filter({ hasText: `Deleted everything held about ${a.name}.` })).toBeVisible();
  await host.getByRole('searchbox', { name: 'Search' }).fill(a.name);
  await expect(host.getByTestId('results-empty')).toBeVisible();
  const auth = { Authorization: `Bearer ${server.hostToken}` };
  expect((await fetch(`${server.url}/api/admin/results/${a.id}`, { headers: auth })).status).toBe(404);
  const recordings = await fetch(`${server.url}/api/interviews/${a.id}/recordings`, { headers: auth });
  expect(recordings.status === 404 || ((await recordings.json()) as { recordings: unknown[] }).recordings.length === 0).toBe(true);
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(path.join(server.dataDir, 'interq.sqlite'), { readonly: true });
  try {
    expect((db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc LIKE ?').get(`${a.id}.%`) as { n: number }).n).toBe(0);
    expect((db.prepare('SELECT COUNT(*) AS n FROM admin_results WHERE interview_id = ?').get(a.id) as { n: number }).n).toBe(0);
  } finally {
    db.close();
  }
  // The other candidate is untouched.
  expect((await fetch(`${server.url}/api/admin/results/${b.id}`, { headers: auth })).status).toBe(200);
});
