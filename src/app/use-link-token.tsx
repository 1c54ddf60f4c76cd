/** Stores a link's token (from the URL fragment) before any screen asks for it; shared by App and JoinApp. */
import { useEffect, useState } from 'react';
import { captureLinkToken } from '../auth/credentials';

export function useLinkToken(): { ready: boolean; storageError: string | null } {
  const [ready, setReady] = useState(false);
  const [storageError, setStorageError] = useState<string | null>(null);
  useEffect(() => {
    captureLinkToken().then(
      () => setReady(true),
      (err: unknown) => {
        setStorageError((err as Error).message);
        setReady(true);
      },
    );
  }, []);
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
