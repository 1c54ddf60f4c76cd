/**
 * The browser's own record of what moved on screen by itself: `layout-shift` performance entries (the Layout
 * Instability API, what Cumulative Layout Shift is made of), watched from before the page's first frame. Each entry
 * says how much of the window moved (`value`), whether a press or key came just before (`hadRecentInput`: a
 * screen the guest asked for is no shift), and which elements moved from where to where (`sources`). They are
 * read here as they come, with the screen then showing and each moved element described, because the nodes are gone
 * once the screen changes.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface ShiftSource {
  /** The moved element, as a person finds it: tag, id, test id, classes and the start of its text. */
  element: string;
  /** Its box before and after the move, in the window: "x,y wxh". */
  from: string;
  to: string;
}

export interface Shift {
  /** Milliseconds from the page's start. */
  at: number;
  value: number;
  hadRecentInput: boolean;
  /** The screen showing when the shift happened (`data-screen` of the walk's spec, or the stage's). */
  screen: string;
  sources: ShiftSource[];
}

/** Starts recording on every document `page` opens from now on. Read them with `takeShifts`. */
export async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    interface Entry extends PerformanceEntry {
      value: number;
      hadRecentInput: boolean;
      sources: Array<{ node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }>;
    }
    const shifts: unknown[] = [];
    (window as unknown as { layoutShifts: unknown[] }).layoutShifts = shifts;
    const rect = (r: DOMRectReadOnly) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    const describe = (node: Node | null): string => {
      if (!node) return '(an element since removed)';
      const el = node instanceof Element ? node : node.parentElement;
      if (!el) return `(${node.nodeName})`;
      const testId = el.getAttribute('data-testid');
      const classes = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${testId ? `[data-testid=${testId}]` : ''}${classes}>${text ? ` "${text}"` : ''}${node === el ? '' : ' (its text)'}`;
    };
    const screen = (): string => {
      const question = document.querySelector('article.question');
      if (question) return `question ${document.querySelector('[data-testid=question-position]')?.textContent ?? ''} (${question.getAttribute('data-kind')})`;
      const stage = document.querySelector('.guest-screen[data-stage]')?.getAttribute('data-stage');
      if (stage) return stage;
      if (document.getElementById('check-title')) return 'technical check';
      return 'loading';
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Entry[]) {
        shifts.push({
          at: Math.round(e.startTime),
          value: e.value,
          hadRecentInput: e.hadRecentInput,
          screen: screen(),
          sources: e.sources.map((s) => ({ element: describe(s.node), from: rect(s.previousRect), to: rect(s.currentRect) })),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The shifts recorded since the last call, oldest first. */
export async function takeShifts(page: Page): Promise<Shift[]> {
  return page.evaluate(() => ((window as unknown as { layoutShifts: Shift[] }).layoutShifts ?? []).splice(0));
}

/** One line per shift: when, how much, on which screen, what moved from where to where. */
export function describeShifts(shifts: Shift[]): string {
  return shifts
    .map((s) => `${s.screen}, ${s.at} ms, ${s.value.toFixed(4)}${s.hadRecentInput ? ' (after input)' : ''}: ${s.sources.map((x) => `${x.element} ${x.from} -> ${x.to}`).join('; ')}`)
    .join('\n');
}

/**
 * Below this a shift is a sub-pixel nudge nobody sees (a 1 px move of a small line scores about 0.0001); the smallest
 * of the shifts the layout walk was written to catch scored 0.002 (a 30 px note's line on a 360 px phone).
 */
export const NOTICEABLE = 0.001;

/** Fails on every shift in `seen` that no press or key had just caused and that a person would notice, naming each. */
export function expectNothingMovedByItself(seen: Shift[]): void {
  const screens = new Set(seen.map((s) => s.screen));
  const unasked = seen.filter((s) => !s.hadRecentInput && s.value > NOTICEABLE);
  expect(unasked, `shifts nobody asked for (screen, ms, score: what moved):\n${describeShifts(unasked)}\n(screens with any shift: ${[...screens].join(', ')})`).toEqual([]);
}

/** Lets what fills in after a screen shows arrive, and a second more, before the guest moves on. */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(1500);
}

/** The guest has scrolled to the end of the screen, where they press on. */
export async function atPageEnd(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

/** The new screen shows from its top, its heading focused. */
export async function expectScreenStart(page: Page, heading: Locator): Promise<void> {
  await expect(heading, 'the new screen’s heading has the focus').toBeFocused();
  expect(await page.evaluate(() => window.scrollY), `the screen of "${await heading.textContent()}" starts at the page’s top`).toBe(0);
}
