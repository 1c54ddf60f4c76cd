/**
 * Where every invite link lands. The token's role decides the screen: the guest
 * takes the interview; staff and audience join the live session.
 *
 * The guest's first screen (GuestEntry, the technical check) is imported statically: an invite link opens
 * through JoinApp, without the router, and this module is in the first load, so the check costs no second
 * round trip. The live session (staff) is its own chunk.
 */
import { lazy, Suspense, useEffect } from 'react';
import { credentialFor } from '../../auth/credentials';
import { useLive } from '../hooks/use-live';
import { GuestEntry } from './guest/GuestEntry';
import { markFirstScreenInteractive } from '../first-screen';

const LiveSessionPage = lazy(() => import('./live/LiveSessionPage').then((m) => ({ default: m.LiveSessionPage })));

export function JoinPage({ id }: { id: string | undefined }) {
  const cred = useLive(async () => (await credentialFor(id ?? '')) ?? null, [id]);
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
