/**
 * Runs axe-core on a page with the findings of @axe-core/playwright's `AxeBuilder.analyze()` (which runs
 * axe.runPartial in the page and in every frame it contains, then axe.finishRun outside the audited page), with three
 * costs taken out, because the suite audits some thirty screens:
 *
 * - axe.finishRun runs in one blank page per browser, kept for the browser's life, instead of a new page (a new
 *   renderer process) opened, given axe's 600 KB source and closed for every audit;
 * - axe's source is evaluated in a document only when that document does not already hold this version of axe (a
 *   single-page app keeps its document across screens, so a second audit of the same tab parses nothing again);
 * - a page with no frame for axe to audit is audited with axe.run in the page, one step instead of two (axe.run
 *   is runPartial then finishRun in the same document); pages with frames keep AxeBuilder's two steps.
 *
 * The rules run, their options and the frames audited are those of AxeBuilder (a frame gets longer to take axe's
 * source, below); tests/e2e/axe-run.spec.ts checks that both give the same findings on the same screen.
 */
import axe from 'axe-core';
import type { AxeResults, ContextObject, CrossTreeSelector, PartialResult, RunOptions, SerialFrameSelector } from 'axe-core';
import type { Browser, Frame, Page } from '@playwright/test';

const AXE_SOURCE: string = axe.source;
const AXE_VERSION: string = axe.version;
/**
 * A frame that takes longer than this to take axe's source is left out of the audit (axe then reports it under
 * "frame-tested" as not tested). AxeBuilder allows 1 s, which a loaded machine exceeds for axe's 600 KB: frames
 * were dropped from audits at random (seen in axe-run.spec.ts); a frame that still answers nothing after 10 s is
 * stuck.
 */
const INJECT_TIMEOUT_MS = 10_000;
/** As AxeBuilder: results are handed to the finishing page in pieces no larger than this. */
const CHUNK_CHARS = 60_000_000;
/** AxeBuilder's configuration for every document but the audited one (frames and the finishing page). */
const CONFIGURE = `;axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } })`;

type AxeWindow = Window & { axe?: typeof axe; partialResults?: string };
/** An axe context as it crosses into the page: plain JSON (selectors), never DOM nodes. */
type SerialContext = { include: unknown[]; exclude: unknown[] } | Record<string, unknown>;
type SerialFrameContext = { frameSelector: SerialFrameSelector; frameContext: SerialContext };

/** Evaluates axe's source in the frame unless this version of axe is already there; `configure` as AxeBuilder does for frames. */
export async function ensureAxe(frame: Frame, configure: boolean): Promise<void> {
  const present = await frame.evaluate((v) => (window as AxeWindow).axe?.version === v, AXE_VERSION);
  if (!present) await frame.evaluate(AXE_SOURCE);
  if (configure) await frame.evaluate(CONFIGURE);
}

/** axe.runPartial in `frame` and, recursively, in the frames axe finds inside it (AxeBuilder.runPartialRecursive). */
async function runPartialRecursive(frame: Frame, context: SerialContext, options: RunOptions, isMain: boolean): Promise<Array<PartialResult | null>> {
  const frameContexts = await frame.evaluate(
    (c) => (window as AxeWindow).axe!.utils.getFrameContexts(c as ContextObject) as unknown as SerialFrameContext[],
    context,
  );
  const own = frame.evaluate(({ c, o }) => (window as AxeWindow).axe!.runPartial(c as ContextObject, o), { c: context, o: options });
  // A frame's failure drops that frame's results (and its children's); the page's own failure fails the audit.
  own.catch(() => undefined);
  const children: Array<Promise<Array<PartialResult | null>>> = [];
  for (const { frameSelector, frameContext } of frameContexts) {
    let child: Promise<Array<PartialResult | null>> = Promise.resolve([null]);
    try {
      const handle = await frame.evaluateHandle((s) => (window as AxeWindow).axe!.utils.shadowSelect(s as CrossTreeSelector), frameSelector);
      const childFrame = await handle.asElement()?.contentFrame();
      if (childFrame) {
        await Promise.race([
          ensureAxe(childFrame, true),
          new Promise((_, reject) => setTimeout(() => reject(new Error('Script Timeout')), INJECT_TIMEOUT_MS)),
        ]);
        child = runPartialRecursive(childFrame, frameContext, options, false);
      }
    } catch {
      // As AxeBuilder: a frame that cannot be reached is left out.
    }
    children.push(child.catch(() => [null]));
  }
  try {
    const mine = await own;
    const below = (await Promise.all(children)).flat(1);
    return [mine, ...below];
  } catch (e) {
    if (isMain) throw e;
    return [null];
  }
}

const finishPages = new WeakMap<Browser, Promise<Page>>();

/** The browser's blank page for axe.finishRun, opened (in a context of its own) on first use. */
async function finishPage(page: Page): Promise<Page> {
  const browser = page.context().browser();
  const open = async (): Promise<Page> => {
    const blank = await (browser ? (await browser.newContext()).newPage() : page.context().newPage());
    await ensureAxe(blank.mainFrame(), true);
    return blank;
  };
  if (!browser) return open();
  let pending = finishPages.get(browser);
  if (pending) {
    const existing = await pending.catch(() => null);
    if (existing && !existing.isClosed()) return existing;
  }
  pending = open();
  finishPages.set(browser, pending);
  return pending;
}

/** Audits the page as it is now: what `new AxeBuilder({ page }).options(options).analyze()` returns. */
export async function runAxe(page: Page, options: RunOptions): Promise<AxeResults> {
  // AxeBuilder's context when nothing is included or excluded: the whole document.
  const context: SerialContext = { exclude: [], include: [] };
  await ensureAxe(page.mainFrame(), false);
  // A page with no frame for axe to audit (most of the app's screens; a coding question's sandbox frame is one) is
  // audited in one step: axe.run in the page is runPartial and finishRun in one call, without the partial results
  // crossing to the finishing page as JSON and back (a few seconds per audit on a loaded machine, some thirty audits).
  const frames = await page.mainFrame().evaluate(
    (c) => (window as AxeWindow).axe!.utils.getFrameContexts(c as ContextObject).length,
    context,
  );
  if (frames === 0) return page.evaluate(({ c, o }) => (window as AxeWindow).axe!.run(c as ContextObject, o), { c: context, o: options });
  const partials = await runPartialRecursive(page.mainFrame(), context, options, true);
  const blank = await finishPage(page);
  const text = JSON.stringify(partials);
  await blank.evaluate(() => {
    (window as AxeWindow).partialResults = '';
  });
  for (let at = 0; at < text.length; at += CHUNK_CHARS) {
    await blank.evaluate((chunk) => {
      (window as AxeWindow).partialResults += chunk;
    }, text.slice(at, at + CHUNK_CHARS));
  }
  const results = await blank.evaluate((o) => {
    const w = window as AxeWindow;
    const all = JSON.parse(w.partialResults!) as PartialResult[];
    w.partialResults = '';
    return w.axe!.finishRun(all, o);
  }, options);
  // A page with no browser (a persistent context) got a page of its own: close it as AxeBuilder does.
  if (!page.context().browser()) await blank.close();
  return results;
}
