/**
 * Where every invite link lands. The token's role decides the screen: the guest
 * takes the interview; staff and audience join the live session.
 */
import { lazy, Suspense } from 'react';
import { useParams } from 'react-router-dom';
import { credentialFor } from '../../auth/credentials';
import { useLive } from '../hooks/use-live';

const GuestEntry = lazy(() => import('./guest/GuestEntry').then((m) => ({ default: m.GuestEntry })));
const LiveSessionPage = lazy(() => import('./live/LiveSessionPage').then((m) => ({ default: m.LiveSessionPage })));

export function JoinPage() {
  const { id } = useParams<{ id: string }>();
  const cred = useLive(async () => (await credentialFor(id ?? '')) ?? null, [id]);

  if (cred === undefined || !id) return <p role="status">Opening your invitation…</p>;
  if (cred === null) {
    return (
      <section className="card narrow" aria-labelledby="nolink-title">
        <h1 id="nolink-title">This invitation link is incomplete</h1>
        <p>Open the full link from your invitation email or message. If it still does not work, ask the host for a new link.</p>
      </section>
    );
  }
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      {cred.role === 'guest' ? <GuestEntry interviewId={id} credential={cred} /> : <LiveSessionPage interviewId={id} credential={cred} />}
    </Suspense>
  );
}
