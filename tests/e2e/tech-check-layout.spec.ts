/**
 * The technical check stays still on a phone while it fills in. It is usable at once (the microphone, its level,
 * Test my mic), before the interview's plan and sync have arrived; when they came, the header above the check grew
 * (the plan's title, "N questions, about M minutes", the connection's badge), and the test server's banner came
 * after that: the check's text and controls went down 32 px, then 40 px, then the banner's 134 px, in the first
 * seconds, under a guest's finger. Here the heading's place is read on every frame from the first one it shows
 * until all of that has arrived, and it must not move. The title keeps its room from the first frame for that: on a
 * phone two lines, enough for a long title to show whole.
 */
import { test, expect, openInvite, planOf, publishAndInvite, spokenQuestion } from './pages/guest-pages';

interface Seen {
  t: number;
  y: number;
  banner: boolean;
}

const CASES = [
  { width: 360, title: null },
  // A title as long as real ones: one line cut it short on a phone ("Senior backend engineer, pa…"); it has two.
  { width: 320, title: 'Senior backend engineer, payments platform' },
];

for (const { width, title } of CASES) {
  test(`on a ${width} px phone the technical check moves nothing as the plan${title ? ' (a long title)' : ''}, the connection and the banner arrive`, async ({ guestContext, server }) => {
    const id = `tech-check-layout-${width}`;
    const plan = planOf(id, [spokenQuestion('q1', 'Describe a bug you fixed and how you found it.')]);
    if (title) plan.meta.title = title;
    const link = await publishAndInvite(server, plan, 'Ada');
    const page = await (await guestContext({ viewport: { width, height: 740 } })).newPage();
    await page.addInitScript(() => {
      const seen: Seen[] = [];
      (window as unknown as { seen: Seen[] }).seen = seen;
      const read = () => {
        const heading = document.getElementById('check-title');
        if (heading) seen.push({ t: Math.round(performance.now()), y: heading.getBoundingClientRect().top + window.scrollY, banner: !!document.querySelector('[data-testid="test-model-banner"]') });
        requestAnimationFrame(read);
      };
      requestAnimationFrame(read);
    });
    await openInvite(page, link);
    // Everything that fills in: the microphone, the plan (its title and summary), the connection's badge and its
    // measurement, the developer banner (the suite's server offers test models).
    await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'ready');
    await expect(page.getByTestId('guest-question-count')).toHaveText('1');
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText(title ?? `Interview ${id}`);
    await expect(page.locator('.guest-header [data-sync-state]')).toHaveAttribute('data-sync-state', 'synced');
    await expect(page.getByTestId('connection-quality')).not.toHaveAttribute('data-quality', 'measuring', { timeout: 30_000 });
    await expect(page.getByTestId('test-model-banner')).toBeVisible();
    await page.waitForTimeout(1000);

    const seen = await page.evaluate(() => (window as unknown as { seen: Seen[] }).seen.splice(0));
    expect(seen.length, 'the heading was read on many frames').toBeGreaterThan(30);
    const first = seen[0]!;
    const moves = seen.filter((s, i) => i > 0 && s.y !== seen[i - 1]!.y).map((s) => `${Math.round(s.y - first.y)} px at ${s.t - first.t} ms`);
    expect(moves, `the heading moved after its first frame (there: y ${first.y})`).toEqual([]);
    expect(first.banner, 'the banner was there on the first frame').toBe(true);
    // The whole title shows: nothing of it is cut off, across or down.
    const cut = await h1.evaluate((el) => ({ across: el.scrollWidth - el.clientWidth, down: el.scrollHeight - el.clientHeight }));
    expect(cut, 'the title shows whole').toEqual({ across: 0, down: 0 });
  });
}
