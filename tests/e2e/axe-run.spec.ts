/**
 * The suite's axe runner (pages/axe-run.ts: one finishing page per browser, axe's source evaluated once per
 * document) finds what @axe-core/playwright's AxeBuilder finds, audits the frames of a page, and a second audit of
 * the same document sees what changed in it since the first.
 */
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { test, expect } from './fixtures';
import { runAxe } from './pages/axe-run';
import { AUDIT_OPTIONS, WCAG_TAGS } from './pages/accessibility';

/** Every rule's outcome, per node, in a form two runs can be compared by. */
function outcome(r: AxeResults): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [kind, list] of [['violation', r.violations], ['pass', r.passes], ['incomplete', r.incomplete], ['inapplicable', r.inapplicable]] as const) {
    for (const rule of list) out[`${kind} ${rule.id}`] = rule.nodes.map((n) => JSON.stringify(n.target)).sort();
  }
  return out;
}

const DOT = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
const PAGE = `<!doctype html><html lang="en"><head><title>Audit</title></head><body>
  <main><h1>Audit</h1>
    <img src="${DOT}">
    <label>Name <input id="name"></label>
    <input aria-label="">
    <p style="color:#777;background:#888">low contrast text</p>
    <button></button>
  </main></body></html>`;
const FRAMED = `<!doctype html><html lang="en"><head><title>Framed</title></head><body>
  <main><h1>Framed</h1>
    <iframe title="inner" srcdoc="<!doctype html><html lang=en><head><title>Inner</title></head><body><img src='${DOT}'><button></button></body></html>"></iframe>
  </main></body></html>`;

test('the runner finds what AxeBuilder finds, audits frames, and sees a changed document', async ({ page }) => {
  await page.setContent(PAGE);
  const builder = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'best-practice']).analyze();
  const ours = await runAxe(page, AUDIT_OPTIONS);
  expect(outcome(ours)).toEqual(outcome(builder));
  expect(ours.violations.map((v) => v.id)).toEqual(expect.arrayContaining(['image-alt', 'button-name', 'color-contrast']));

  // The same document again, mended: axe is not evaluated anew, and the mended findings are gone.
  expect(await page.evaluate(() => 'axe' in window)).toBe(true);
  await page.evaluate(() => {
    document.querySelector('img')!.setAttribute('alt', 'a dot');
    document.querySelector('p')!.removeAttribute('style');
  });
  const again = await runAxe(page, AUDIT_OPTIONS);
  expect(again.violations.map((v) => v.id)).not.toContain('image-alt');
  expect(again.violations.map((v) => v.id)).not.toContain('color-contrast');
  expect(again.violations.map((v) => v.id)).toContain('button-name');
  expect(outcome(again)).toEqual(outcome(await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'best-practice']).analyze()));

  // A frame's content is audited, each finding named through the frame.
  await page.setContent(FRAMED);
  await expect.poll(() => page.frames().length).toBe(2);
  await page.frames()[1]!.waitForLoadState();
  const framed = await runAxe(page, AUDIT_OPTIONS);
  expect(framed.passes.find((r) => r.id === 'frame-tested')?.nodes.map((n) => n.target)).toEqual([['iframe']]);
  const inFrame = (id: string) => framed.violations.find((v) => v.id === id)?.nodes.map((n) => n.target);
  expect(inFrame('image-alt')).toEqual([['iframe', 'img']]);
  expect(inFrame('button-name')).toEqual([['iframe', 'button']]);
});
