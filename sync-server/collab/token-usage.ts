/**
 * What each token currently holds on this server: its open connections, the
 * documents they are on, and its budget of upgrade attempts. Keyed by the
 * token id (jti), which is also what revocation names.
 */
import { TokenBucket } from './rate-limiter';
import { SlicedRound } from './sliced-round';

export class TokenUsage<C> {
  readonly conns = new Set<C>();
  /** Document name -> connections of this token on it. */
  readonly docs = new Map<string, number>();
  readonly upgrades: TokenBucket;

  constructor(burst: number, perSecond: number) {
    this.upgrades = new TokenBucket(burst, perSecond);
  }

  add(conn: C, docName: string): void {
    this.conns.add(conn);
    this.docs.set(docName, (this.docs.get(docName) ?? 0) + 1);
  }

  remove(conn: C, docName: string): void {
    if (!this.conns.delete(conn)) return;
    const n = (this.docs.get(docName) ?? 1) - 1;
    if (n <= 0) this.docs.delete(docName);
    else this.docs.set(docName, n);
  }
}

export class TokenUsageTable<C> {
  private readonly byJti = new Map<string, TokenUsage<C>>();

  constructor(
    private readonly upgradeBurst: number,
    private readonly upgradesPerSecond: number,
  ) {}

  get(jti: string): TokenUsage<C> {
    let usage = this.byJti.get(jti);
    if (!usage) {
      usage = new TokenUsage<C>(this.upgradeBurst, this.upgradesPerSecond);
      this.byJti.set(jti, usage);
    }
    return usage;
  }

  peek(jti: string): TokenUsage<C> | undefined {
    return this.byJti.get(jti);
  }

  /** How many tokens the table holds now (idle ones included until a sweep forgets them). */
  get size(): number {
    return this.byJti.size;
  }

  /**
   * A sweep that forgets tokens with no connection and a full upgrade budget, so the table does not grow forever,
   * visiting them a slice per tick (sliced-round.ts): in one walk it took 0.8-1.5 ms of the main thread every 5 s at
   * 3,000 clients, added to whatever that turn's socket reads were doing. A token that comes back between its
   * slice's visits simply gets a fresh entry (its budget was full, so nothing of its limits is lost).
   */
  sweepRound(intervalMs: number, ticks: number): SlicedRound<[string, TokenUsage<C>]> {
    const byJti = this.byJti;
    const entries = { values: () => byJti.entries(), get size() { return byJti.size; } };
    return new SlicedRound(entries, intervalMs, ticks, ([jti, usage]) => {
      if (usage.conns.size === 0 && usage.upgrades.isFull()) this.byJti.delete(jti);
    });
  }
}
