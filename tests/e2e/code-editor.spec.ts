/**
 * The guest's code editor (CodeMirror, loaded on the first coding question) used with the keyboard alone: Tab from
 * the controls above enters it, typing auto-indents and closes brackets, Tab indents, Escape then Tab leaves it for
 * Run examples; a wrong solution, then one that throws (the verdict points at the line, marked in the editor, and
 * "Go to line" puts the cursor there), a reload in the middle that keeps the draft, then a right solution submitted.
 */
import type { Page } from '@playwright/test';
import { test, expect, codingQuestion, consentAndStart, getKv, openInvite, passTechCheck, planOf, publishAndInvite } from './pages/guest-pages';

const editorText = (page: Page) => page.locator('.cm-content').evaluate((el) => Array.from(el.querySelectorAll('.cm-line'), (l) => l.textContent ?? '').join('\n'));
/** The typed code, without the trailing line break a select-all-and-type may leave of the starter code. */
const typedCode = async (page: Page) => (await editorText(page)).trimEnd();

test('the guest writes, runs and submits code in the editor with the keyboard alone, and a reload keeps the draft', async ({ guestContext, server }) => {
  const id = 'code-editor-1';
  const link = await publishAndInvite(server, planOf(id, [codingQuestion('q-sum')]), 'Ada');
  const page = await (await guestContext()).newPage();
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);

  const field = page.getByTestId('code-field');
  await expect(field).toHaveAttribute('data-editor', 'ready');
  await expect(field).toContainText('Tab indents; to leave the editor with the keyboard, press Escape, then Tab.');
  const content = page.getByRole('textbox', { name: 'Your code' });
  await expect(content).toHaveClass(/cm-content/);
  await expect.poll(() => editorText(page)).toBe('function sum(values) {\n  // your code\n}\n');

  // In from the display controls with Tab; select all and type a wrong solution.
  await page.getByRole('button', { name: 'Larger text' }).focus();
  await page.keyboard.press('Tab');
  await expect(content).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('function sum(values) {');
  await page.keyboard.press('Enter');
  await page.keyboard.type('return values.length;');
  // The closing brace came with the opening one, and the new line was indented.
  await expect.poll(() => typedCode(page)).toBe('function sum(values) {\n  return values.length;\n}');

  // Escape, then Tab leaves the editor for Run examples.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const run = page.getByRole('button', { name: /^Run examples/ });
  await expect(run).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('test-verdict')).toContainText('returned 3, expected 6');

  // Back in with Shift+Tab: code that throws on line 3.
  await page.keyboard.press('Shift+Tab');
  await expect(content).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('function sum(values) {');
  await page.keyboard.press('Enter');
  await page.keyboard.type('const total = values.reduce((a, b) => a + b, 0);');
  await page.keyboard.press('Enter');
  await page.keyboard.type('if (total > 5) throw new RangeError("too big");');
  await page.keyboard.press('Enter');
  await page.keyboard.type('return total;');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(run).toBeFocused();
  await page.keyboard.press('Enter');
  const verdict = page.getByTestId('test-verdict');
  await expect(verdict).toHaveAttribute('data-state', 'threw');
  await expect(verdict).toContainText('RangeError: too big');
  // The editor marks line 3; "Go to line 3" takes the cursor there.
  await expect(page.locator('.cm-lintRange-error')).toHaveText('  if (total > 5) throw new RangeError("too big");');
  const goTo = page.getByRole('button', { name: 'Go to line 3' });
  await goTo.focus();
  await page.keyboard.press('Enter');
  await expect(content).toBeFocused();
  await expect(page.locator('.cm-activeLine')).toHaveText('  if (total > 5) throw new RangeError("too big");');
  // Tab indents inside the editor (the focus stays).
  await page.keyboard.press('Tab');
  await expect(content).toBeFocused();
  await expect(page.locator('.cm-activeLine')).toHaveText('    if (total > 5) throw new RangeError("too big");');

  // The draft is kept as typed: a reload in the middle brings it back into the editor.
  const draftKey = `draft:${id}:q-sum`;
  const typed = 'function sum(values) {\n  const total = values.reduce((a, b) => a + b, 0);\n    if (total > 5) throw new RangeError("too big");\n  return total;\n}';
  await expect.poll(() => typedCode(page)).toBe(typed);
  const beforeReload = await editorText(page);
  await expect.poll(() => getKv(page, draftKey)).toBe(beforeReload);
  await page.reload();
  await expect(page.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready');
  await expect.poll(() => editorText(page)).toBe(beforeReload);

  // The right solution: delete the throwing line with the keyboard, run, submit.
  await content.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Backspace');
  await expect.poll(() => typedCode(page)).toBe('function sum(values) {\n  const total = values.reduce((a, b) => a + b, 0);\n  return total;\n}');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(run).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('test-verdicts')).toHaveAttribute('data-passed', '1');
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit code' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Code submitted.')).toBeFocused();

  // Typing that goes on without a pause is saved as it goes (at least every second, use-code-draft.ts), not only
  // once it stops: the draft holds the start of a line while the rest of it is still being typed.
  await content.focus();
  await page.keyboard.press('ControlOrMeta+End');
  const note = '// a note typed without a pause, kept as it is typed';
  const typing = page.keyboard.type(note, { delay: 100 });
  await expect
    .poll(
      async () => {
        const draft = await getKv(page, draftKey);
        return typeof draft === 'string' && draft.includes('// a note') && !draft.includes(note);
      },
      { timeout: 5000, intervals: [100] },
    )
    .toBe(true);
  await typing;
  await expect.poll(() => getKv(page, draftKey)).toBe(await editorText(page));
});

