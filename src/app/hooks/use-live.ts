import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

/** Subscribes to a Dexie query and re-renders when the data it read changes. `undefined` while loading. */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: setValue,
      error: (err: unknown) => console.error('IndexedDB query failed', err),
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
