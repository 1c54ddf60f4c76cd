/**
 * A V8 sampling heap profile of this process over the measured window, for bench:sync --heap-profile-generators:
 * every allocation of the window, those that scavenges and mark-compacts collected included (V8 drops a sample when
 * its object dies unless told to keep it), about one sample per 4 KiB allocated. What a load generator allocates per
 * update is what sets how often it scavenges, and unlike its stalls it does not change with the machine's load, so a
 * change to the generator can be measured on a busy machine (bench-sync/heap-profile.ts reads the file).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';

export interface WindowHeapProfile {
  /** Stops sampling and writes the profile (a .heapprofile, for Chrome DevTools' Memory tab) to `file`. */
  stop(file: string): Promise<void>;
}

export function startWindowHeapProfile(): WindowHeapProfile {
  const session = new Session();
  session.connect();
  const options = { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
  session.post('HeapProfiler.startSampling', options as never);
  return {
    stop: (file) =>
      new Promise((resolve, reject) =>
        session.post('HeapProfiler.stopSampling', (err, result) => {
          session.disconnect();
          if (err) return reject(err);
          fs.writeFileSync(file, JSON.stringify(result.profile));
          resolve();
        }),
      ),
  };
}
