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

/** Flags that keep a headless Chromium quiet on a machine with no outside network, running as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Fake microphone fed from a WAV file, permission granted without a prompt. */
export function fakeMicArgs(wavFile: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wavFile}`];
}
