/**
 * Whether the host lets tech support apply the host's "technical block" override. Kept in the plan document (Map
 * `supportPolicy`), which only the host writes and the guest's device reads, so neither tech support nor the guest
 * can grant it; the guest's device checks it before applying a technical block sent by tech support.
 */
import type * as Y from 'yjs';

const policyOf = (planDoc: Y.Doc) => planDoc.getMap<unknown>('supportPolicy');

export function techSupportMayBlock(planDoc: Y.Doc): boolean {
  return policyOf(planDoc).get('techSupportMayBlock') === true;
}

export function setTechSupportMayBlock(planDoc: Y.Doc, allowed: boolean): void {
  policyOf(planDoc).set('techSupportMayBlock', allowed);
}
