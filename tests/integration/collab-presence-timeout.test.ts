/**
 * Presence that is not renewed times out on the server: a client whose socket stays open but who stopped renewing
 * its presence (a frozen tab, a phone that slept with the socket up) disappears for everyone after y-protocols'
 * 30 s, while a client that keeps renewing stays. The sweep that drops it visits the documents a slice per tick
 * (collab-server.ts, sliced-round.ts); this runs it for real, so the test takes about 35 s.
 */
import { describe, expect, it } from 'vitest';
import { collabResources } from '../support/collab-resources';
import { waitFor } from '../support/yws-client';
import { awarenessEntries, awarenessFrame } from '../support/awareness-frames';
import { AWARENESS_TIMEOUT_MS } from '../../sync-server/collab/awareness-store';

const IID = 'acme-frontend-1';
const STAFF = `${IID}.staff`;
const SILENT = 71;
const RENEWING = 72;
/** A renewal every 10 s, as a client's own Awareness renews at half the timeout or sooner. */
const RENEW_EVERY_MS = 10_000;

const { start, raw } = collabResources();

describe('collab server: presence timeout', () => {
  it('drops presence not renewed for the timeout, tells everyone, and keeps presence that is renewed', async () => {
    const h = await start();
    const silent = await raw(h, STAFF, h.mint('interviewer', IID, { sub: 'Ivy' }));
    const renewing = await raw(h, STAFF, h.mint('host', IID, { sub: 'Hana' }));
    const watcher = await raw(h, STAFF, h.mint('moderator', IID, { sub: 'Mo' }));

    const sentAt = Date.now();
    silent.ws.send(awarenessFrame(SILENT, 1, { name: 'Ivy' }));
    let clock = 1;
    renewing.ws.send(awarenessFrame(RENEWING, clock, { name: 'Hana' }));
    const renewal = setInterval(() => renewing.ws.send(awarenessFrame(RENEWING, ++clock, { name: 'Hana' })), RENEW_EVERY_MS);
    try {
      await waitFor(() => awarenessEntries(watcher.received).some((e) => e.clientId === SILENT && e.json !== 'null'), 'silent client seen');
      const left = () => awarenessEntries(watcher.received).find((e) => e.clientId === SILENT && e.json === 'null');
      await waitFor(() => left() !== undefined, 'the silent client times out', AWARENESS_TIMEOUT_MS + 15_000);
      const droppedAfterMs = Date.now() - sentAt;

      expect(droppedAfterMs).toBeGreaterThanOrEqual(AWARENESS_TIMEOUT_MS);
      // The removal is a newer clock than the state it removes, so clients apply it (y-protocols ignores older clocks).
      expect(left()!.clock).toBeGreaterThan(1);
      // Its own socket hears it too (it may reconnect and announce itself again).
      expect(awarenessEntries(silent.received).some((e) => e.clientId === SILENT && e.json === 'null')).toBe(true);
      // The client that renewed was never dropped.
      expect(awarenessEntries(watcher.received).some((e) => e.clientId === RENEWING && e.json === 'null')).toBe(false);
      expect(awarenessEntries(watcher.received).filter((e) => e.clientId === RENEWING).length).toBeGreaterThanOrEqual(3);
    } finally {
      clearInterval(renewal);
    }
  }, AWARENESS_TIMEOUT_MS + 30_000);
});
