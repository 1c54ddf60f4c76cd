/**
 * The question bank's answer keys never reach anyone without a host token: not in any file the server sends
 * to anyone (every file of the build, source maps included), not in the service worker's precache manifest,
 * not in what a guest's browser caches. Only GET /api/bank with the host's token carries them, and the same
 * scanner finds every one of them there (so a scan that finds nothing means something).
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { publishAndInvite } from './pages/guest-pages';
import { REPO_ROOT, readSecret } from '../support/server-process';
import { answerKeyNeedles, findAnswerKeys, type Finding } from '../support/answer-key-scan';
import { fetchUnpooled } from '../support/fetch-unpooled';
import { questionBank } from '../../src/domain/bank';
import { generateOfflinePlan, installQuestionBank } from '../../src/domain/planning';
import { mintToken } from '../../sync-server/auth/tokens';
import type { InterviewPlan } from '../../src/domain/interview';

installQuestionBank(questionBank());
const needles = answerKeyNeedles(questionBank());
const DIST = path.join(REPO_ROOT, 'dist');

function filesIn(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

const describe = (findings: Finding[]) => findings.slice(0, 20).map((f) => `${f.where}: ${f.itemId} ${f.what}`).join('\n');

test('no file of the build, source map or precache entry that the server sends without a token holds an answer key', async ({ server }) => {
  test.setTimeout(180_000);
  const files = filesIn(DIST);
  expect(files).toContain('index.html');
  expect(files).toContain('sw.js');
  // Downloaded first, scanned after (~10 s on a loaded machine, holding this process's event loop); every request on a
  // connection of its own, so none is left kept alive across the scan for the next test to find closed (fetch-unpooled.ts).
  const served: [string, Buffer][] = [];
  for (const rel of files) {
    const res = await fetchUnpooled(`${server.url}/${rel.split('/').map(encodeURIComponent).join('/')}`);
    expect(res.status, rel).toBe(200);
    served.push([rel, res.body]);
  }
  const findings = served.flatMap(([rel, body]) => findAnswerKeys(rel, body.toString('latin1'), needles));
  expect(findings, describe(findings)).toEqual([]);

  // Every precache entry (what each device, guests' included, downloads at install) is one of the files scanned.
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const precached = [...sw.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1]!);
  expect(precached.length).toBeGreaterThan(10);
  expect(precached.filter((u) => !files.includes(u.replace(/^\//, '')))).toEqual([]);
  expect(precached.filter((u) => u.includes('api/'))).toEqual([]);
});

test('GET /api/bank gives the keys to the host only, and the scanner finds every one of them there', async ({ server }) => {
  const secret = readSecret(server.dataDir);
  const url = `${server.url}/api/bank`;
  expect((await fetchUnpooled(url)).status).toBe(401);
  for (const role of ['guest', 'interviewer', 'moderator', 'audience', 'tech-support'] as const) {
    const res = await fetchUnpooled(url, { Authorization: `Bearer ${mintToken(secret, { iid: 'any-interview', role, sub: role, ttlSec: 600 })}` });
    expect(res.status, role).toBe(403);
    expect(res.text()).not.toContain('referenceAnswer');
  }
  const host = await fetchUnpooled(url, { Authorization: `Bearer ${server.hostToken}`, 'Accept-Encoding': 'gzip' });
  expect(host.status).toBe(200);
  expect(host.headers.get('cache-control')).toContain('private');
  const body = host.text();
  const found = findAnswerKeys('/api/bank', body, needles);
  expect(needles.length).toBeGreaterThan(2000);
  expect(found.length).toBe(needles.length);
  // A device that has the current copy is told so without the body.
  const again = await fetchUnpooled(url, { Authorization: `Bearer ${server.hostToken}`, 'If-None-Match': host.headers.get('etag')! });
  expect(again.status).toBe(304);
});

// What the guest's browser caches is the service worker's precache: this test's profiles run it (fixtures.ts offlineCapable).
test.describe(() => {
  test.use({ offlineCapable: true });
  test("a guest's browser caches no answer key, and cannot plan from a bank it does not have", async ({ newProfile, server }) => {
    const now = Date.now();
    const req = { archetype: 'backend', depth: 'standard', durationMin: 30, seed: 7 } as const;
    const plan: InterviewPlan = {
      meta: { id: 'keys-guest-1', title: 'Keys', ...req, createdAt: now, updatedAt: now, status: 'published', version: 1 },
      questions: generateOfflinePlan(req),
    };
    const link = await publishAndInvite(server, plan, 'Grace');
    const guest = await (await newProfile()).newPage();
    await guest.goto(link);
    await expect(guest.getByTestId('guest-question-count')).toHaveText(String(plan.questions.length));
    const cached = await guest.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const out: { url: string; text: string }[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) out.push({ url: request.url, text: await (await cache.match(request))!.text() });
      }
      return out;
    });
    expect(cached.length).toBeGreaterThan(10);
    expect(cached.some((c) => c.url.endsWith('/index.html') || c.url.includes('index.html'))).toBe(true);
    const findings = cached.flatMap((c) => findAnswerKeys(c.url, c.text, needles));
    expect(findings, describe(findings)).toEqual([]);

    // The planning screen says why it cannot plan from the bank on this device.
    await guest.goto('/create-interview');
    await expect(guest.getByTestId('bank-unavailable')).toContainText('not on this device');
  });
});
