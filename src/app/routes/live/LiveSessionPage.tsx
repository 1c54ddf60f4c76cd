/**
 * The live session as staff (host, interviewer, moderator, tech support) and the
 * audience see it. Which panels show depends on the role's access to each
 * document (src/domain/access.ts): the audience gets only the Q&A view.
 */
import type { Credential } from '../../../storage/db';
import { AudienceSession } from './AudienceSession';
import { StaffSession } from './StaffSession';
import { useLiveDocs, useLiveStatus } from './use-live-docs';
import './live.css';
import { LiveAiPanel } from '../../components/ai/LiveAiPanel';

export function LiveSessionPage({ interviewId, credential }: { interviewId: string; credential: Credential }) {
  const docs = useLiveDocs(interviewId, credential.role, credential.token);
  const status = useLiveStatus(docs);
  if (credential.role === 'audience') {
    return <AudienceSession interviewId={interviewId} credential={credential} audience={docs.audience} moderation={docs.moderation} status={status.combined} />;
  }
  if (credential.role === 'guest') {
    // JoinPage sends guests to their own screens; never show staff panels to a guest token.
    return (
      <section className="card narrow">
        <h1>This link is for the candidate</h1>
        <p>Open it from the invitation to take the interview.</p>
      </section>
    );
  }
  return (
    <>
      <StaffSession interviewId={interviewId} credential={credential} docs={docs} status={status} />
      <LiveAiPanel docs={docs} credential={credential} />
    </>
  );
}
