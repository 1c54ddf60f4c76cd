/**
 * The browser client when the sync server cannot be reached: it plans from the
 * bank on the device and tells the host so, with the same events the server
 * would send. Uses the real fetch against a loopback port nothing listens on.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { generateInterview, GenerateRequestError, planOffline } from '../../src/api/generate-client';
import type { GenerateEvent } from '../../src/domain/generation/protocol';
import { generateOfflinePlan } from '../../src/domain/planning/offline-generator';
import { questionBank } from '../../src/domain/bank';
import { installQuestionBank } from '../../src/domain/planning/bank-query';

// The bank is not part of the app: tests install it from its JSON files, as the server does.
installQuestionBank(questionBank());

const REQUEST = { archetype: 'frontend', depth: 'advanced', durationMin: 45, seed: 1234, sessionTitle: 'UI platform' } as const;

/** A port that was free a moment ago: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('generateInterview offline', () => {
  it('plans from the bank on this device when the server is unreachable', async () => {
    const events: GenerateEvent[] = [];
    const endpoint = `http://127.0.0.1:${await closedPort()}/api/generate`;
    const done = await generateInterview(REQUEST, { endpoint, onEvent: (e) => events.push(e) });

    expect(done.questions).toEqual(generateOfflinePlan(REQUEST));
    expect(done.questions.length).toBeGreaterThan(0);
    expect(done).toMatchObject({ fallback: 'offline', model: null, rejected: 0, counts: { llm: 0, bank: done.questions.length } });
    expect(done.note).toBe(
      `All ${done.questions.length} questions come from the offline question bank because this device could not reach the sync server. Each question is marked with its source.`,
    );

    expect(events[0]).toMatchObject({ type: 'started', source: 'bank', reason: 'offline', model: null });
    expect(events[1]).toMatchObject({ type: 'fallback', reason: 'offline', keptFromLlm: 0 });
    const questions = events.filter((e) => e.type === 'question');
    expect(questions).toHaveLength(done.questions.length);
    expect(questions.every((e) => e.type === 'question' && e.source === 'bank')).toBe(true);
    expect(events.findIndex((e) => e.type === 'progress')).toBeLessThan(events.length - 1);
    expect(events.at(-1)).toBe(done);
  });

  it('refuses an invalid request without sending it', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/api/generate`;
    const bad = { ...REQUEST, durationMin: 5 };
    await expect(generateInterview(bad, { endpoint })).rejects.toThrow(GenerateRequestError);
    await expect(generateInterview(bad, { endpoint })).rejects.toThrow(/durationMin/);
  });

  it('does not plan offline when the host has already cancelled', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/api/generate`;
    const events: GenerateEvent[] = [];
    const controller = new AbortController();
    controller.abort();
    await expect(generateInterview(REQUEST, { endpoint, signal: controller.signal, onEvent: (e) => events.push(e) })).rejects.toThrow(
      /abort/i,
    );
    expect(events).toEqual([]);
  });
});

describe('planning without a host link', () => {
  it('plans from the bank on the device and says why, without any request', async () => {
    const events: string[] = [];
    const done = await planOffline({ archetype: 'frontend', depth: 'standard', durationMin: 30, seed: 3 }, 'no-host-link', {
      onEvent: (e) => events.push(e.type),
    });
    expect(done.fallback).toBe('no-host-link');
    expect(done.counts.llm).toBe(0);
    expect(done.questions.length).toBeGreaterThan(0);
    expect(done.note).toContain('no host link');
    expect(events[0]).toBe('started');
    expect(events.at(-1)).toBe('done');
  });
});
