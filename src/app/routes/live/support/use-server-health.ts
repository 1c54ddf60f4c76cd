/** The server's /healthz, polled every 10 s while the console is open (the server caches its checks for a second). */
import { useEffect, useState } from 'react';

export interface HealthCheckView {
  state: 'ok' | 'warn' | 'fail' | 'off' | 'pending';
  message: string | null;
  [field: string]: unknown;
}

export interface ServerHealth {
  status: string;
  version: string;
  uptimeSec: number;
  checks?: Record<string, HealthCheckView>;
  alerts?: { check: string; state: 'warn' | 'fail'; message: string }[];
}

export const HEALTH_POLL_MS = 10_000;

export function useServerHealth(): { health: ServerHealth | null; error: string | null; checkedAt: number | null } {
  const [health, setHealth] = useState<ServerHealth | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checkedAt, setCheckedAt] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    const poll = async () => {
      try {
        const res = await fetch('/healthz', { cache: 'no-store' });
        const body = (await res.json()) as ServerHealth;
        if (!alive) return;
        setHealth(body);
        setError(null);
      } catch (err) {
        if (!alive) return;
        setError(navigator.onLine ? `The server does not answer (${(err as Error).message}).` : 'This device is offline: the server’s health is unknown.');
      }
      if (alive) setCheckedAt(Date.now());
    };
    void poll();
    const t = setInterval(() => void poll(), HEALTH_POLL_MS);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, []);
  return { health, error, checkedAt };
}
