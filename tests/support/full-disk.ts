/** A full disk for IndexedDB tests (fake-indexeddb through Dexie), shared by the storage and recorder tests. */
import Dexie, { type DBCore, type DBCoreMutateRequest } from 'dexie';
import type { InterqDatabase } from '../../src/storage/db';

export const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * Simulates a full disk: after `okAdds` successful adds to audioChunks, every add
 * rejects the way IndexedDB reports it through Dexie: an AbortError whose inner
 * error is the QuotaExceededError.
 */
export function fillDiskAfter(db: InterqDatabase, okAdds: number): { failures: () => number } {
  let adds = 0;
  let failures = 0;
  db.use({
    stack: 'dbcore',
    name: 'simulated-full-disk',
    create(down: DBCore): Partial<DBCore> {
      return {
        ...down,
        table(name: string) {
          const table = down.table(name);
          if (name !== 'audioChunks') return table;
          return {
            ...table,
            mutate(req: DBCoreMutateRequest) {
              if (req.type === 'add') {
                adds += 1;
                if (adds > okAdds) {
                  failures += 1;
                  return Promise.reject(new Dexie.AbortError('Transaction aborted', quotaError()));
                }
              }
              return table.mutate(req);
            },
          };
        },
      };
    },
  });
  return { failures: () => failures };
}
