/**
 * The host, acting through the real sync server from Node, as the host's device would: publish a plan, issue
 * invite links, send overrides, read what the server holds. Shared by the end-to-end pages and the benchmarks
 * that drive a guest in Chromium (scripts/bench-slow-network.ts).
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { ServerProcess } from './server-process';
import { writePlan } from '../../src/sync/plan-doc';
import { pushHostCommand, readStageState } from '../../src/sync/stage-doc';
import { decodeClaims } from '../../src/auth/token-claims';
import type { InterviewPlan } from '../../src/domain/interview';
import type { Question } from '../../src/domain/questions';
import type { StageEvent, StageState } from '../../src/domain/stage';
import type { GuestEvent } from '../../src/guest/session';

const common = { archetypes: ['backend' as const], depths: ['standard' as const], difficulty: 2, source: 'host' as const };

export function spokenQuestion(id: string, prompt: string, timeLimitSec = 120): Question {
  return {
    ...common,
    id,
    kind: 'spoken',
    topic: 'caching',
    prompt,
    referenceAnswer: 'A cache keeps results near the reader and must be invalidated when data changes.',
    keyConcepts: ['cache', 'invalidation', 'latency'],
    timeLimitSec,
  };
}

export function mcqQuestion(id: string, timeLimitSec = 90): Question {
  return {
    ...common,
    id,
    kind: 'mcq',
    topic: 'http',
    prompt: 'Which HTTP status code means the resource was not found?',
    options: ['200 OK', '301 Moved Permanently', '404 Not Found', '500 Internal Server Error'],
    correctIndex: 2,
    explanation: '404 is the status for a missing resource.',
    timeLimitSec,
  };
}

export function codingQuestion(id: string, timeLimitSec = 600): Question {
  return {
    ...common,
    id,
    kind: 'coding',
    topic: 'arrays',
    title: 'Sum of an array',
    statement: 'Write a function that returns the sum of all numbers in the given array.',
    language: 'javascript',
    functionName: 'sum',
    signature: 'sum(values: number[]): number',
    starterCode: 'function sum(values) {\n  // your code\n}\n',
    referenceSolution: 'function sum(values) { return values.reduce((a, b) => a + b, 0); }',
    exampleTests: [{ args: [[1, 2, 3]], expected: 6 }],
    hiddenTests: [
      { args: [[]], expected: 0 },
      { args: [[-1, 1]], expected: 0 },
    ],
    timeLimitSec,
  };
}

export function planOf(id: string, questions: Question[], durationMin = 15): InterviewPlan {
  const now = Date.now();
  return {
    meta: { id, title: `Interview ${id}`, archetype: 'backend', depth: 'standard', durationMin, createdAt: now, updatedAt: now, status: 'published', version: 1, seed: 1 },
    questions,
  };
}

function syncUrl(server: ServerProcess): string {
  return `${server.url.replace(/^http/, 'ws')}/sync`;
}

/** A stock y-websocket client from Node, as the host's device would be (or another role's, given its token). */
export async function hostDoc(server: ServerProcess, name: string, token = server.hostToken): Promise<{ doc: Y.Doc; close(): void }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl(server), name, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no sync with ${name}`)), 15_000);
    provider.once('sync', () => {
      clearTimeout(t);
      resolve();
    });
  });
  return {
    doc,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until the server has `check` true on a fresh copy of the document (so a write really reached it). */
export async function serverSees(server: ServerProcess, name: string, check: (doc: Y.Doc) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const copy = await hostDoc(server, name);
    const ok = check(copy.doc);
    copy.close();
    if (ok) return;
    if (Date.now() - start > timeoutMs) throw new Error(`the server never had: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Publishes a plan through the sync server, as the host's device does, and waits until the server has it. */
export async function publishPlanDocs(server: ServerProcess, plan: InterviewPlan): Promise<void> {
  const id = plan.meta.id;
  const planDoc = await hostDoc(server, `${id}.plan`);
  const keyDoc = await hostDoc(server, `${id}.key`);
  writePlan(planDoc.doc, keyDoc.doc, plan);
  await serverSees(server, `${id}.plan`, (d) => d.getArray('questions').length === plan.questions.length, 'the plan');
  planDoc.close();
  keyDoc.close();
}

/** Publishes a plan through the sync server and returns a guest invite link for it. */
export async function publishAndInvite(server: ServerProcess, plan: InterviewPlan, guestName: string): Promise<string> {
  await publishPlanDocs(server, plan);
  return inviteLink(server, plan.meta.id, 'guest', guestName);
}

/** An invite link for any role, issued with the host's token as the host's screen does. */
export async function inviteLink(server: ServerProcess, interviewId: string, role: string, subject: string): Promise<string> {
  const res = await fetch(`${server.url}/api/invites`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.hostToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ interviewId, role, subject }),
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}

let commandCounter = 0;

/** A host override, sent the way the staff screen sends it: appended to the stage document's commands. */
export async function sendHostCommand(server: ServerProcess, interviewId: string, event: GuestEvent): Promise<string> {
  const stage = await hostDoc(server, `${interviewId}.stage`);
  const id = `cmd-${process.pid}-${++commandCounter}-${Date.now()}`;
  // The server takes a command only in the name of the token that writes it.
  const host = decodeClaims(server.hostToken)?.sub ?? 'host';
  pushHostCommand(stage.doc, { id, event: { ...event, actor: { role: 'host', id: host }, at: Date.now() } as StageEvent, issuedBy: host, at: Date.now() });
  await serverSees(server, `${interviewId}.stage`, (d) => d.getArray('commands').toArray().some((c) => (c as { id: string }).id === id), 'the command');
  stage.close();
  return id;
}

/** The guest's state as the server's copy of the stage document has it. */
export async function serverStageState(server: ServerProcess, interviewId: string): Promise<StageState | null> {
  const stage = await hostDoc(server, `${interviewId}.stage`);
  const state = readStageState(stage.doc);
  stage.close();
  return state;
}

export async function commandResult(server: ServerProcess, interviewId: string, id: string): Promise<{ ok: boolean; reason: string | null } | undefined> {
  const stage = await hostDoc(server, `${interviewId}.stage`);
  const result = stage.doc.getMap<{ ok: boolean; reason: string | null }>('applied').get(id);
  stage.close();
  return result;
}
