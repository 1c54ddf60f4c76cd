/**
 * The server's status of each of the host's interviews (GET /api/interviews reads the server's interview_status
 * projection), kept in IndexedDB so the home list still says where each interview stood when offline.
 */
import { useEffect, useState } from 'react';
import { fetchServerStatuses } from '../../api/interviews-client';
import { appDb } from '../../storage/db';
import { isInterviewStatus, type InterviewStatus } from '../../domain/wrap-up/status';

const KV_KEY = 'interview-statuses';

export interface ServerStatuses {
  byId: ReadonlyMap<string, InterviewStatus | null>;
  /** When the server said so; older than now when read from this device's copy offline. */
  at: number;
}

export function useInterviewStatuses(token: string | null | undefined): ServerStatuses | null {
  const [statuses, setStatuses] = useState<ServerStatuses | null>(null);
  useEffect(() => {
    if (!token) return;
    let live = true;
    void (async () => {
      try {
        const byId = await fetchServerStatuses(token);
        const at = Date.now();
        if (live) setStatuses({ byId, at });
        await appDb().kv.put({ key: KV_KEY, value: { at, rows: [...byId] } });
      } catch {
        // Offline or refused: the last list this device kept.
        const row = (await appDb().kv.get(KV_KEY))?.value as { at?: unknown; rows?: unknown } | undefined;
        if (!live || !row || typeof row.at !== 'number' || !Array.isArray(row.rows)) return;
        const byId = new Map<string, InterviewStatus | null>();
        for (const entry of row.rows as unknown[]) {
          if (Array.isArray(entry) && typeof entry[0] === 'string') byId.set(entry[0], isInterviewStatus(entry[1]) ? entry[1] : null);
        }
        setStatuses({ byId, at: row.at });
      }
    })();
    return () => {
      live = false;
    };
  }, [token]);
  return statuses;
}
