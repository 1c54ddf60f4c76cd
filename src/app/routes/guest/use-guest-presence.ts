import { useEffect } from 'react';
import type { DocHandle } from '../../../sync/doc-connection';
import { colorFor, setPresence } from '../../../sync/presence';
import { readStageState } from '../../../sync/stage-doc';
import type { GuestRuntime } from '../../../guest/runtime';
import type { StageState } from '../../../domain/stage';

/**
 * Tells staff on the stage document that the guest is here and which question they are on, or that they finished.
 * From the moment the stage document is open, before the runtime: the guest's diagnostics travel in this presence
 * (use-guest-support.ts), and tech support reads a guest's diagnostics only beside a guest's name and role.
 */
export function useGuestPresence(stageDoc: DocHandle | null, runtime: GuestRuntime | null, name: string): void {
  useEffect(() => {
    if (!stageDoc) return;
    const awareness = stageDoc.awareness();
    const color = colorFor(`guest:${name}`);
    // A finished guest is on no question: staff read "finished", not "on question 9".
    const publish = (state: StageState | null) =>
      setPresence(
        awareness,
        state === null
          ? { name, role: 'guest', color }
          : state.stage === 'completed'
            ? { name, role: 'guest', color, finished: true }
            : { name, role: 'guest', color, questionIndex: state.currentIndex },
      );
    if (runtime) {
      publish(runtime.session.getState());
      return runtime.session.subscribe(publish);
    }
    // No runtime yet: here, on no question until it opens (or finished, as the stage document may already say).
    const stored = readStageState(stageDoc.doc);
    publish(stored?.stage === 'completed' ? stored : null);
    return undefined;
  }, [stageDoc, runtime, name]);
}
