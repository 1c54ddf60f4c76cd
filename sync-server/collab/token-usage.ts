/**
 * What each token currently holds on this server: its open connections, the
 * documents they are on, and its budget of upgrade attempts. Keyed by the
 * token id (jti), which is also what revocation names.
 */
import { TokenBucket } from './rate-limiter';

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

  /** Forgets tokens with no connection and a full upgrade budget, so the table does not grow forever. */
  sweep(): void {
    for (const [jti, usage] of this.byJti) {
      if (usage.conns.size === 0 && usage.upgrades.isFull()) this.byJti.delete(jti);
    }
  }
}
