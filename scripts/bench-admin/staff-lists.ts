/**
 * bench:admin's staff-lists stage: how long the host's browser takes to draw the other long lists of a live session
 * and to act on them: the Reactions tab (reactions on the question in view), the Q&A tab (the moderator's questions
 * waiting for review, the approved queue) and the code comments under the guest's code. Timed in the page itself
 * (performance.now around a click, until what the click should show is in the page and two more animation frames
 * have run), as the chat stage is (chat-draw.ts), so Playwright's round trips are not counted.
 */
import type { Page } from '@playwright/test';
import type * as Y from 'yjs';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../tests/support/browser';
import { seedInterview, seedPlan } from '../../tests/support/results-seed';
import { addReaction, REACTION_KINDS, type StaffAuthor } from '../../src/sync/staff-doc';
import { addCodeComment } from '../../src/sync/code-comments';
import { submitQuestion } from '../../src/sync/audience-doc';
import { decide } from '../../src/sync/moderation-doc';
import { docName } from '../../src/domain/access';

export interface StaffListSizes {
  /** Reactions on the question in view. */
  reactions: number;
  /** Audience questions waiting for review; as many again are approved (the interviewer's queue). */
  questions: number;
  /** Comments on lines of the coding question in view, 2,000 characters each. */
  comments: number;
}

export interface StaffListTimes {
  /** A click on the Reactions tab (from Chat) until its list is drawn. */
  reactionsTabMs: number[];
  /** The same clicks' handling alone (render and commit, before the frames). */
  reactionsTabHandledMs: number[];
  /** Reactions in the page when each click's handling ended (drawn before the first frame). */
  reactionsTabDrawnByClick: number[];
  /**
   * React commits in each click's handling: the first, then one per pass a layout effect asked for (the windowed
   * list's measuring). Each pass that drew items laid out the page (its measuring reads their boxes).
   */
  reactionsTabCommits: number[];
  /** A reaction button pressed until its count shows the new reaction. */
  reactMs: number[];
  /** A click on the Q&A tab (from Chat) until the waiting list is drawn. */
  qaTabMs: number[];
  qaTabHandledMs: number[];
  /** "Approve" on the first waiting question until the waiting count has gone down. */
  approveMs: number[];
  /** "Add comment" until the new comment is drawn. */
  commentMs: number[];
  /** List items in the page with every list open: what the page lays out. */
  elements: { reactions: number; pending: number; queue: number; comments: number };
}

/** The audience's own screen in the same session: its member's questions and the approved ones (the interviewer's queue). */
export interface AudienceTimes {
  /** A character typed into "Your question" until the field shows it and two frames have run (~2 frames at least). */
  keystrokeMs: number[];
  /**
   * The same keystroke's input event alone: React renders and commits a typed character before the event's dispatch
   * returns (a discrete event), so this is the screen's own work for it, without the frames' floor.
   */
  keystrokeRenderMs: number[];
  /** A question submitted until it shows in "Your questions". */
  submitMs: number[];
  /** Items in "Your questions" and "Approved questions" as drawn. */
  elements: { mine: number; approved: number };
}



const HOST: StaffAuthor = { by: 'host', role: 'host' };
const PANEL: StaffAuthor[] = [HOST, { by: 'Ivan Interviewer', role: 'interviewer' }, { by: 'Mo Moderator', role: 'moderator' }];
const KINDS = REACTION_KINDS;

/** An audience question of 500 characters (the longest allowed), its number first. */
export function audienceQuestion(k: number): string {
  return `Audience question ${k}: `.padEnd(499, ' how would you approach it').concat('?');
}

/** A code comment of 2,000 characters (the longest allowed), its number first. */
export function codeComment(k: number): string {
  return `Comment ${k} `.padEnd(2000, ' this line could be simpler');
}

/**
 * Seeds interview `iid`: a session in progress at its first coding question (what staff view), with `sizes` reactions
 * on that question, comments on its lines, and audience questions, all written through the server's write path.
 */
