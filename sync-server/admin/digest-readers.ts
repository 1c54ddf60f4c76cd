/** Counts for Engagement Rate from the audience and moderation documents. */
import type * as Y from 'yjs';
import { countSubmissions } from '../../src/sync/audience-doc';
import { readDecisions } from '../../src/sync/moderation-doc';

export function readAudienceCount(doc: Y.Doc): number {
  return countSubmissions(doc);
}

export function readApprovedCount(doc: Y.Doc): number {
  let approved = 0;
  for (const d of readDecisions(doc).values()) if (d.status === 'approved') approved++;
  return approved;
}
