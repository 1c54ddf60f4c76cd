import { useEffect } from 'react';
import type { DocHandle } from '../../../sync/doc-connection';
import { colorFor, setPresence } from '../../../sync/presence';
import type { GuestRuntime } from '../../../guest/runtime';
import type { StageState } from '../../../domain/stage';

/** Tells staff on the stage document that the guest is here and which question they are on, or that they finished. */
export function useGuestPresence(stageDoc: DocHandle | null, runtime: GuestRuntime | null, name: string): void {
  useEffect(() => {
    if (!stageDoc || !runtime) return;
    const awareness = stageDoc.awareness();
    const color = colorFor(`guest:${name}`);
    // A finished guest is on no question: staff read "finished", not "on question 9".
    const publish = (state: StageState) =>
      setPresence(awareness, state.stage === 'completed' ? { name, role: 'guest', color, finished: true } : { name, role: 'guest', color, questionIndex: state.currentIndex });
    publish(runtime.session.getState());
    return runtime.session.subscribe(publish);
  }, [stageDoc, runtime, name]);
}
