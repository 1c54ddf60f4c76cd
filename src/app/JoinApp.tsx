/**
 * The app as an invite link opens it (`/join/<id>`): the same frame as every screen, without the router (the
 * invite page is the only screen reachable from here, and the router is bytes a candidate on a thin link would
 * wait for). main.tsx picks it by the path; every other path opens App.
 */
import { AppFrame } from './components/AppFrame';
import { JoinPage } from './routes/JoinPage';
import { captureLinkToken } from '../auth/link-token';
import { StorageRefused, useLinkToken } from './use-link-token';

/** The interview id of an invite path, or null for any other path. */
export function joinPathId(pathname: string): string | null {
  const m = /^\/join\/([^/]+)\/?$/.exec(pathname);
  return m ? decodeURIComponent(m[1]!) : null;
}

export function JoinApp({ interviewId }: { interviewId: string }) {
  const { ready, storageError } = useLinkToken(captureLinkToken);
  return (
    <AppFrame
      brand={
        <a href="/" className="brand" aria-label="InterQ home">
          <img src="/icons/icon-192.png" alt="" width={28} height={28} />
          <span className="brand-name">InterQ</span>
        </a>
      }
    >
      {storageError && <StorageRefused message={storageError} />}
      {!ready ? <p role="status">Loading…</p> : <JoinPage id={interviewId} />}
    </AppFrame>
  );
}
