/**
 * When each simulated person writes next, for a whole load generator on one timer: independent people write at
 * exponential intervals (no lockstep), and a generator holding 1,750 writing streams keeps them in one min-heap of due
 * times instead of 1,750 timers of as many different durations (each a timer list of its own in Node).
 */
interface Entry {
  due: number;
  meanMs: number;
  fn: () => void;
}

/** An exponential interval with this mean (ms). */
function exponential(meanMs: number): number {
  return -Math.log(1 - Math.random()) * meanMs;
}

export class WriteSchedule {
  private readonly heap: Entry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private stopped = false;

  /** Calls `fn` at exponential intervals of mean `meanMs`, from now on, until stop(). */
  every(meanMs: number, fn: () => void): void {
    this.push({ due: performance.now() + exponential(meanMs), meanMs, fn });
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    const next = this.heap[0];
    if (this.stopped || !next || next.due >= this.armedFor) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = next.due;
    this.timer = setTimeout(() => this.run(), Math.max(0, next.due - performance.now()));
  }

  private run(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = performance.now();
    while (!this.stopped && this.heap[0] && this.heap[0].due <= now) {
      const e = this.pop()!;
      e.fn();
      // From when it was due, not from now: a late turn does not thin the workload out.
      e.due += exponential(e.meanMs);
      this.push(e);
    }
    this.arm();
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.due <= e.due) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = e;
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (!top || !last || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && h[r]!.due < h[l]!.due ? r : l;
      if (h[c]!.due >= last.due) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}
