/**
 * The results dashboard's page helpers for end-to-end tests: finished candidate interviews written through the
 * server's real write paths (the stage machine's session into the documents over the sync protocol, answer audio
 * through the upload API, the guest's invite through the invite API), and opening a candidate from the list.
 */
import type { Page } from '@playwright/test';
import { mintToken } from '../../../sync-server/auth/tokens';
import { readSecret, type ServerProcess } from '../../support/server-process';
import { seedInterview, type SeedRating } from '../../support/results-seed';
import { uploadRecording } from '../../support/upload-recording';
import { connectClient, type YwsClient } from '../../support/yws-client';
import { expect } from '../fixtures';

/** A real 16-bit PCM WAV of a quiet tone, long enough for every transcript word's timing. */
export function toneWav(seconds: number, rate = 8000): Buffer {
  const samples = seconds * rate;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(2000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return b;
}

export interface Seeded {
  id: string;
  name: string;
  spoken: { id: string; prompt: string; ai: number };
}

export interface SeedExtras {
  /** Code each coding question gets. */
  code?: string;
  /** Manual ratings written into the staff document with the session (as the live session's buttons do). */
  ratings?: readonly SeedRating[];
  /** When the interview started (default an hour ago). */
  startAt?: number;
}

/** One finished candidate interview on the shared server, with its answers' audio uploaded as the guest's device does. */
export async function seedCandidate(server: ServerProcess, clients: YwsClient[], id: string, name: string, aiScore: (i: number) => number, extras: SeedExtras = {}): Promise<Seeded> {
  const secret = readSecret(server.dataDir);
  const guest = mintToken(secret, { iid: id, role: 'guest', sub: 'guest-1', ttlSec: 3600 });
  const audio = toneWav(10);
  const { plan } = await seedInterview(
    async (doc) => {
      const c = connectClient(`ws://127.0.0.1:${server.port}/sync`, doc, server.hostToken);
      clients.push(c);
      await c.synced();
      return c.doc;
    },
    {
      interviewId: id,
      title: `Review ${id}`,
      seed: 7,
      maxQuestions: 8,
      startAt: extras.startAt ?? Date.now() - 3_600_000,
      aiScore,
      ratings: extras.ratings,
      code: () => extras.code ?? 'function solve(items) {\n  const seen = new Set();\n  for (const x of items) { if (seen.has(x)) return x; seen.add(x); }\n  return null;\n}',
      upload: (r) => uploadRecording(server.url, guest, id, { ...r, audio, mimeType: 'audio/wav', durationMs: 10_000 }),
    },
  );
  const res = await fetch(`${server.url}/api/invites`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.hostToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ interviewId: id, role: 'guest', subject: name }),
  });
  expect(res.status).toBe(201);
  const index = plan.questions.findIndex((q) => q.kind === 'spoken');
  const q = plan.questions[index]!;
  return { id, name, spoken: { id: q.id, prompt: q.kind === 'spoken' ? q.prompt : '', ai: aiScore(index) } };
}

export async function openCandidate(page: Page, name: string): Promise<void> {
  await page.goto('/admin/results');
  // The worker's server holds other specs' interviews: search for this one.
  await expect(async () => {
    await page.reload();
    await page.getByRole('searchbox', { name: 'Search' }).fill(name);
    await expect(page.getByRole('link', { name })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  // The list can re-render under the click as the search's answer arrives (a quiet full run at 06:52 clicked and
  // stayed on "Results" for 15 s): click again until the candidate's page is open.
  await expect(async () => {
    if (!((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').includes(name)) {
      await page.getByRole('link', { name }).click({ timeout: 2_000 });
    }
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

