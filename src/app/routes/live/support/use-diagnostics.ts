/** Diagnostics of everyone on a document's presence, re-read whenever it changes. */
import { useEffect, useState } from 'react';
import type { DocHandle } from '../../../../sync/doc-connection';
import { readGuestDiagnostics, readStaffDiagnostics, type GuestDiagnosticsPeer, type StaffDiagnosticsPeer } from '../../../../sync/diagnostics-presence';

function useAwarenessRead<T>(handle: DocHandle | null, read: (h: DocHandle) => T[]): T[] {
  const [value, setValue] = useState<T[]>([]);
  useEffect(() => {
    if (!handle) {
      setValue([]);
      return;
    }
    const awareness = handle.awareness();
    const update = () => setValue(read(handle));
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handle]);
  return value;
}

export const useGuestDiagnostics = (stage: DocHandle | null): GuestDiagnosticsPeer[] => useAwarenessRead(stage, (h) => readGuestDiagnostics(h.awareness()));
export const useStaffDiagnosticsPeers = (staff: DocHandle | null): StaffDiagnosticsPeer[] => useAwarenessRead(staff, (h) => readStaffDiagnostics(h.awareness()));
