/**
 * Where every invite link lands. The token's role decides the screen: the guest
 * takes the interview; staff and audience join the live session.
 *
 * The guest's first screen (GuestEntry, the technical check) is imported statically: an invite link opens
 * through JoinApp, without the router, and this module is in the first load, so the check costs no second
 * round trip. The live session (staff) is its own chunk. The credential is read once, without Dexie (a live query
 * would bring Dexie into the first load): the link's token was stored before this page rendered (use-link-token).
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { readLinkCredential } from '../../auth/link-token';
import type { Credential } from '../../storage/db';
import { GuestEntry } from './guest/GuestEntry';
import { markFirstScreenInteractive } from '../first-screen';

const LiveSessionPage = lazy(() => import('./live/LiveSessionPage').then((m) => ({ default: m.LiveSessionPage })));

export function JoinPage({ id }: { id: string | undefined }) {
  // undefined while reading.
  const [cred, setCred] = useState<Credential | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    setCred(undefined);
    readLinkCredential(id ?? '').then(
      (c) => alive && setCred(c),
      // Storage refused: use-link-token has already said so on the page.
      (err: unknown) => console.error('IndexedDB query failed', err),
    );
    return () => {
      alive = false;
    };
  }, [id]);
  // The guest's technical check says itself when it can be used; any other screen here is ready once shown.
  useEffect(() => {
    if (cred !== undefined && cred?.role !== 'guest') markFirstScreenInteractive();
  }, [cred]);

  if (cred === undefined || !id) return <p role="status">Opening your invitation…</p>;
  if (cred === null) {
    return (
      <section className="card narrow" aria-labelledby="nolink-title">
        <h1 id="nolink-title">This invitation link is incomplete</h1>
        <p>Open the full link from your invitation email or message. If it still does not work, ask the host for a new link.</p>
      </section>
    );
  }
  if (cred.role === 'guest') return <GuestEntry interviewId={id} credential={cred} />;
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      <LiveSessionPage interviewId={id} credential={cred} />
    </Suspense>
  );
}