export async function seedStaffLists(openDoc: (name: string) => Promise<Y.Doc>, iid: string, sizes: StaffListSizes): Promise<void> {
  const opts = { interviewId: iid, seed: 3, maxQuestions: 12, startAt: Date.now() - 3_600_000 };
  const plan = seedPlan(opts);
  const at = plan.questions.findIndex((q) => q.kind === 'coding');
  if (at < 0) throw new Error('The benchmark plan has no coding question.');
  await seedInterview(openDoc, { ...opts, stopAfter: at });
  const q = plan.questions[at]!;
  const staff = await openDoc(docName(iid, 'staff'));
  const code = Array.from({ length: 60 }, (_, i) => `  const line${i} = ${i};`).join('\n');
  const now = Date.now();
  staff.transact(() => {
    for (let k = 0; k < sizes.reactions; k++) {
      const r = addReaction(staff, KINDS[k % KINDS.length]!, { questionId: q.id, questionIndex: at, recordingId: null, momentMs: (k * 1000) % 1_800_000 }, PANEL[k % PANEL.length]!, now - (sizes.reactions - k) * 1000);
      if (!r.ok) throw new Error(r.reason);
    }
    for (let k = 0; k < sizes.comments; k++) {
      const r = addCodeComment(staff, { questionId: q.id, line: 1 + (k % 60), code, text: codeComment(k) }, PANEL[k % 2]!, now - (sizes.comments - k) * 1000);
      if (!r.ok) throw new Error(r.reason);
    }
  });
  const audience = await openDoc(docName(iid, 'audience'));
  const moderation = await openDoc(docName(iid, 'moderation'));
  const waiting = audience.transact(() =>
    Array.from({ length: 2 * sizes.questions }, (_, k) => {
      const r = submitQuestion(audience, audienceQuestion(k), { author: `Viewer ${k}`, authorKey: `audience:viewer-${k}` }, now - (2 * sizes.questions - k) * 1000);
      if (!r.ok) throw new Error(r.reason);
      return r.submission;
    }),
  );
  // Every other one approved: the queue and the waiting list are both long.
  moderation.transact(() => {
    for (let k = 0; k < waiting.length; k += 2) {
      const r = decide(moderation, waiting[k]!, { action: 'approve' }, HOST, now);
      if (!r.ok) throw new Error(r.reason);
    }
  });
}

/**
 * Runs in the page: clicks `click` (a CSS selector), then waits until an element matching `until` holds `text` (any
 * text when null) and two more animation frames have run. Returns the ms from the click. No named inner functions:
 * tsx would wrap them in a helper the page does not have.
 */
async function timedClick({ click, until, text }: { click: string; until: string; text: string | null }): Promise<{ drawn: number; handled: number; drawnByHandling: number; commits: number }> {
  const counted = window as unknown as { __interqCommits?: number };
  const commitsBefore = counted.__interqCommits ?? 0;
  const t0 = performance.now();
  (document.querySelector(click) as HTMLElement).click();
  // A click is a discrete event: React renders and commits what it changed (layout effects included) in a microtask
  // queued during the click, which runs before this await's: the page's own work for it, without the frames' floor.
  await Promise.resolve();
  const handled = performance.now() - t0;
  const commitsByHandling = (counted.__interqCommits ?? 0) - commitsBefore;
  // What the click's own handling drew before the first frame: the elements matching `until` then.
  const drawnByHandling = document.querySelectorAll(until).length;
  for (;;) {
    await new Promise((r) => requestAnimationFrame(r));
    const found = [...document.querySelectorAll(until)].some((el) => text === null || (el.textContent ?? '').includes(text));
    if (found) break;
    if (performance.now() - t0 > 60_000) throw new Error(`Nothing matching ${until}${text === null ? '' : ` with “${text}”`} was drawn within 60 s of the click on ${click}.`);
  }
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
  return { drawn: performance.now() - t0, handled, drawnByHandling, commits: commitsByHandling };
}

