/**
 * The shared live session in Chromium, one browser profile per person (host,
 * interviewer, moderator, guest, audience), against the real server. The guest
 * runs the real interview screens (with a fake microphone); staff follow the
 * state the guest's device publishes, and host overrides reach the guest's
 * screen through the stage document and the guest's own stage machine.
 */
import { test, expect, guestScreenPosition, openGuestLink, startInterview } from './pages/live-guest-pages';
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { twoFrames } from './pages/frames';
import { waitForOfflineReady } from './pages/host-pages';
import { inviteLink, mcqQuestion, planOf, publishPlanDocs, spokenQuestion } from './pages/guest-pages';
import {
  approveEdited,
  chatMessage,
  chatMessages,
  guestPosition,
  guestStage,
  liveStatus,
  openHostSessionByLink,
  openLiveLink,
  openTab,
  presenceChip,
  queueItems,
  rate,
  react,
  reactions,
  recordWebSocketFrames,
  reject,
  sendChat,
  submitAudienceQuestion,
  waitLiveSynced,
} from './pages/live-pages';
import type { ServerProcess } from '../support/server-process';

// The tests share nothing but the worker's server (each its own interview), so two workers may split them: the
// suite's longest files would otherwise keep one worker busy while the other ran out of files (#12).
test.describe.configure({ mode: 'parallel', timeout: 240_000 });

/**
 * A published four-question interview and the links asked for, made through the server's API (sync documents and
 * POST /api/invites) as the host's screens make them: planning and link making have specs of their own
 * (planning.spec.ts, slice.spec.ts); here they would only cost time. The host's device opens the live session with
 * the host link's token (openHostSessionByLink).
 */
async function planSession(server: ServerProcess, sessionId: string, people: Array<[string, string]>): Promise<Record<string, string>> {
  const plan = planOf(sessionId, [
    spokenQuestion('q-cache', 'Explain how a cache speeds up repeated reads and what can go wrong.'),
    mcqQuestion('q-status'),
    spokenQuestion('q-review', 'How do you review a colleague’s pull request?'),
    mcqQuestion('q-status-2'),
  ], 30);
  // The planning form uses the session identifier as the title; the live screens show it.
  plan.meta.title = sessionId;
  await publishPlanDocs(server, plan);
  const links: Record<string, string> = {};
  for (const [role, name] of people) links[name] = await inviteLink(server, sessionId, role, name);
  return links;
}

