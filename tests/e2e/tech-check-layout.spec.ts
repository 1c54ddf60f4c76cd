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
import { expectNothingMovedByItself, recordLayoutShifts, takeShifts } from './pages/layout-shifts';

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

/**
 * A laptop's built-in microphone as Windows names it (71 characters): "Microphone ready: <name>." took a line more
 * than the question to the browser before it ("Asking your browser for the microphone…", two lines at 360 px, three
 * at 280) and pushed the microphone's controls and everything under them down as it arrived (a 31-character name
 * moved them at 320 px too, 0.0067). The answer is one line, the name cut short, in a place as tall as the question's;
 * the whole name is still the status's text (what a screen reader says), shows on hover (its title), and shows
 * whole when the keyboard reaches it.
 */
const LONG_MIC_NAME = 'Microphone Array (Intel® Smart Sound Technology for Digital Microphones)';

for (const width of [360, 280]) {
  test(`on a ${width} px phone a long microphone name keeps the microphone's status on one line`, async ({ guestContext, server }) => {
    const link = await publishAndInvite(server, planOf(`tech-check-mic-name-${width}`, [spokenQuestion('q1', 'Describe a bug you fixed and how you found it.')]), 'Ada');
    const page = await (await guestContext({ viewport: { width, height: 740 } })).newPage();
    await recordLayoutShifts(page);
    await page.addInitScript((name) => {
      const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await open(constraints);
        for (const track of stream.getAudioTracks()) Object.defineProperty(track, 'label', { value: name });
        return stream;
      };
    }, LONG_MIC_NAME);
    await openInvite(page, link);
    const status = page.getByTestId('mic-status');
    await expect(status).toHaveAttribute('data-mic-phase', 'ready');
    await expect(page.getByTestId('connection-quality')).not.toHaveAttribute('data-quality', 'measuring', { timeout: 30_000 });
    await page.waitForTimeout(1000);
    expectNothingMovedByItself(await takeShifts(page));

    const lines = await status.evaluate((el) => {
      const ready = el.querySelector('[data-testid=mic-ready]') ?? el;
      return Math.round(ready.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
    });
    expect(lines, 'lines of “Microphone ready: <name>.”').toBe(1);
    await expect(page.getByRole('status').filter({ hasText: `Microphone ready: ${LONG_MIC_NAME}.` }), 'the whole name is the status’s text').toHaveCount(1);
    const name = status.getByText(LONG_MIC_NAME, { exact: true });
    await expect(name, 'the whole name on hover').toHaveAttribute('title', LONG_MIC_NAME);
    expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth), 'the name is cut short on screen (the case)').toBe(true);
    // The keyboard reaches it (it is cut) and then it shows whole.
    await page.getByRole('heading', { name: 'Technical check' }).focus();
    await page.keyboard.press('Tab');
    await expect(name).toBeFocused();
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the name shows whole while focused').toBe(true);
    await expect(page.getByLabel('Microphone')).toBeVisible();
  });
}
