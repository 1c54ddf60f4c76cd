/**
 * Spoken test answers with known text, made with espeak-ng (installed on the dev machines): sentences joined by
 * silences of chosen lengths, at 16 kHz mono. For VAD tests and the ASR benchmark.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toWhisperInput } from '../audio/resample';
import { decodeWav } from '../audio/wav';

export function espeakAvailable(): boolean {
  return spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function speak(text: string, opts: { voice?: string; wordsPerMinute?: number } = {}): Float32Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'espeak-'));
  try {
    const file = path.join(dir, 'out.wav');
    execFileSync('espeak-ng', ['-v', opts.voice ?? 'en-us', '-s', String(opts.wordsPerMinute ?? 165), '-w', file, text]);
    const wav = decodeWav(new Uint8Array(fs.readFileSync(file)).buffer);
    return toWhisperInput(wav.channels, wav.sampleRate);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface SpokenAnswer {
  samples: Float32Array;
  /** Where each sentence is, in samples. */
  sentences: { text: string; start: number; end: number }[];
}

/** Sentences separated by the given pauses (seconds); `lead` silence before the first. */
export function spokenAnswer(sentences: readonly string[], pauseSeconds: number | readonly number[], leadSeconds = 0.5): SpokenAnswer {
  const parts: Float32Array[] = [new Float32Array(Math.round(leadSeconds * 16000))];
  const spans: SpokenAnswer['sentences'] = [];
  let at = parts[0]!.length;
  sentences.forEach((text, i) => {
    const voice = speak(text);
    parts.push(voice);
    spans.push({ text, start: at, end: at + voice.length });
    at += voice.length;
    const pause = typeof pauseSeconds === 'number' ? pauseSeconds : (pauseSeconds[i] ?? 0.5);
    const gap = new Float32Array(Math.round(pause * 16000));
    parts.push(gap);
    at += gap.length;
  });
  const samples = new Float32Array(at);
  let o = 0;
  for (const p of parts) {
    samples.set(p, o);
    o += p.length;
  }
  return { samples, sentences: spans };
}

/** Interview-style sentences for building answers of any length. */
export const ANSWER_SENTENCES = [
  'I would start by reading the logs and reproducing the problem on a staging server.',
  'Then I would write a failing test before changing any code.',
  'The root cause turned out to be a race condition in the cache layer.',
  'We added a lock around the refresh and measured the latency again.',
  'After that we shipped the fix and added monitoring so it would not happen again.',
  'In my last project I led a team of four engineers building a payments service.',
  'We chose a relational database because the data had clear relationships and strict consistency needs.',
  'For the interface between services we used versioned HTTP endpoints with typed schemas.',
  'I think the most important part of a code review is understanding the intent of the change.',
  'When requirements are unclear, I ask questions early and write down the assumptions.',
  'Our test suite took forty minutes, so we split the slow integration tests from the fast unit tests.',
  'The feedback loop dropped to under five minutes, and people started running the tests before every commit.',
];
