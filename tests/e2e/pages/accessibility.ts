/**
 * Accessibility audits for end-to-end tests: axe-core (injected from the
 * installed package, so it runs offline) on the screen exactly as the test
 * left it. WCAG 2.0/2.1 A and AA failures of serious or critical impact fail
 * the test (softly, so one run reports every screen); everything else axe says
 * (minor and moderate failures, best-practice advice such as heading order,
 * and the checks it could not decide and leaves for a person to review) is
 * attached to the test's report and summed up on the console.
 */
import type { Result } from 'axe-core';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { runAxe } from './axe-run';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What auditScreen runs: AxeBuilder's `.withTags([...WCAG_TAGS, 'best-practice'])`. */
export const AUDIT_OPTIONS = { runOnly: { type: 'tag' as const, values: [...WCAG_TAGS, 'best-practice'] } };

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** "rule-id (impact): selector, selector — help" per finding, short enough to read in a failure message. */
export function describeFindings(results: Result[]): string[] {
  return results.map((r) => {
    const targets = r.nodes.slice(0, 5).map((n) => n.target.join(' '));
    const more = r.nodes.length > 5 ? ` and ${r.nodes.length - 5} more` : '';
    return `${r.id} (${r.impact ?? 'n/a'}): ${targets.join(', ')}${more} — ${r.help}`;
  });
}

function blocks(r: Result): boolean {
  return BLOCKING_IMPACTS.has(r.impact ?? '') && r.tags.some((t) => WCAG_TAGS.includes(t));
}

/** Runs axe on the page as it is now; `screen` names it in the report. Returns the blocking findings it recorded. */
export async function auditScreen(page: Page, screen: string): Promise<string[]> {
  const { violations, passes, incomplete } = await runAxe(page, AUDIT_OPTIONS);
  // An audit that checked nothing (axe not injected, a blank page) must not pass for a clean one.
  expect(passes.length, `axe ran its rules on: ${screen}`).toBeGreaterThan(10);

  const blocking = describeFindings(violations.filter(blocks));
  const advice = describeFindings(violations.filter((r) => !blocks(r)));
  const review = describeFindings(incomplete);
  if (advice.length || review.length) {
    const body = [`Advice (minor/moderate or best practice):`, ...advice, '', `Needs review (axe could not decide):`, ...review].join('\n');
    await test.info().attach(`axe: ${screen}`, { body, contentType: 'text/plain' });
    console.log(`axe on ${screen}: ${advice.length} advisory, ${review.length} to review\n  ${[...advice, ...review].join('\n  ')}`);
  }
  expect.soft(blocking, `serious or critical WCAG findings on: ${screen}`).toEqual([]);
  return blocking;
}

/**
 * Presses Tab (at most `maxTabs` times) until `target` has the focus: proof
 * that a keyboard user reaches it in the page's own tab order.
 */
export async function tabTo(page: Page, target: Locator, maxTabs = 40): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `reachable with at most ${maxTabs} presses of Tab`).toBeFocused();
}

/**
 * A note (the service worker's "ready to work offline") covers no content or control: no visible element of the
 * page's main region overlaps its box, and no control there has the note at its centre. (The note's, not anything
 * else's: a question's docked Next bar lies over the page's end until it is scrolled up, by design.)
 */
export async function expectCoversNothing(note: Locator): Promise<void> {
  await expect(note).toBeVisible();
  const box = await note.boundingBox();
  expect(box, 'the note has a box').not.toBeNull();
  const problems = await note.evaluate((noteElement, r) => {
    const out: string[] = [];
    const main = document.querySelector('main');
    if (!main) return ['no main region'];
    for (const el of [main, ...main.querySelectorAll('*')]) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 || b.height === 0) continue;
      const overlaps = b.left < r.x + r.width && b.right > r.x && b.top < r.y + r.height && b.bottom > r.y;
      if (overlaps) out.push(`overlaps <${el.tagName.toLowerCase()}> ${(el.textContent ?? '').trim().slice(0, 40)}`);
    }
    for (const el of main.querySelectorAll('a, button, input, select, textarea')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 || b.height === 0 || b.bottom < 0 || b.top > window.innerHeight) continue;
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      if (hit && !el.contains(hit) && !hit.contains(el) && noteElement.contains(hit)) out.push(`<${el.tagName.toLowerCase()}> ${(el.textContent ?? '').trim().slice(0, 40)} is covered by <${hit.tagName.toLowerCase()}>`);
    }
    return out.slice(0, 10);
  }, box!);
  expect(problems, 'the note covers nothing on the page').toEqual([]);
}
