/**
 * Spoken test answers with known words: espeak-ng speaks the text, sox turns it
 * into the 48 kHz mono WAV Chromium's fake microphone reads
 * (--use-file-for-fake-audio-capture). Files are cached under .tmp/speech by a
 * hash of their inputs, so a test run makes each one once.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './server-process';

export const SPEECH_DIR = path.join(REPO_ROOT, '.tmp', 'speech');

export interface SpeechOptions {
  /** espeak-ng words per minute. */
  wpm?: number;
  voice?: string;
  /** Seconds of silence after the speech (Chromium loops the file; a pause makes the loop audible as separate answers). */
  trailingSilenceSec?: number;
}

export function hasSpeechTools(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Path of a WAV file saying `text`; made on first use. */
export function speechWav(text: string, options: SpeechOptions = {}): string {
  const wpm = options.wpm ?? 150;
  const voice = options.voice ?? 'en-us';
  const silence = options.trailingSilenceSec ?? 1;
  const id = createHash('sha256').update(JSON.stringify({ text, wpm, voice, silence, v: 1 })).digest('hex').slice(0, 16);
  const out = path.join(SPEECH_DIR, `${id}.wav`);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(SPEECH_DIR, { recursive: true });
  const raw = path.join(SPEECH_DIR, `${id}.raw.wav`);
  const tmp = `${out}.${process.pid}.tmp.wav`;
  execFileSync('espeak-ng', ['-v', voice, '-s', String(wpm), '-w', raw, text], { stdio: 'pipe' });
  // 48 kHz mono 16-bit, as Chromium's fake capture device expects; silence padded at the end.
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', tmp, 'pad', '0', String(silence)], { stdio: 'pipe' });
  fs.renameSync(tmp, out);
  fs.rmSync(raw, { force: true });
  return out;
}

/** Duration of a WAV file in seconds (sox's own reading). */
export function wavSeconds(file: string): number {
  return Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }).trim());
}
