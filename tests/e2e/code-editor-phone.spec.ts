/**
 * The code editor where a candidate reads and types on a phone. The question's bar (Next, Take a break) is docked
 * over the bottom of the window, and CodeMirror scrolls its cursor into view by its own rules, which know nothing of
 * the bar: a line typed at the end of the code went on under it, out of sight. And selected code fell under WCAG
 * AA's 4.5:1: in the dark theme One Dark's grey selection took most of its colours there (coral 3.5:1), in the light
 * one the default orange of a regular expression was 2.7:1 on the selection (3.8 on white).
 */
import { test, expect, codingQuestion, guestAtCodingQuestion, planOf, publishAndInvite } from './pages/guest-pages';
import { composite, contrastRatio, parseCssColor } from './pages/contrast';
import { largerText } from './pages/layout';

/**
 * Every kind of word the themes colour: a comment, keywords, names and properties, a called function, numbers, a
 * string, a regular expression, a boolean, a class, operators.
 */
const EVERY_KIND_OF_WORD = [
  '// Adds up the numbers, skipping anything else.',
  'class Totals extends Map {}',
  'function sum(values) {',
  '  const digits = /\\d+/g, label = "sum", strict = true;',
  '  let total = 0;',
  "  for (const v of values) total += typeof v === 'number' ? v : 0;",
  '  return values.length ? total : null;',
  '}',
  'const shown = sum([1, 2.5, 3]).toFixed(2) + " total"; // a note',
].join('\n');

test('on a 320 px phone with larger text the line being typed stays above the docked bar, two rows high, as the code grows', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('code-editor-caret', [codingQuestion('q-sum')]), 'Ada');
  const page = await (await guestContext({ viewport: { width: 320, height: 740 } })).newPage();
  await largerText(page);
  await guestAtCodingQuestion(page, link);
  const content = page.getByRole('textbox', { name: 'Your code' });
  const bar = page.locator('.question-nav');
  await expect(bar).toHaveCSS('position', 'fixed');
  // Submitted once, the answer may be left for a break: Take a break comes beside Next, and at 320 px with the
  // phone's larger text the two take two rows, the bar's largest height.
  await page.getByRole('button', { name: 'Submit code' }).click();
  await expect(page.getByText('Code submitted.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Take a break' })).toBeVisible();
  expect((await bar.boundingBox())!.height, 'the bar has two rows').toBeGreaterThan(100);

  // The cursor at the end of the starter code, then line after line typed there: the editor grows (up to its
  // maximum height, then scrolls inside) and the page scrolls to follow the cursor.
  await content.click();
  await page.keyboard.press('ControlOrMeta+End');
  const hidden: string[] = [];
  for (let i = 1; i <= 30; i++) {
    await page.keyboard.press('Enter');
    await page.keyboard.type(`total += ${i};`);
    // Read after two frames: the editor measures and scrolls in an animation frame after the keystroke.
    const { lineBottom, barTop, line } = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const active = document.querySelector('.cm-activeLine')!;
      return { lineBottom: active.getBoundingClientRect().bottom, barTop: document.querySelector('.question-nav')!.getBoundingClientRect().top, line: active.textContent ?? '' };
    });
    if (lineBottom > barTop) hidden.push(`line ${i} "${line.trim()}": its bottom at ${Math.round(lineBottom)}, the bar's top at ${Math.round(barTop)}`);
  }
  expect(hidden, 'the line being typed is above the docked bar').toEqual([]);
  // What was typed is all there: the test typed into the editor, not somewhere else.
  await expect(page.locator('.cm-activeLine')).toContainText('total += 30;');
});