test('the editor’s theme and text size are the guest’s to choose', async ({ guestContext, server }) => {
  const id = 'code-editor-2';
  const link = await publishAndInvite(server, planOf(id, [codingQuestion('q-sum')]), 'Lin');
  const page = await (await guestContext()).newPage();
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  await expect(page.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready');
  const editor = page.locator('.cm-editor');
  const light = await editor.evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.getByLabel('Theme').selectOption('dark');
  await expect.poll(() => editor.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(light);
  const size = () => editor.evaluate((el) => getComputedStyle(el).fontSize);
  await expect.poll(size).toBe('14px');
  await page.getByRole('button', { name: 'Larger text' }).click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect.poll(size).toBe('18px');
  // Search opens inside the editor.
  await page.getByRole('textbox', { name: 'Your code' }).focus();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(page.locator('.cm-search input[name="search"]')).toBeFocused();
  // The choice stays after a reload.
  await page.reload();
  await expect(page.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready');
  await expect.poll(size).toBe('18px');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
});

test('the editor takes the plain text area’s place in one step: never two fields named “Your code” at once', async ({ guestContext, server }) => {
  const id = 'code-editor-swap';
  const link = await publishAndInvite(server, planOf(id, [codingQuestion('q-sum')]), 'Ada');
  const page = await (await guestContext()).newPage();
  // Looked at after every change of the page (a MutationObserver's turn): a field that held both the loading text
  // area and the editor between two of them was two "Your code" fields for whoever looked then (a flaky
  // guest-interview run: getByLabel('Your code') resolved to both).
  await page.addInitScript(() => {
    const w = window as unknown as { __bothFields: number };
    w.__bothFields = 0;
    new MutationObserver(() => {
      for (const field of document.querySelectorAll('[data-testid="code-field"]')) {
        if (field.querySelector('textarea.code-area') && field.querySelector('.cm-content')) w.__bothFields++;
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  await expect(page.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready');
  await expect(page.getByRole('textbox', { name: 'Your code' })).toHaveClass(/cm-content/);
  expect(await page.evaluate(() => (window as unknown as { __bothFields: number }).__bothFields)).toBe(0);
});
