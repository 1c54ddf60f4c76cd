/**
 * Stores a link's token (from the URL fragment) before any screen asks for it; shared by App and JoinApp, each with
 * its way to store it (JoinApp without Dexie: link-token.ts; App through Dexie: credentials.ts).
 */
import { useEffect, useState } from 'react';
import type { Credential } from '../storage/db';

export function useLinkToken(capture: () => Promise<Credential | null>): { ready: boolean; storageError: string | null } {
  const [ready, setReady] = useState(false);
  const [storageError, setStorageError] = useState<string | null>(null);
  useEffect(() => {
    capture().then(
      () => setReady(true),
      (err: unknown) => {
        setStorageError((err as Error).message);
        setReady(true);
      },
    );
  }, [capture]);
  return { ready, storageError };
}

/** What a browser that refuses storage is told (private windows). */
export function StorageRefused({ message }: { message: string }) {
  return (
    <p className="error" role="alert">
      This browser would not let InterQ store data ({message}). Private windows can block storage; open the link in a normal window.
    </p>
  );
}
