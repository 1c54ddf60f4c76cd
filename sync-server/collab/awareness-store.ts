/**
 * Presence (y-protocols awareness) kept by the server for one document, with
 * the same clock rules as `applyAwarenessUpdate` in y-protocols, so stock
 * clients behave exactly as against the reference server. Kept as raw JSON
 * text: the server only relays presence, it never reads it.
 *
 * Unlike the reference server it remembers which connection owns each client
 * id, so one connection cannot overwrite or remove another person's presence.
 */
import type { AwarenessEntry } from './protocol';

/** y-protocols `outdatedTimeout`: a state not renewed for this long is dropped. */
export const AWARENESS_TIMEOUT_MS = 30_000;
const FORGET_GONE_AFTER_MS = 10 * 60_000;

interface Meta {
  clock: number;
  lastUpdated: number;
  /** The JSON text, or null when the client is gone. */
  json: string | null;
  owner: object | null;
}

export class AwarenessStore {
  private readonly meta = new Map<number, Meta>();

  /**
   * Applies entries sent by `owner`; returns the entries that changed something
   * (to relay). Entries for client ids owned by another connection are ignored:
   * stock clients echo other people's states back, which must stay harmless.
   * `canOwnMore` decides whether `owner` may claim one more client id.
   */
  apply(entries: readonly AwarenessEntry[], owner: object, canOwnMore: () => boolean, now = Date.now()): AwarenessEntry[] {
    const changed: AwarenessEntry[] = [];
    for (const entry of entries) {
      const current = this.meta.get(entry.clientId);
      if (current?.owner && current.owner !== owner) continue;
      const currClock = current ? current.clock : 0;
      const accept = currClock < entry.clock || (currClock === entry.clock && entry.isNull && current?.json != null);
      if (!accept) continue;
      if (!current?.owner && !entry.isNull && !canOwnMore()) continue;
      if (current) this.update(current, entry.clock, now, entry.isNull ? null : entry.json, entry.isNull ? null : owner);
      else this.meta.set(entry.clientId, { clock: entry.clock, lastUpdated: now, json: entry.isNull ? null : entry.json, owner: entry.isNull ? null : owner });
      changed.push(entry);
    }
    return changed;
  }

  /**
   * Changes a client's record in place. A renewal (every 15 s from every client) would otherwise leave a new record,
   * and a new copy of the same JSON text, for the whole 15 s until the next: long enough for the GC to promote both
   * to the old generation, where the one it replaced is garbage for a mark-compact to find. The text held is kept
   * when the renewal's is the same (y-protocols renews an unchanged state), so the received copy dies young.
   */
  private update(m: Meta, clock: number, now: number, json: string | null, owner: object | null): void {
    m.clock = clock;
    m.lastUpdated = now;
    if (json === null || m.json !== json) m.json = json;
    m.owner = owner;
  }

  /**
   * Whether the entry is no newer than what the store holds for its client id, so `apply` would ignore it. A stock
   * client echoing a departed person's last presence sends exactly this (the departure bumped the clock).
   */
  isStale(entry: AwarenessEntry): boolean {
    const current = this.meta.get(entry.clientId);
    return current !== undefined && entry.clock <= current.clock;
  }

  /** The connection that holds the client id's current state, if any. */
  ownerOf(clientId: number): object | null {
    return this.meta.get(clientId)?.owner ?? null;
  }

  /** Client ids `owner` currently holds a state for. */
  ownedBy(owner: object): number[] {
    const ids: number[] = [];
    for (const [id, m] of this.meta) if (m.owner === owner && m.json !== null) ids.push(id);
    return ids;
  }

  /** Marks every state of `owner` as gone (clock + 1, as y-protocols does); returns the entries to relay. */
  removeOwner(owner: object, now = Date.now()): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const [clientId, m] of this.meta) {
      if (m.owner !== owner) continue;
      const clock = m.clock + 1;
      this.update(m, clock, now, null, null);
      removed.push({ clientId, clock, json: 'null', isNull: true });
    }
    return removed;
  }

  /**
   * Drops states not renewed within the timeout; returns the entries to relay.
   * Clocks of departed clients are remembered for a while (a late message from
   * them must not resurrect them), then forgotten so the map stays small.
   */
  expire(now = Date.now()): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const [clientId, m] of this.meta) {
      if (m.json === null) {
        if (now - m.lastUpdated > FORGET_GONE_AFTER_MS) this.meta.delete(clientId);
        continue;
      }
      if (now - m.lastUpdated < AWARENESS_TIMEOUT_MS) continue;
      const clock = m.clock + 1;
      this.update(m, clock, now, null, null);
      removed.push({ clientId, clock, json: 'null', isNull: true });
    }
    return removed;
  }

  /** Every present client, for a newcomer or an awareness query. */
  current(): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const [clientId, m] of this.meta) {
      if (m.json !== null) out.push({ clientId, clock: m.clock, json: m.json, isNull: false });
    }
    return out;
  }

  get size(): number {
    return this.meta.size;
  }
}