function tokenOf(link: string): string {
  return new URL(link).hash.replace(/^#t=/, '');
}

test('staff chat and reactions reach every staff member and nothing of them reaches the guest', async ({ newProfile, guestProfile, server }) => {
  const id = 'live-chat-1';
  const links = await planSession(server, id, [
    ['guest', 'Gita Guest'],
    ['interviewer', 'Ivan Interviewer'],
    ['moderator', 'Mona Moderator'],
  ]);

  // The guest's browser: every WebSocket frame it receives is recorded from the start.
  const guest = await (await guestProfile()).newPage();
  const guestFrames = recordWebSocketFrames(guest);
  await openGuestLink(guest, links['Gita Guest']!);

  const host = await openHostSessionByLink(await newProfile(), server, id);
  const interviewer = await openLiveLink(await newProfile(), links['Ivan Interviewer']!, id);
  const moderator = await openLiveLink(await newProfile(), links['Mona Moderator']!, id);
  for (const p of [host, interviewer, moderator]) await waitLiveSynced(p);

  // Presence: who is here, in which role, on which question.
  await expect(presenceChip(host, 'interviewer', 'Ivan Interviewer')).toBeVisible();
  await expect(presenceChip(host, 'moderator', 'Mona Moderator')).toBeVisible();
  await expect(presenceChip(interviewer, 'host', 'host')).toBeVisible();
  await expect(presenceChip(interviewer, 'interviewer', 'Ivan Interviewer')).toContainText('(you)');

  // The guest starts; staff follow where the guest is.
  await startInterview(guest);
  for (const p of [host, interviewer, moderator]) await expect(guestPosition(p)).toHaveText(/^1 of \d+$/);
  await expect(presenceChip(host, 'interviewer', 'Ivan Interviewer')).toContainText('on question 1');
  await expect(host.locator('[data-testid="presence-list"] [data-presence-role="guest"]')).toContainText('question 1');

  // Chat both ways; everyone on staff sees each message once.
  const ping = 'Backchannel ping zq81: ask about memoization next';
  const reply = 'Reply kx42 from the interviewer: noted';
  await expect(host.getByTestId('chat-empty')).toHaveText('No messages yet.');
  await sendChat(host, ping);
  await expect(chatMessage(interviewer, ping)).toHaveCount(1);
  await expect(chatMessage(moderator, ping)).toHaveCount(1);
  // The interviewer replies by keyboard only: Enter sends.
  await interviewer.getByLabel('Message to staff').fill(reply);
  await interviewer.getByLabel('Message to staff').press('Enter');
  await expect(chatMessage(interviewer, reply)).toHaveCount(1);
  await expect(interviewer.getByLabel('Message to staff')).toHaveValue('');
  await expect(chatMessage(host, reply)).toHaveCount(1);
  await expect(chatMessage(moderator, reply)).toHaveCount(1);
  await expect(chatMessages(host)).toHaveCount(2);

  // The guest records an answer; the interviewer's reaction is pinned to it and to the moment, and shows for staff.
  await guest.getByRole('button', { name: 'Record answer' }).click();
  await expect(guest.getByTestId('listening')).toBeVisible();
  await expect(guestStage(interviewer)).toHaveText(/Recording an answer/);
  // Tabs follow the ARIA pattern: arrow keys move between them.
  await interviewer.getByRole('tab', { name: /^Chat/ }).focus();
  await interviewer.keyboard.press('ArrowRight');
  await expect(interviewer.getByRole('tab', { name: /^Reactions/ })).toBeFocused();
  await expect(interviewer.getByRole('tab', { name: /^Reactions/ })).toHaveAttribute('aria-selected', 'true');
  await react(interviewer, 'Concern');
  await openTab(host, 'Reactions');
  await expect(host.getByText(/^On question 1 — the guest is recording/)).toBeVisible();
  const pinned = reactions(host).filter({ hasText: 'Concern by Ivan Interviewer' });
  await expect(pinned).toHaveCount(1);
  await expect(pinned).toContainText(/at \d+:\d\d in the recording/);
  await openTab(moderator, 'Reactions');
  await expect(reactions(moderator).filter({ hasText: 'Concern by Ivan Interviewer' })).toHaveCount(1);
  const reactionId = await pinned.getAttribute('data-reaction-id');
  expect(reactionId).toMatch(/^r-/);

  // The guest's device went on receiving the shared session (the stage document) all along...
  await host.getByRole('button', { name: 'Pause' }).click();
  await expect(guest.getByRole('heading', { name: 'The host paused the interview' })).toBeVisible();
  // ...and nothing of the staff talk reached it: not in the page, not in any frame it received.
  const guestText = await guest.locator('body').innerText();
  const received = guestFrames.text();
  expect(received).toContain('HOST_PAUSE');
  for (const secret of [ping, 'zq81', reply, 'kx42', reactionId!, 'Concern by', 'Mona Moderator']) {
    expect(guestText).not.toContain(secret);
    expect(received).not.toContain(secret);
  }
});

// The interviewer reloads offline, served by the service worker: this test's profiles run it (fixtures.ts offlineCapable).
test.describe(() => {
  test.use({ offlineCapable: true });
  test('an interviewer offline keeps reading, chatting and rating; everything merges once on reconnect', async ({ newProfile, server }) => {
    const id = 'live-offline-1';
    const links = await planSession(server, id, [
      ['interviewer', 'Ivan Interviewer'],
      ['moderator', 'Mona Moderator'],
    ]);
    const host = await openHostSessionByLink(await newProfile(), server, id);
    const ivCtx = await newProfile();
    const interviewer = await openLiveLink(ivCtx, links['Ivan Interviewer']!, id);
    const moderator = await openLiveLink(await newProfile(), links['Mona Moderator']!, id);
    for (const p of [host, interviewer, moderator]) await waitLiveSynced(p);
    await sendChat(host, 'Before the outage');
    await expect(chatMessage(interviewer, 'Before the outage')).toHaveCount(1);
    const firstPrompt = await interviewer.getByTestId('viewed-question-prompt').innerText();
    await waitForOfflineReady(interviewer);

    // Offline, even across a reload: still reading, chatting and rating.
    await ivCtx.setOffline(true);
    await interviewer.reload();
    await expect(interviewer.getByRole('heading', { level: 1, name: id })).toBeVisible();
    await expect(liveStatus(interviewer)).toHaveAttribute('data-sync-state', 'offline');
    await expect(interviewer.getByTestId('viewed-question-prompt')).toHaveText(firstPrompt);
    await expect(chatMessage(interviewer, 'Before the outage')).toHaveCount(1);

    await sendChat(interviewer, 'Offline note one');
    await sendChat(interviewer, 'Offline note two');
    await expect(chatMessage(interviewer, 'Offline note two')).toContainText('not sent yet');
    await rate(interviewer, 4);
    await react(interviewer, 'Strong');
    await expect(liveStatus(interviewer)).toHaveAttribute('data-pending', 'true');
    await expect(interviewer.getByTestId('sync-detail')).toContainText('unsent changes kept on this device');
    await expect(interviewer.getByTestId('sync-detail')).toContainText(/retry \d+ (in \d+ s|now)/);

    // Meanwhile the others keep talking.
    await sendChat(host, 'While you were away');
    await expect(chatMessage(moderator, 'While you were away')).toHaveCount(1);
    await expect(chatMessage(host, 'Offline note one')).toHaveCount(0);

    // Back online: everything merges, once, everywhere.
    await ivCtx.setOffline(false);
    await waitLiveSynced(interviewer);
    await expect(liveStatus(interviewer)).toHaveAttribute('data-pending', 'false');
    for (const p of [host, interviewer, moderator]) {
      await openTab(p, 'Chat');
      for (const text of ['Before the outage', 'Offline note one', 'Offline note two', 'While you were away']) {
        await expect(chatMessage(p, text)).toHaveCount(1);
      }
      await expect(chatMessages(p)).toHaveCount(4);
    }
    await expect(chatMessage(interviewer, 'Offline note two')).not.toContainText('not sent yet');
    await openTab(host, 'Reactions');
    await expect(reactions(host).filter({ hasText: 'Strong by Ivan Interviewer' })).toHaveCount(1);
    await expect(host.getByTestId('ratings')).toContainText('Ivan Interviewer interviewer: 4 of 5');
  });
});

test('more than 2 MiB of chat kept on an interviewer\'s device reaches the server after a reload, in parts, and every staff member gets it', async ({ newProfile, server }) => {
  const id = 'live-offline-large-1';
  const links = await planSession(server, id, [['interviewer', 'Ivan Interviewer']]);
  const host = await openHostSessionByLink(await newProfile(), server, id);
  const interviewer = await openLiveLink(await newProfile(), links['Ivan Interviewer']!, id);
  for (const p of [host, interviewer]) await waitLiveSynced(p);

  // What a device holds after long offline work: 1,100 messages of 2,000 characters (2.2 MB, over the server's 2 MiB
  // per message), written into the document's IndexedDB store (y-indexeddb's updates) as the app would have kept them.
  const offline = new Y.Doc();
  for (let i = 0; i < 1100; i++) {
    offline.getArray('chat').push([{ id: `m-offline-${i}`, text: `Offline note ${i} `.padEnd(2000, 'abcdefghij'[i % 10]!), by: 'Ivan Interviewer', role: 'interviewer', at: 1_700_000_000_000 + i }]);
  }
  const update = Y.encodeStateAsUpdate(offline);
  expect(update.length).toBeGreaterThan(2 * 1024 * 1024);
  await interviewer.evaluate(
    async ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('updates', 'readwrite');
        tx.objectStore('updates').add(bytes);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: `interq-yjs:${id}.staff`, base64: Buffer.from(update).toString('base64') },
  );

  // The reload loads it with the rest of the local copy and sends what the server lacks, in parts under the limit
  // (the stock provider sent it whole, the server closed the socket with 1009, and it never arrived).
  // Bounds, not speed checks: both pages render 1,100 long messages as the parts arrive (56 s in all at load 10).
  await interviewer.reload();
  await expect(liveStatus(interviewer)).toHaveAttribute('data-sync-state', 'synced', { timeout: 120_000 });
  await expect(liveStatus(interviewer)).toHaveAttribute('data-pending', 'false');
  await openTab(host, 'Chat');
  // The chat draws only the messages in view: the newest one says it is the last of 1,100, and the chat's own search
  // finds each of the others (staff-chat-long.spec.ts covers the chat itself).
  await expect(chatMessages(host).last()).toHaveAttribute('aria-setsize', '1100', { timeout: 60_000 });
  await expect(chatMessages(host).last()).toHaveAttribute('aria-posinset', '1100');
  const search = host.getByRole('searchbox', { name: 'Search messages' });
  for (const i of [0, 549, 1099]) {
    await search.fill(`Offline note ${i} `);
    await expect(chatMessage(host, `Offline note ${i} `.padEnd(2000, 'abcdefghij'[i % 10]!))).toHaveCount(1);
    await expect(host.getByTestId('chat-search-status')).toHaveText(`1 of 1,100 messages match “Offline note ${i}”.`);
  }
});

