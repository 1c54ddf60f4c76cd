/**
 * Accessibility of the results dashboard's screens with charts, checked by axe-core (WCAG 2.0/2.1 A and AA, the
 * pattern of accessibility.spec.ts): the results list with its success metrics (bar charts and the Accuracy Delta
 * line chart over time, each with its table), one candidate's page, and Solution Analysis (/admin/compare: ranking,
 * per-question scores, distributions, coding results, similar submissions). Interviews are written through the
 * server's real write paths, rated on two different days so the line chart has a line. The charts' tables are
 * reached with the keyboard alone.
 */
import type { YwsClient } from '../support/yws-client';
import { expect, openAsHost, test } from './fixtures';
import { auditScreen, tabTo } from './pages/accessibility';
import { openCandidate, seedCandidate } from './pages/admin-pages';

const DAY = 86_400_000;

test('the results list with its charts, a candidate, and Solution Analysis', async ({ newProfile, server }) => {
  // Two seeded interviews over the sync protocol and three axe audits: past the default 90 s on a busy machine.
  test.setTimeout(240_000);
  const clients: YwsClient[] = [];
  const suffix = Date.now().toString(36);
  // The host rates in the live session (the sync server keeps records in their author's name: the host link's).
  const rate = (score: number) => [{ questionIndex: 0, by: 'host', role: 'host' as const, score }];
  const a = await seedCandidate(server, clients, `a11y-a-${suffix}`, `Ada Charts ${suffix}`, (i) => [4, 3, 5, 2][i % 4]!, { ratings: rate(3), startAt: Date.now() - 2 * DAY });
  const b = await seedCandidate(server, clients, `a11y-b-${suffix}`, `Bo Charts ${suffix}`, (i) => [2, 1, 3, 2][i % 4]!, { ratings: rate(4), startAt: Date.now() - DAY });
  for (const c of clients) c.destroy();

  const host = await openAsHost(await newProfile(), server);
  await openCandidate(host, a.name);
  await expect(host.getByRole('button', { name: 'Save rating' }).first()).toBeEnabled();
  await auditScreen(host, 'results: one candidate');

  await host.goto('/admin/results');
  const line = host.getByRole('region', { name: /^Accuracy Delta over time by archetype.*as a table$/ });
  // The metrics are the server's projection of the staff documents: reload until both days' ratings are in them.
  // Other specs on this worker's server rate answers too (today): at least a header and our two days.
  await expect(async () => {
    await host.reload();
    await expect(line).toBeVisible({ timeout: 10_000 });
    expect(await line.getByRole('row').count()).toBeGreaterThanOrEqual(3);
  }).toPass({ timeout: 60_000 });
  await expect(host.getByRole('img', { name: /^Accuracy Delta over time by archetype/ })).toBeVisible();
  await auditScreen(host, 'results list with the success metrics’ charts');
  // The chart's figures are a table a keyboard user reaches (it scrolls, so it takes the focus itself).
  await tabTo(host, line, 120);

  await host.getByRole('searchbox', { name: 'Search' }).fill(suffix);
  // Only this spec's two candidates once the search's answer is in: a tick before the list re-renders can land on
  // the row that was at that place before ("Clicking the checkbox did not change its state").
  await expect(host.getByRole('checkbox', { name: /^Compare / })).toHaveCount(2);
  await host.getByRole('checkbox', { name: `Compare ${a.name}` }).check();
  await host.getByRole('checkbox', { name: `Compare ${b.name}` }).check();
  await host.getByRole('link', { name: 'Compare 2 selected candidates' }).click();
  await expect(host.getByRole('heading', { name: 'Ranking' })).toBeVisible();
  await expect(host.getByRole('img', { name: /^Candidates by AI score/ })).toBeVisible();
  await auditScreen(host, 'Solution Analysis of two candidates');
  await tabTo(host, host.getByRole('region', { name: 'Per-question scores' }), 60);
});