for (const [theme, background] of [
  ['dark', 'rgb(40, 44, 52)'],
  ['light', 'rgb(255, 255, 255)'],
] as const) {
  test(`in the ${theme} theme selected code keeps 4.5:1 against the selection, on the active line too`, async ({ guestContext, server }) => {
    const link = await publishAndInvite(server, planOf(`code-editor-selection-${theme}`, [codingQuestion('q-sum')]), 'Ada');
    const page = await (await guestContext()).newPage();
    await guestAtCodingQuestion(page, link);
    await page.getByLabel('Theme').selectOption(theme);
    await expect.poll(() => page.locator('.cm-editor').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(background);
    const content = page.getByRole('textbox', { name: 'Your code' });
    // The last line (the active one once all is selected: the selection's head is there) has several kinds of word.
    await content.fill(EVERY_KIND_OF_WORD);
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
}

/**
 * The dark theme's other highlights behind code: a search's matches (the current one and the others), the selected
 * word's other places, the bracket matching the one at the cursor. One Dark lays light tints over its dark
 * background for them, which took its colours of code under 4.5:1 (coral 2.5:1 on a match, 3.5:1 on the current
 * one, 3.6:1 on the selected word's other places, 2.4:1 on a matching bracket). Each highlight's colour, as drawn,
 * is measured against every colour of code the editor shows, on a plain line and on the active one: any word can be
 * highlighted.
 */
test('in the dark theme code keeps 4.5:1 on search matches, the selected word’s other places and a matching bracket', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('code-editor-highlights-dark', [codingQuestion('q-sum')]), 'Ada');
  const page = await (await guestContext()).newPage();
  await guestAtCodingQuestion(page, link);
  await page.getByLabel('Theme').selectOption('dark');
  await expect.poll(() => page.locator('.cm-editor').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(40, 44, 52)');
  const content = page.getByRole('textbox', { name: 'Your code' });
  await content.fill(EVERY_KIND_OF_WORD);

  const backgroundOf = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
  const highlights: Record<string, string> = {};
  // The selected word ("values", on line 3) and its other places.
  await page.locator('.cm-line').nth(2).getByText('values').dblclick();
  await expect(page.locator('.cm-selectionMatch:not(.cm-selectionMatch-main)').first()).toBeVisible();
  highlights['the selected word’s other places'] = await backgroundOf('.cm-selectionMatch:not(.cm-selectionMatch-main)');
  // The cursor after line 3's "{": it and line 8's "}" are marked.
  await content.press('End');
  await expect(page.locator('.cm-matchingBracket')).toHaveCount(2);
  highlights['a matching bracket'] = await backgroundOf('.cm-matchingBracket');
  // A search for "e": matches in comments, names, keywords, strings; "next" makes the next one current.
  await content.press('ControlOrMeta+f');
  const find = page.getByRole('textbox', { name: 'Find' });
  await find.fill('e');
  await page.getByRole('button', { name: 'next', exact: true }).click();
  await expect(page.locator('.cm-searchMatch-selected')).toHaveCount(1);
  highlights['a search match'] = await backgroundOf('.cm-searchMatch:not(.cm-searchMatch-selected)');
  highlights['the current search match'] = await backgroundOf('.cm-searchMatch-selected');

  const seen = await page.evaluate(() => {
    const colors = new Set<string>();
    for (const node of document.querySelectorAll('.cm-content .cm-line, .cm-content .cm-line *')) {
      if ([...node.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent?.trim())) colors.add(getComputedStyle(node).color);
    }
    const lines = new Set([...document.querySelectorAll('.cm-content .cm-line')].map((l) => getComputedStyle(l).backgroundColor));
    return { editor: getComputedStyle(document.querySelector('.cm-editor')!).backgroundColor, colors: [...colors], lines: [...lines] };
  });
  expect(seen.colors.length, 'the code has many colours').toBeGreaterThanOrEqual(7);
  expect(seen.lines.length, 'a plain line and the active one').toBeGreaterThanOrEqual(2);
  const editor = parseCssColor(seen.editor);
  const faint: string[] = [];
  for (const [highlight, background] of Object.entries(highlights)) {
    expect(background, `${highlight} is drawn`).not.toBe('rgba(0, 0, 0, 0)');
    for (const line of seen.lines) {
      const under = composite([editor, parseCssColor(line), parseCssColor(background)]);
      for (const color of seen.colors) {
        const ratio = contrastRatio(composite([under, parseCssColor(color)]), under);
        if (ratio < 4.5) faint.push(`${color} on ${highlight} (${background}, line ${line}): ${ratio.toFixed(2)}:1`);
      }
    }
  }
  expect(faint, 'highlighted code under 4.5:1').toEqual([]);
});

/**
 * A coding question whose statement takes the phone's first screen: the editor is made below the fold. CodeMirror
 * measures nothing out of the window, so it drew its line numbers at its first guess of a line's height (14 px steps
 * beside 20 px lines), and it learnt it was in view from an IntersectionObserver, which reports after the frame is
 * painted: the frame that showed it had the numbers beside the wrong lines, and its next frame moved them (Playwright's
 * `fill`, which scrolls and inserts at once, made it look like a paste's lag). Each check runs in the frame itself:
 * from an animation frame callback asked for after the editor's own (in the scroll event, after the editor's
 * listener; after the paste's dispatch), so it reads what that frame paints. The paste comes as a phone's menu gives
 * it: a paste event, no key.
 */
test('on a phone, line numbers are beside their lines in the frame the editor is scrolled into and in the frame of a paste', async ({ guestContext, server }) => {
  const statement = Array.from({ length: 6 }, (_, i) => `Step ${i + 1}: read the array, skip what is not a number, and add the rest, keeping the order of the items as given.`).join(' ');
  const question = codingQuestion('q-sum');
  if (question.kind !== 'coding') throw new Error('codingQuestion made a question of another kind');
  const link = await publishAndInvite(server, planOf('code-editor-gutter-paste', [{ ...question, statement }]), 'Ada');
  const page = await (await guestContext({ viewport: { width: 360, height: 740 } })).newPage();
  await page.addInitScript(() => {
    // Each drawn line number whose top is not its line's top, as "number: number's top / line's top".
    (window as unknown as { misplacedLineNumbers: () => string[] }).misplacedLineNumbers = () => {
      const lines = [...document.querySelectorAll('.cm-content .cm-line')];
      return [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')]
        .filter((n) => /^\d+$/.test(n.textContent ?? '') && n.getBoundingClientRect().height > 0)
        .flatMap((n) => {
          const top = lines[Number(n.textContent) - 1]?.getBoundingClientRect().top;
          const numberTop = n.getBoundingClientRect().top;
          return top !== undefined && Math.abs(top - numberTop) <= 1 ? [] : [`${n.textContent}: ${Math.round(numberTop)} / ${top === undefined ? 'not drawn' : Math.round(top)}`];
        });
    };
  });
  await guestAtCodingQuestion(page, link);
  const editor = page.locator('.cm-editor');
  expect((await editor.boundingBox())!.y, 'the editor is made below the fold (the case)').toBeGreaterThan(740);
  await page.waitForTimeout(500);

  // Scrolled to as a thumb scrolls (no press), its top to the middle of the window.
  const inScrolledFrame = await editor.evaluate(
    (el) =>
      new Promise<string[]>((resolve) => {
        const w = window as unknown as { misplacedLineNumbers: () => string[] };
        addEventListener('scroll', () => requestAnimationFrame(() => resolve(w.misplacedLineNumbers())), { capture: true, once: true, passive: true });
        window.scrollBy(0, el.getBoundingClientRect().top - window.innerHeight / 2);
      }),
  );
  expect(inScrolledFrame, 'line numbers misplaced (number: its top / its line’s top) in the frame that scrolled the editor into view').toEqual([]);

  // 40 lines pasted at the start of the code: the numbers go from one digit to two.
  const pasted = Array.from({ length: 40 }, (_, i) => `// step ${i + 1}`).join('\n') + '\n';
  const inPasteFrame = await page.locator('.cm-content').evaluate(
    (content, text) =>
      new Promise<{ misplaced: string[]; codeLeft: [number, number] }>((resolve) => {
        const before = content.getBoundingClientRect().left;
        const data = new DataTransfer();
        data.setData('text/plain', text);
        content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        requestAnimationFrame(() =>
          resolve({ misplaced: (window as unknown as { misplacedLineNumbers: () => string[] }).misplacedLineNumbers(), codeLeft: [before, content.getBoundingClientRect().left] }),
        );
      }),
    pasted,
  );
  expect(inPasteFrame.misplaced, 'line numbers misplaced in the frame of the paste').toEqual([]);
  // Room for two digits from the start: the tenth line does not push the code sideways under the reader's eyes.
  expect(inPasteFrame.codeLeft[1], 'the code’s left edge after the paste (before it: the first number)').toBeCloseTo(inPasteFrame.codeLeft[0], 0);
  await expect(page.locator('.cm-line').first(), 'the paste went into the editor').toHaveText('// step 1');
  await expect(page.locator('.cm-lineNumbers .cm-gutterElement', { hasText: /^41$/ })).toBeVisible();
});
