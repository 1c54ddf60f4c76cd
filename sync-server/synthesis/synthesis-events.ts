/**
 * Tells whoever follows an interview's synthesis (the events route, one listener per open panel) that its status or
 * one of its runs changed, the moment the store writes it: the store is the only writer of both tables, so nothing
 * needs to poll the database. In-process only; a listener that throws is logged by its caller, never here.
 */

/**
 * `view`: the status or the set of runs changed (a run started, ended); `progress`: only a running run's progress;
 * `moved`: this node no longer serves the interview (another node took its lease over, or this node gave it up on a
 * drain): followers end their streams, and the readers reconnect through the proxy, which sends them to the new owner.
 */
export type SynthesisChange = 'view' | 'progress' | 'moved';
export type SynthesisListener = (change: SynthesisChange) => void;

export function createSynthesisEvents() {
  const listeners = new Map<string, Set<SynthesisListener>>();
  return {
    emit(interviewId: string, change: SynthesisChange): void {
      const set = listeners.get(interviewId);
      if (!set) return;
      // A copy: a listener may unsubscribe (its response closed) while the others are told.
      for (const listener of [...set]) listener(change);
    },
    /** Returns the unsubscribe function. */
    subscribe(interviewId: string, listener: SynthesisListener): () => void {
      let set = listeners.get(interviewId);
      if (!set) listeners.set(interviewId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(interviewId) === set) listeners.delete(interviewId);
      };
    },
    /** Listeners of all interviews together (a closed response must not leave one behind). */
    listenerCount(): number {
      let n = 0;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
  };
}

export type SynthesisEvents = ReturnType<typeof createSynthesisEvents>;
