/**
 * Finds a Chromium for the tests: CHROMIUM_PATH if set, Debian's /usr/bin/chromium
 * where present, otherwise Playwright's own browser (undefined = let Playwright pick).
 */
import fs from 'node:fs';

export function chromiumExecutable(): string | undefined {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist.`);
    return override;
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The Chromium the end-to-end suite drives: CHROMIUM_PATH if set, else Debian's chromium-headless-shell where present
 * (`apt-get install chromium-headless-shell`), else chromiumExecutable(). The headless shell is the same Chromium
 * version's engine (Blink, V8, the same media, workers and service workers) without the desktop browser around it, which
 * every new browser context of the full Chromium starts: measured on this machine, a new context that opens only
 * about:blank costs 2.6 CPU-s in /usr/bin/chromium and 0.3 in the headless shell, and the suite opens a few hundred
 * profiles (#12: the suite's time). Benchmarks keep chromiumExecutable(): their figures are the desktop browser's.
 */
export function testChromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return chromiumExecutable();
  const shell = '/usr/bin/chromium-headless-shell';
  return fs.existsSync(shell) ? shell : chromiumExecutable();
}

/** Flags that keep a headless Chromium quiet on a machine with no outside network, running as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  // Every site, and every sandboxed frame, in a process of its own, as desktop Chrome does by default; the headless
  // shell (testChromiumExecutable) does not without it. The code sandbox's frame relies on it: code that runs out of
  // memory must take down only that frame's process (tests/e2e/code-sandbox-memory.spec.ts), not the page's.
  '--site-per-process',
];

/** Fake microphone fed from a WAV file, permission granted without a prompt. */
export function fakeMicArgs(wavFile: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wavFile}`];
}