/** A y-websocket "update" message writing `change` into a fresh doc, as a client would send it. */
function syncUpdateFrame(change: (doc: Y.Doc) => void): number[] {
  const doc = new Y.Doc();
  change(doc);
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0); // sync message
  encoding.writeVarUint(enc, 2); // update
  encoding.writeVarUint8Array(enc, Y.encodeStateAsUpdate(doc));
  return Array.from(encoding.toUint8Array(enc));
}

test('audience Q&A: the moderator approves an edited question and rejects another; only the approved one reaches the interviewer', async ({ newProfile, server }) => {
  const id = 'live-qa-1';
  const links = await planSession(server, id, [
    ['interviewer', 'Ivan Interviewer'],
    ['moderator', 'Mona Moderator'],
    ['audience', 'Ada Audience'],
  ]);
  const audience = await openLiveLink(await newProfile(), links['Ada Audience']!, `Questions for ${id}`);
  const moderator = await openLiveLink(await newProfile(), links['Mona Moderator']!, id);
  const interviewer = await openLiveLink(await newProfile(), links['Ivan Interviewer']!, id);
  const host = await openHostSessionByLink(await newProfile(), server, id);
  for (const p of [audience, moderator, interviewer]) await waitLiveSynced(p);

  // The audience gets no moderation controls at all.
  await expect(audience.getByRole('button', { name: /approve|reject|edit/i })).toHaveCount(0);
  await expect(audience.getByTestId('approved-empty')).toBeVisible();

  const keep = 'how do u test hooks';
  const edited = 'How do you test custom React hooks?';
  const drop = 'Tabs or spaces, final answer?';
  await submitAudienceQuestion(audience, keep);
  await submitAudienceQuestion(audience, drop);
  await expect(audience.getByTestId('my-question-status')).toHaveText(['waiting for the moderator', 'waiting for the moderator']);

  // Moderating on a phone: usable at 360 px without sideways scrolling.
  await moderator.setViewportSize({ width: 360, height: 800 });
  await audience.setViewportSize({ width: 360, height: 800 });
  await openTab(moderator, 'Q&A');
  await expect(moderator.getByRole('tab', { name: /^Q&A/ })).toContainText('2');
  for (const p of [moderator, audience]) expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await approveEdited(moderator, keep, edited);
  await reject(moderator, drop);
  await expect(queueItems(moderator)).toHaveCount(1);

  // The interviewer's queue: only the approved question, as edited.
  await openTab(interviewer, 'Q&A');
  await expect(queueItems(interviewer)).toHaveCount(1);
  await expect(queueItems(interviewer).first()).toContainText(edited);
  await expect(queueItems(interviewer).first()).toContainText('edited by the moderator');
  await expect(interviewer.getByText(drop)).toHaveCount(0);
  await expect(interviewer.getByText(keep, { exact: true })).toHaveCount(0);
  await expect(interviewer.getByRole('button', { name: /^approve|^reject/i })).toHaveCount(0);

  // The host sees the same queue.
  await openTab(host, 'Q&A');
  await expect(queueItems(host)).toHaveCount(1);

  // The audience sees the outcome.
  await expect(audience.getByTestId('my-question-status')).toHaveText([`approved as “${edited}”`, 'not selected']);
  await expect(audience.getByTestId('approved-questions').locator('li')).toHaveCount(1);
  await expect(audience.getByTestId('approved-questions')).toContainText(edited);

  // An audience member who writes to the moderation document directly is refused, and nothing changes.
  const rejectedId = await moderator.getByTestId('qa-rejected').locator('li').first().getAttribute('data-submission-id');
  expect(rejectedId).toBeTruthy();
  const forged = syncUpdateFrame((doc) => {
    doc.getMap('decisions').set(rejectedId!, {
      submissionId: rejectedId,
      status: 'approved',
      text: 'FORGED approval by the audience',
      edited: true,
      author: 'Ada Audience',
      by: 'Ada Audience',
      role: 'moderator',
      at: Date.now(),
    });
    doc.getArray('queue').push([rejectedId!]);
  });
  const refusal = await audience.evaluate(
    async ({ url, frame }) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        ws.onopen = () => ws.send(new Uint8Array(frame));
        ws.onmessage = (e) => {
          const bytes = new Uint8Array(e.data as ArrayBuffer);
          // y-protocols auth message (type 2): permission denied.
          if (bytes[0] === 2) {
            resolve(new TextDecoder().decode(bytes.slice(3)));
            ws.close();
          }
        };
        ws.onclose = (e) => resolve(`closed ${e.code}`);
      }),
    { url: `${server.url.replace('http', 'ws')}/sync/${id}.moderation?token=${encodeURIComponent(tokenOf(links['Ada Audience']!))}`, frame: forged },
  );
  expect(refusal).toContain('may only read');
  // Proof that the refused write did not land: a later approval by the moderator arrives, the forged one never does.
  await submitAudienceQuestion(audience, 'What is your testing pyramid?');
  await pendingItemApprove(moderator, 'What is your testing pyramid?');
  await expect(queueItems(interviewer)).toHaveCount(2);
  await expect(queueItems(interviewer).nth(1)).toContainText('What is your testing pyramid?');
  for (const p of [interviewer, moderator, audience]) await expect(p.getByText('FORGED approval')).toHaveCount(0);
  await expect(audience.getByTestId('my-question-status').nth(1)).toHaveText('not selected');
});

