/**
 * The server's presence store (sync-server/collab/awareness-store.ts): y-protocols' clock rules, one owner per client
 * id, departures and timeouts, with each client's record changed in place across renewals, departures and returns.
 */
import { describe, expect, it } from 'vitest';
import { AWARENESS_TIMEOUT_MS, AwarenessStore } from '../../sync-server/collab/awareness-store';
import type { AwarenessEntry } from '../../sync-server/collab/protocol';

const present = (clientId: number, clock: number, json: string): AwarenessEntry => ({ clientId, clock, json, isNull: false });
const left = (clientId: number, clock: number): AwarenessEntry => ({ clientId, clock, json: 'null', isNull: true });
const always = () => true;

describe('presence store', () => {
  it('takes newer clocks only, keeps the latest state, and relays what changed', () => {
    const store = new AwarenessStore();
    const conn = {};
    const ivy = '{"user":{"name":"Ivy","role":"guest"}}';
    expect(store.apply([present(7, 1, ivy)], conn, always, 1000)).toHaveLength(1);
    // A renewal with the same state: accepted (a newer clock) and relayed, the state unchanged.
    expect(store.apply([present(7, 2, ivy)], conn, always, 16_000)).toEqual([present(7, 2, ivy)]);
    // A stale or repeated clock changes nothing.
    expect(store.apply([present(7, 2, '{"user":{"name":"Other"}}'), present(7, 1, ivy)], conn, always, 17_000)).toEqual([]);
    const renamed = '{"user":{"name":"Ivy B","role":"guest"}}';
    expect(store.apply([present(7, 3, renamed)], conn, always, 18_000)).toHaveLength(1);
    expect(store.current()).toEqual([present(7, 3, renamed)]);
    expect(store.isStale(present(7, 3, renamed))).toBe(true);
    expect(store.isStale(present(7, 4, renamed))).toBe(false);
    // Renewed at 18 s: not expired at 18 s + timeout - 1, expired at 18 s + timeout.
    expect(store.expire(18_000 + AWARENESS_TIMEOUT_MS - 1)).toEqual([]);
    expect(store.expire(18_000 + AWARENESS_TIMEOUT_MS)).toEqual([left(7, 4)]);
    expect(store.current()).toEqual([]);
    expect(store.ownerOf(7)).toBeNull();
  });

  it('keeps one owner per client id until it leaves; then the id may come back at a newer clock', () => {
    const store = new AwarenessStore();
    const [a, b] = [{}, {}];
    store.apply([present(1, 1, '{"n":1}'), present(2, 1, '{"n":2}')], a, always, 0);
    // Another connection echoing or overwriting a's clients is ignored.
    expect(store.apply([present(1, 5, '{"n":"forged"}')], b, always, 0)).toEqual([]);
    expect(store.ownerOf(1)).toBe(a);
    expect(store.ownedBy(a).sort()).toEqual([1, 2]);

    // a's connection goes: both leave at clock + 1, and are no longer owned.
    expect(store.removeOwner(a, 10)).toEqual([left(1, 2), left(2, 2)]);
    expect(store.ownedBy(a)).toEqual([]);
    expect(store.current()).toEqual([]);
    // A late message at the old clock does not bring them back; a newer one does, under its new owner.
    expect(store.apply([present(1, 1, '{"n":1}')], b, always, 20)).toEqual([]);
    expect(store.apply([present(1, 3, '{"n":"back"}')], b, always, 20)).toHaveLength(1);
    expect(store.ownerOf(1)).toBe(b);
    expect(store.current()).toEqual([present(1, 3, '{"n":"back"}')]);
  });

  it('refuses a new client id past what the connection may own, but renews the ones it has', () => {
    const store = new AwarenessStore();
    const conn = {};
    const atMostOne = () => store.ownedBy(conn).length < 1;
    expect(store.apply([present(1, 1, '{}')], conn, atMostOne, 0)).toHaveLength(1);
    expect(store.apply([present(2, 1, '{}')], conn, atMostOne, 0)).toEqual([]);
    expect(store.apply([present(1, 2, '{"x":1}')], conn, atMostOne, 0)).toHaveLength(1);
    expect(store.current()).toEqual([present(1, 2, '{"x":1}')]);
  });

  it('takes a departure at the same clock as the state it ends, and forgets departed ids after a while', () => {
    const store = new AwarenessStore();
    const conn = {};
    store.apply([present(3, 4, '{}')], conn, always, 0);
    // y-protocols: a null state at the same clock removes a present state.
    expect(store.apply([left(3, 4)], conn, always, 100)).toEqual([left(3, 4)]);
    expect(store.apply([left(3, 4)], conn, always, 200)).toEqual([]);
    expect(store.size).toBe(1);
    expect(store.expire(100 + 10 * 60_000 + 1)).toEqual([]);
    expect(store.size).toBe(0);
  });
});
