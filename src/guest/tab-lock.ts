/**
 * One tab runs a guest's interview. Two tabs on the same invite would each run the stage machine, record and
 * publish, and the last writer would silently win. A Web Lock per interview elects the tab that runs it; another
 * tab waits (and takes over by itself when the first one closes or crashes, since the browser releases its lock).
 *
 * Taking over while the first tab is still open is a polite handoff over a BroadcastChannel, never a steal: the
 * holder refuses while it is recording (stealing would cut the take off), otherwise it saves its state, closes its
 * runtime and only then releases the lock, so the new tab reads everything the old one wrote.
 *
 * Browsers without Web Locks (old Safari) run the interview unguarded, as before.
 */

export type TabLockState =
  /** This tab runs the interview. */
  | { kind: 'held' }
  /** Another tab runs it; this one waits. `refusal` says why the last takeover was refused. */
  | { kind: 'elsewhere'; refusal: string | null; asking: boolean }
  /** This tab handed the interview to another one. */
  | { kind: 'handed-over' }
  /** No Web Locks here: run without the guard. */
  | { kind: 'unsupported' };

type HandoffMessage =
  | { type: 'release-request'; from: string }
  | { type: 'release-refused'; to: string; reason: string };

export interface InterviewTabOptions {
  interviewId: string;
  onChange(state: TabLockState): void;
  /**
   * Asked when another tab wants the interview: return a reason to refuse (the guest is recording), or null after
   * saving and closing everything this tab runs.
   */
  release(): Promise<string | null>;
  locks?: LockManager | null;
  channel?: (name: string) => BroadcastChannel;
}

export interface InterviewTab {
  /** Asks the tab that runs the interview to hand it over (the "Continue in this tab" button). */
  takeOver(): void;
  /** Stops waiting or lets go of the lock (the page is leaving). */
  close(): void;
}

/** How long a takeover waits for the other tab before saying it did not answer. */
const NO_ANSWER_MS = 5000;

export function lockName(interviewId: string): string {
  return `interq-guest:${interviewId}`;
}

export function holdInterviewTab(options: InterviewTabOptions): InterviewTab {
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  if (!locks) {
    options.onChange({ kind: 'unsupported' });
    return { takeOver() {}, close() {} };
  }
  const me = globalThis.crypto.randomUUID();
  const name = lockName(options.interviewId);
  const channel = (options.channel ?? ((n: string) => new BroadcastChannel(n)))(name);
  const waiting = new AbortController();
  let releaseLock: (() => void) | null = null;
  let closed = false;
  let state: TabLockState | null = null;
  let noAnswer: ReturnType<typeof setTimeout> | undefined;
  const set = (next: TabLockState) => {
    if (next.kind === 'held') clearTimeout(noAnswer);
    state = next;
    if (!closed) options.onChange(next);
  };

  const hold = () =>
    new Promise<void>((resolve) => {
      releaseLock = resolve;
      set({ kind: 'held' });
    });

  channel.onmessage = (event: MessageEvent<HandoffMessage>) => {
    const msg = event.data;
    if (msg?.type === 'release-request' && releaseLock) {
      void options.release().then(
        (refusal) => {
          if (refusal !== null) {
            channel.postMessage({ type: 'release-refused', to: msg.from, reason: refusal } satisfies HandoffMessage);
            return;
          }
          const release = releaseLock;
          releaseLock = null;
          set({ kind: 'handed-over' });
          release?.();
          // Queue again: this tab takes the interview back by itself if the other one closes.
          void wait();
        },
        (err: unknown) => {
          const reason = `the other tab could not save its progress (${err instanceof Error ? err.message : String(err)})`;
          channel.postMessage({ type: 'release-refused', to: msg.from, reason } satisfies HandoffMessage);
        },
      );
    } else if (msg?.type === 'release-refused' && msg.to === me && state?.kind === 'elsewhere') {
      clearTimeout(noAnswer);
      set({ kind: 'elsewhere', refusal: msg.reason, asking: false });
    }
  };

  const wait = () =>
    locks.request(name, { signal: waiting.signal }, () => hold()).catch((err: unknown) => {
      // Aborted because this tab closed: nothing to report.
      if (!(err instanceof DOMException && err.name === 'AbortError')) console.warn('Waiting for the interview lock failed', err);
    });

  void locks
    .request(name, { ifAvailable: true }, (lock) => {
      if (lock) return hold();
      set({ kind: 'elsewhere', refusal: null, asking: false });
      void wait();
      return undefined;
    })
    .catch((err: unknown) => {
      console.warn('Web Locks failed; running without the one-tab guard', err);
      set({ kind: 'unsupported' });
    });

  return {
    takeOver() {
      if (state?.kind !== 'elsewhere' && state?.kind !== 'handed-over') return;
      set({ kind: 'elsewhere', refusal: null, asking: true });
      channel.postMessage({ type: 'release-request', from: me } satisfies HandoffMessage);
      clearTimeout(noAnswer);
      // A frozen or crashed tab never answers; its lock goes when the browser closes it.
      noAnswer = setTimeout(() => {
        if (state?.kind === 'elsewhere' && state.asking) {
          set({ kind: 'elsewhere', refusal: 'the other tab did not answer. Close it, and this tab continues by itself', asking: false });
        }
      }, NO_ANSWER_MS);
    },
    close() {
      closed = true;
      clearTimeout(noAnswer);
      waiting.abort();
      releaseLock?.();
      releaseLock = null;
      channel.close();
    },
  };
}
