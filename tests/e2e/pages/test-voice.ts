/**
 * A speech engine standing in for the system's: the suite's Chromium has no voice installed, so read-aloud there is
 * always "unavailable", while a phone reads the question out. With this, the page's speechSynthesis has one English
 * voice; an utterance starts at once and ends `speakMs` later unless cancelled. Everything of the app's read-aloud
 * stays its own.
 */
import type { Page } from '@playwright/test';

export async function installTestVoice(page: Page, speakMs = 2000): Promise<void> {
  await page.addInitScript((ms) => {
    class Utterance {
      voice: unknown = null;
      lang = '';
      rate = 1;
      onstart: (() => void) | null = null;
      onend: (() => void) | null = null;
      onerror: ((e: { error: string }) => void) | null = null;
      constructor(readonly text: string) {}
    }
    let current: Utterance | null = null;
    const voice = { name: 'Test voice', lang: 'en-US', default: true, localService: true, voiceURI: 'test-voice' };
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
    Object.defineProperty(speechSynthesis, 'getVoices', { value: () => [voice], configurable: true });
    Object.defineProperty(speechSynthesis, 'cancel', {
      value: () => {
        const u = current;
        current = null;
        u?.onerror?.({ error: 'canceled' });
      },
      configurable: true,
    });
    Object.defineProperty(speechSynthesis, 'speak', {
      value: (u: Utterance) => {
        current = u;
        setTimeout(() => u.onstart?.(), 0);
        setTimeout(() => {
          if (current !== u) return;
          current = null;
          u.onend?.();
        }, ms);
      },
      configurable: true,
    });
  }, speakMs);
}
