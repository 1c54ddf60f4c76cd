/** The host's way into the live session of one of their interviews, with the workspace host token. */
import { Link, useParams } from 'react-router-dom';
import { hostCredential } from '../../auth/credentials';
import { useLive } from '../hooks/use-live';
import { LiveSessionPage } from './live/LiveSessionPage';

export function HostSessionPage() {
  const { id } = useParams<{ id: string }>();
  const cred = useLive(async () => (await hostCredential()) ?? null, []);
  if (cred === undefined || !id) return <p role="status">Loading…</p>;
  if (cred === null) {
    return (
      <section className="card narrow">
        <h1>Host link needed</h1>
        <p>Open the host link printed by the InterQ server on this device to join live sessions as the host.</p>
        <Link to="/">Back</Link>
      </section>
    );
  }
  return <LiveSessionPage interviewId={id} credential={cred} />;
}
