/**
 * Runs an async job one at a time, after a short quiet spell. The staff AI loops (scoring, transcription) are woken
 * by document updates, which arrive in bursts when a document syncs, and each run reads everything afresh: so a
 * burst becomes one run, a wake-up during a run becomes exactly one more run after it, and two runs never overlap
 * (each would otherwise score or transcribe the same answers).
 */
export interface SerialRunner {
  /** Asks for a run `delayMs` from now (a later call moves it); during a run, for one more run after it. */
  schedule(): void;
  /** Cancels what is scheduled; a run under way finishes, and nothing runs after it. */
  stop(): void;
}

/** `job` reports its own failures (the staff loops show them next to the answers); `afterRun` follows every run. */
export function serialRunner(job: () => Promise<void>, delayMs: number, afterRun?: () => void): SerialRunner {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;
  let stopped = false;

  const run = async () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await job();
    } finally {
      running = false;
      if (!stopped) {
        if (again) {
          again = false;
          schedule();
        }
        afterRun?.();
      }
    }
  };
  const schedule = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), delayMs);
  };
  return {
    schedule,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
