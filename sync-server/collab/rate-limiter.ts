/**
 * Token bucket. `take` always succeeds but may leave the bucket in debt: the
 * caller then stops reading from the sender until `msUntilPaidOff()` has passed.
 * Throttling instead of dropping matters for Yjs: a dropped update would leave
 * the sender and server silently diverged until the next reconnect.
 */
export class TokenBucket {
  // Numbers from the start, not declared bare: a bare class field is defined as undefined first (ES2022 class fields),
  // which makes V8 keep it as a tagged field, and every later store of a fraction or a timestamp then allocates a new
  // heap number. Each connection's buckets are written on every message and kept for the connection's life, so those
  // lived until its next message, seconds later, and were promoted (bench:sync heap snapshots: two per message).
  // Starting as numbers, the fields hold doubles in place.
  private tokens = 0;
  private last = 0;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    now: number = performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerSecond);
  }

  /** Spends `amount`; returns the balance afterwards (negative = in debt). */
  take(amount: number, now: number = performance.now()): number {
    this.refill(now);
    this.tokens -= amount;
    return this.tokens;
  }

  /** Spends `amount` only if available; for refusals (upgrade attempts). */
  tryTake(amount: number, now: number = performance.now()): boolean {
    this.refill(now);
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /** Milliseconds until the balance is back to zero (0 when not in debt). */
  msUntilPaidOff(now: number = performance.now()): number {
    this.refill(now);
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.refillPerSecond) * 1000);
  }

  /** Debt expressed in seconds of refill. */
  debtSeconds(now: number = performance.now()): number {
    this.refill(now);
    return this.tokens >= 0 ? 0 : -this.tokens / this.refillPerSecond;
  }

  isFull(now: number = performance.now()): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }
}
