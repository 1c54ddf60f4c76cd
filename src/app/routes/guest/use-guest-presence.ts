import { useEffect } from 'react';
import type { DocHandle } from '../../../sync/doc-connection';
import { colorFor, setPresence } from '../../../sync/presence';
import type { GuestRuntime } from '../../../guest/runtime';

/** Tells staff on the stage document that the guest is here and which question they are on. */
export function useGuestPresence(stageDoc: DocHandle | null, runtime: GuestRuntime | null, name: string): void {
  useEffect(() => {
    if (!stageDoc || !runtime) return;
    const awareness = stageDoc.awareness();
    const publish = (questionIndex: number) =>
      setPresence(awareness, { name, role: 'guest', color: colorFor(`guest:${name}`), questionIndex });
    publish(runtime.session.getState().currentIndex);
    return runtime.session.subscribe((state) => publish(state.currentIndex));
  }, [stageDoc, runtime, name]);
}
