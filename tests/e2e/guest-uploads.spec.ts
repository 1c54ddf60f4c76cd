/**
 * Every finished answer reaches the server, whether or not the guest allowed AI scoring, with a visible progress
 * bar; with the network down the answer waits on the device (and says so) and goes up once the network is back.
 * The server's copy is byte-for-byte the stored take.
 */
import {
  test,
  expect,
  consentAndStart,
  expectQuestion,
  mcqQuestion,
  nextQuestion,
  openInvite,
  passTechCheck,
  planOf,
  publishAndInvite,
  recordAnswer,
  spokenQuestion,
  storedTakes,
} from './pages/guest-pages';
import type { ServerProcess } from '../support/server-process';
import { localTakeSha256, serverTakeSha256 } from './pages/take-audio';

interface ServerRecording {
  recordingId: string;
  questionId: string;
  totalBytes: number;
  complete: boolean;
}

async function serverRecordings(server: ServerProcess, id: string): Promise<ServerRecording[]> {
  const res = await fetch(`${server.url}/api/interviews/${id}/recordings`, { headers: { Authorization: `Bearer ${server.hostToken}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { recordings: ServerRecording[] }).recordings;
}

// The guest records offline: this file's profiles run the service worker, as a person's browser does (fixtures.ts
// offlineCapable).
test.use({ offlineCapable: true });

test('answers upload with progress, also for human review only, and wait on the device while offline', async ({ guestContext, server }) => {
  const id = 'guest-uploads';
  const link = await publishAndInvite(
    server,
    planOf(id, [spokenQuestion('q1', 'How do you decide what to log in a service?'), spokenQuestion('q2', 'What makes a code review useful?'), mcqQuestion('q3')]),
    'Grace',
  );
  const ctx = await guestContext();
  const page = await ctx.newPage();
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page, { recording: true, aiScoring: false });
  await expectQuestion(page, 1, 3);

  await recordAnswer(page, 2);
  const upload = page.getByTestId('upload-status');
  await expect(upload).toHaveAttribute('data-upload-state', 'uploaded', { timeout: 30_000 });
  await expect(upload).toContainText('Answer uploaded');
  const [first] = (await storedTakes(page)).filter((t) => t.questionId === 'q1' && t.status === 'complete');
  expect(first).toBeDefined();
  const listed = await serverRecordings(server, id);
  expect(listed).toEqual([expect.objectContaining({ recordingId: first!.id, questionId: 'q1', complete: true, totalBytes: first!.bytes })]);
  expect(await serverTakeSha256(server, id, first!.id)).toBe(await localTakeSha256(page, first!.id));

  // Offline: the answer is kept and the guest is told; back online, it goes up by itself.
  await nextQuestion(page);
  await expectQuestion(page, 2, 3);
  await ctx.setOffline(true);
  await recordAnswer(page, 2);
  await expect(upload).toHaveAttribute('data-upload-state', /^(waiting|failed)$/, { timeout: 30_000 });
  await expect(page.getByTestId('upload-status')).not.toContainText('Answer uploaded');
  expect((await serverRecordings(server, id)).length).toBe(1);
  await ctx.setOffline(false);
  await expect(upload).toHaveAttribute('data-upload-state', 'uploaded', { timeout: 30_000 });
  const second = (await storedTakes(page)).find((t) => t.questionId === 'q2' && t.status === 'complete')!;
  await expect.poll(async () => (await serverRecordings(server, id)).map((r) => [r.questionId, r.complete])).toEqual([
    ['q1', true],
    ['q2', true],
  ]);
  expect(await serverTakeSha256(server, id, second.id)).toBe(await localTakeSha256(page, second.id));
});