/**
 * In the page, before React loads: a stand-in for React DevTools' hook that only counts commits (React calls it after
 * each commit, production builds too), so a click's passes are counted. A string: tsx would wrap a function's inner
 * functions in a helper the page does not have.
 */
const COUNT_REACT_COMMITS = `
  window.__interqCommits = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    isDisabled: false,
    supportsFiber: true,
    renderers: new Map(),
    inject() { return 1; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberRoot() { window.__interqCommits += 1; },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
  };
`;

/** Times a click (timedClick); the handled part of each is added to `handledMs` when given, what it drew to `drawnByHandling` and its commits to `commits`. */
const timed = async (page: Page, click: string, until: string, text: string | null = null, handledMs?: number[], drawnByHandling?: number[], commits?: number[]) => {
  const r = await page.evaluate(timedClick, { click, until, text });
  handledMs?.push(r.handled);
  drawnByHandling?.push(r.drawnByHandling);
  commits?.push(r.commits);
  return r.drawn;
};

/** Opens the seeded session as the host and times each list `draws` times (after one warm-up each). */
export async function staffListTimes(url: string, hostLink: string, iid: string, sizes: StaffListSizes, draws: number): Promise<StaffListTimes> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ baseURL: url, viewport: { width: 1280, height: 900 } });
    await page.addInitScript(COUNT_REACT_COMMITS);
    if (process.env.DEBUG_LISTS) page.on('console', (m) => console.error('page:', m.text().slice(0, 300)));
    if (process.env.DEBUG_LISTS) page.on('pageerror', (e) => console.error('pageerror:', e.message.slice(0, 300)));
    page.on('crash', () => console.error('The page crashed.'));
    await page.goto(hostLink);
    await page.getByRole('heading', { name: 'Your interviews' }).waitFor({ timeout: 60_000 });
    await page.goto(`/session/${iid}`);
    const comments = page.getByTestId('code-comments');
    if (sizes.comments > 0) await comments.waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: /^Q&A/ }).waitFor({ timeout: 60_000 });
    // The waiting count on the tab: the audience and moderation documents have synced.
    if (sizes.questions > 0) await page.getByRole('tab', { name: /^Q&A/ }).getByText(String(sizes.questions)).waitFor({ timeout: 60_000 });
    const out: StaffListTimes = { reactionsTabMs: [], reactionsTabHandledMs: [], reactionsTabDrawnByClick: [], reactionsTabCommits: [], reactMs: [], qaTabMs: [], qaTabHandledMs: [], approveMs: [], commentMs: [], elements: { reactions: 0, pending: 0, queue: 0, comments: 0 } };
    const fromChat = async () => {
      await page.getByRole('tab', { name: /^Chat/ }).click();
      await page.getByRole('tab', { name: /^Chat/, selected: true }).waitFor();
    };
    for (let i = 0; i <= draws; i++) {
      await fromChat();
      const handled: number[] = [];
      const byClick: number[] = [];
      const commits: number[] = [];
      const ms = await timed(page, '#tab-reactions', sizes.reactions > 0 ? '[data-testid="reaction-list"] li' : '[data-testid="reactions-empty"]', null, handled, byClick, commits);
      // The first draw warms the code paths; the rest are what a host sees on every return to the tab.
      if (i > 0) out.reactionsTabMs.push(ms);
      if (i > 0) out.reactionsTabHandledMs.push(...handled);
      if (i > 0) out.reactionsTabDrawnByClick.push(...byClick);
      if (i > 0) out.reactionsTabCommits.push(...commits);
    }
    // Once the view has settled (the list draws its margin beyond the view after the first frame).
    await page.waitForTimeout(500);
    out.elements.reactions = await page.locator('[data-testid="reaction-list"] li').count();
    for (let i = 0; i <= draws; i++) {
      // Every kind's button shows its count; the first kind's grows by one per press.
      const mine = Math.ceil(sizes.reactions / KINDS.length) + i + 1;
      const ms = await timed(page, `[data-reaction-kind="${KINDS[0]}"].reaction-button`, `[data-reaction-kind="${KINDS[0]}"].reaction-button`, `(${mine})`);
      if (i > 0) out.reactMs.push(ms);
    }
    for (let i = 0; i <= draws; i++) {
      await fromChat();
      const handled: number[] = [];
      const ms = await timed(page, '#tab-qa', sizes.questions > 0 ? '[data-testid="qa-pending"] li' : '[data-testid="pending-empty"]', null, handled);
      if (i > 0) out.qaTabMs.push(ms);
      if (i > 0) out.qaTabHandledMs.push(...handled);
    }
    out.elements.pending = await page.locator('[data-testid="qa-pending"] li').count();
    out.elements.queue = await page.locator('[data-testid="qa-queue"] li').count();
    for (let i = 0; i <= Math.min(draws, sizes.questions - 1); i++) {
      const left = sizes.questions - i - 1;
      const ms = await timed(page, '[data-testid="qa-pending"] li:first-of-type .qa-actions button', '#qa-pending-title', `(${left})`);
      if (i > 0) out.approveMs.push(ms);
    }
    if (sizes.comments > 0) {
      out.elements.comments = await comments.locator('li').count();
      const panel = page.getByTestId('live-code');
      for (let i = 0; i <= draws; i++) {
        const text = `Added in the benchmark ${i}`;
        await panel.getByLabel('Line', { exact: true }).fill('1');
        await panel.getByLabel('Comment', { exact: true }).fill(text);
        const ms = await timed(page, '.code-comment-form button[type="submit"]', '[data-testid="code-comments"] li', text);
        if (i > 0) out.commentMs.push(ms);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

/**
 * Runs in the page: types one character at the end of the textarea matching `field` the way React sees typing (the
 * native value setter, then an input event), and waits until the field shows it and two more animation frames have
 * run. Returns the ms from the keystroke.
 */
async function timedKeystroke({ field, char }: { field: string; char: string }): Promise<{ drawn: number; render: number }> {
  const el = document.querySelector(field) as HTMLTextAreaElement;
  const want = el.value + char;
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
  const t0 = performance.now();
  setter.call(el, want);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  const render = performance.now() - t0;
  for (;;) {
    await new Promise((r) => requestAnimationFrame(r));
    if ((document.querySelector(field) as HTMLTextAreaElement).value === want) break;
    if (performance.now() - t0 > 60_000) throw new Error(`The field ${field} did not show a typed character within 60 s.`);
  }
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
  return { drawn: performance.now() - t0, render };
}

/**
 * Opens `audienceLink` (a viewer of the seeded session: `approved` questions in the interviewer's queue) and times
 * typing and submitting `draws` times (after one warm-up). "Your questions" holds what this device asked: the
 * audience's link appends to the audience document and never receives the others' questions.
 */
export async function audienceTimes(audienceLink: string, approved: number, draws: number): Promise<AudienceTimes> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(audienceLink);
    const mine = page.getByTestId('my-questions').locator('li');
    const queue = page.getByTestId('approved-questions').locator('li');
    if (approved > 0) await queue.first().waitFor({ timeout: 60_000 });
    const out: AudienceTimes = { keystrokeMs: [], keystrokeRenderMs: [], submitMs: [], elements: { mine: 0, approved: 0 } };
    const field = '.audience-form textarea';
    for (let i = 0; i <= draws; i++) {
      const { drawn, render } = await page.evaluate(timedKeystroke, { field, char: 'x' });
      if (i > 0) out.keystrokeMs.push(drawn);
      if (i > 0) out.keystrokeRenderMs.push(render);
    }
    for (let i = 0; i <= draws; i++) {
      const text = `Benchmark question ${i}?`;
      await page.locator(field).fill(text);
      const ms = await timed(page, '.audience-form button[type="submit"]', '[data-testid="my-questions"] li', text);
      if (i > 0) out.submitMs.push(ms);
    }
    out.elements = { mine: await mine.count(), approved: await queue.count() };
    return out;
  } finally {
    await browser.close();
  }
}
