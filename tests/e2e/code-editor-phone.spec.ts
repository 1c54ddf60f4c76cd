/**
 * The code editor where a candidate reads and types on a phone. In the dark theme, selected code was drawn on One
 * Dark's grey selection, which took most of its colours under WCAG AA's 4.5:1 (coral 3.5:1).
 */
import { test, expect, codingQuestion, guestAtCodingQuestion, planOf, publishAndInvite } from './pages/guest-pages';
import { composite, contrastRatio, parseCssColor } from './pages/contrast';

test('in the dark theme selected code keeps 4.5:1 against the selection, on the active line too', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('code-editor-selection', [codingQuestion('q-sum')]), 'Ada');
  const page = await (await guestContext()).newPage();
  await guestAtCodingQuestion(page, link);
  await page.getByLabel('Theme').selectOption('dark');
  await expect.poll(() => page.locator('.cm-editor').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(40, 44, 52)');
  const content = page.getByRole('textbox', { name: 'Your code' });
  // Every kind of word One Dark colours: a comment, keywords, names and properties, a called function, numbers,
  // a string, a regular expression, a boolean, a class, operators; the last line (the active one once all is
  // selected: the selection's head is there) has several.
  await content.fill(
    [
      '// Adds up the numbers, skipping anything else.',
      'class Totals extends Map {}',
      'function sum(values) {',
      '  const digits = /\\d+/g, label = "sum", strict = true;',
      '  let total = 0;',
      "  for (const v of values) total += typeof v === 'number' ? v : 0;",
      '  return values.length ? total : null;',
      '}',
      'const shown = sum([1, 2.5, 3]).toFixed(2) + " total"; // a note',
    ].join('\n'),
  );
  await content.press('ControlOrMeta+a');
  await expect(page.locator('.cm-selectionLayer .cm-selectionBackground').first()).toBeVisible();

  const seen = await page.evaluate(() => {
    const texts: { text: string; color: string; lineBackground: string; active: boolean }[] = [];
    for (const line of document.querySelectorAll('.cm-content .cm-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        texts.push({ text: node.textContent.trim(), color: getComputedStyle(node.parentElement!).color, lineBackground: getComputedStyle(line).backgroundColor, active: line.classList.contains('cm-activeLine') });
      }
    }
    return {
      editor: getComputedStyle(document.querySelector('.cm-editor')!).backgroundColor,
      selection: getComputedStyle(document.querySelector('.cm-selectionLayer .cm-selectionBackground')!).backgroundColor,
      texts,
    };
  });
  const editor = parseCssColor(seen.editor);
  const selection = composite([editor, parseCssColor(seen.selection)]);
  expect(seen.selection, 'the selection is drawn in a colour of its own').not.toBe(seen.editor);
  expect(new Set(seen.texts.map((t) => t.color)).size, 'the code has many colours').toBeGreaterThanOrEqual(7);
  expect(seen.texts.some((t) => t.active), 'some of it on the active line').toBe(true);

  const faint = seen.texts
    .map((t) => ({ ...t, ratio: contrastRatio(composite([selection, parseCssColor(t.lineBackground), parseCssColor(t.color)]), composite([selection, parseCssColor(t.lineBackground)])) }))
    .filter((t) => t.ratio < 4.5)
    .map((t) => `"${t.text}" (${t.color}${t.active ? ', active line' : ''}): ${t.ratio.toFixed(2)}:1`);
  expect(faint, 'selected code under 4.5:1').toEqual([]);
});