async function pendingItemApprove(page: Page, text: string): Promise<void> {
  const item = page.getByTestId('qa-pending').locator('li').filter({ hasText: text });
  await item.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(item).toHaveCount(0);
}

test('host override: next question, pause, resume and a technical block reach the guest\'s screen and are logged with who and when', async ({ newProfile, guestProfile, server }) => {
  const id = 'live-override-1';
  const links = await planSession(server, id, [
    ['guest', 'Gita Guest'],
    ['interviewer', 'Ivan Interviewer'],
  ]);
  const host = await openHostSessionByLink(await newProfile(), server, id);
  const interviewer = await openLiveLink(await newProfile(), links['Ivan Interviewer']!, id);
  await waitLiveSynced(host);

  // No guest progress yet: the controls say why they wait; only the host has them.
  await expect(host.getByTestId('guest-not-started')).toBeVisible();
  await expect(host.getByRole('button', { name: 'Next question' })).toHaveAttribute('aria-disabled', 'true');
  await expect(interviewer.getByRole('heading', { name: 'Host controls' })).toHaveCount(0);

  const guest = await (await guestProfile()).newPage();
  await openGuestLink(guest, links['Gita Guest']!);
  await expect(guestStage(host)).toHaveText('Technical check');
  await startInterview(guest);
  await expect(guestPosition(host)).toHaveText(/^1 of \d+$/);
  const total = Number((await guestPosition(host).innerText()).split(' of ')[1]);

  await host.getByRole('button', { name: 'Next question' }).click();
  await expect(guestScreenPosition(guest)).toHaveText(`Question 2 of ${total}`);
  await expect(host.getByTestId('override-status')).toHaveText('Next question: applied on the guest’s device.');
  // The guest's own presence, not the fallback built from its published state.
  await expect(host.locator('[data-presence-role=guest][data-presence-name="Gita Guest"]')).toContainText('on question 2');
  await expect(guestPosition(host)).toHaveText(`2 of ${total}`);
  await expect(guestPosition(interviewer)).toHaveText(`2 of ${total}`);
  await expect(interviewer.getByTestId('viewed-question-title')).toContainText('Question 2 of');
  await expect(host.locator('.answers li').first()).toContainText('skipped by the host');

  // By keyboard: Pause becomes unavailable once the guest's device applies it, and keeps the host's focus.
  const pause = host.getByRole('button', { name: 'Pause' });
  await pause.focus();
  await host.keyboard.press('Enter');
  await expect(guest.getByRole('heading', { name: 'The host paused the interview' })).toBeVisible();
  await expect(guestStage(host)).toHaveText(/^Paused \(by the host\)/);
  await expect(guestStage(interviewer)).toHaveText(/^Paused/);
  await expect(pause).toHaveAttribute('aria-disabled', 'true');
  await twoFrames(host);
  await expect(pause).toBeFocused();

  await host.getByRole('button', { name: 'Resume' }).click();
  await expect(guestScreenPosition(guest)).toHaveText(`Question 2 of ${total}`);
  await expect(guestStage(host)).toHaveText('Answering a question');

  // A technical block needs a reason; then it moves the guest on and the question is excluded from scoring.
  await host.getByRole('button', { name: 'Mark technical block' }).click();
  await expect(host.getByText('Say what blocked the question')).toBeVisible();
  await host.getByLabel('Technical block reason').fill('microphone dropped out');
  await host.getByRole('button', { name: 'Mark technical block' }).click();
  await expect(guestScreenPosition(guest)).toHaveText(`Question 3 of ${total}`);
  await expect(guestPosition(host)).toHaveText(`3 of ${total}`);
  await expect(host.locator('.answers li').nth(1)).toContainText('technical block (microphone dropped out)');

  // Recorded with who and when: every override in the log, applied by the guest's device.
  const log = host.getByTestId('override-log').locator('li');
  await expect(log).toHaveCount(4);
  await expect(log.first()).toContainText('Mark technical block by host');
  await expect(log.last()).toContainText('Next question by host');
  for (let i = 0; i < 4; i++) await expect(log.nth(i)).toHaveAttribute('data-command-state', 'applied');
  await expect(log.first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
});
