/**
 * Reads and drives a page over a Chrome DevTools Protocol session of its own, for a page Playwright has given up on.
 *
 * Playwright takes a whole page for crashed when any of its out-of-process frames crashes (its Chromium session
 * marks the page on a frame target's `Inspector.targetCrashed`) and refuses every later call on it. The code
 * sandbox frame (worker/sandbox/frame-port.ts) is meant to crash alone when a candidate's code runs out of memory,
 * while its page carries on; this is how a test sees that page carry on. Open it before the crash.
 */
import { expect, type Page } from '@playwright/test';
import type { CDPSession } from '@playwright/test';

export class PageOverCdp {
  private constructor(private readonly session: CDPSession) {}

  static async open(page: Page): Promise<PageOverCdp> {
    return new PageOverCdp(await page.context().newCDPSession(page));
  }

  /** The value of a JavaScript expression in the page (returned by value: JSON-like values only). */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = (await this.session.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (reply.exceptionDetails) throw new Error(`in the page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    return reply.result.value as T;
  }

  /** Waits until the expression's value is `expected`. */
  async waitFor(expression: string, expected: unknown, timeout = 60_000): Promise<void> {
    await expect.poll(() => this.evaluate(expression), { timeout, message: expression }).toEqual(expected);
  }

  /** The text of the first element matching a CSS selector ('' when there is none). */
  text(selector: string): Promise<string> {
    return this.evaluate<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);
  }

  /** Clicks the button whose text is exactly `name`, as a person would (a click event on it); fails when there is none. */
  async clickButton(name: string): Promise<void> {
    const clicked = await this.evaluate<boolean>(
      `(() => { const b = [...document.querySelectorAll('button')].find((e) => e.textContent.trim() === ${JSON.stringify(name)} && !e.disabled); b?.click(); return !!b; })()`,
    );
    if (!clicked) throw new Error(`no enabled button "${name}" on the page`);
  }

  /** Focuses the element, selects all of it with Ctrl+A and types `text` over it (inserted as one input, like a paste). */
  async replaceText(selector: string, text: string): Promise<void> {
    await this.evaluate(`document.querySelector(${JSON.stringify(selector)}).focus()`);
    const ctrlA = { modifiers: 2, key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65, commands: ['selectAll'] };
    await this.session.send('Input.dispatchKeyEvent', { type: 'keyDown', ...ctrlA });
    await this.session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...ctrlA });
    await this.session.send('Input.insertText', { text });
  }

  async close(): Promise<void> {
    await this.session.detach().catch(() => undefined);
  }
}
