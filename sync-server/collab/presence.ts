/**
 * Whose presence (awareness) the server relays on which document. Writers are
 * always visible: they edit, and their cursors matter to the others. Readers
 * are silent observers and stay invisible, with one exception that a user
 * expects: the guest should see that the interviewer is following the stage.
 * In particular audience members never see each other or get seen by staff
 * through presence, and a moderator or tech support watching the stage does
 * not show up on the guest's screen.
 */
import { canRead, canWrite, type DocKind, type Role } from '../../src/domain/access';

const VISIBLE_READERS: ReadonlyArray<readonly [Role, DocKind]> = [['interviewer', 'stage']];

export function presenceVisible(role: Role, kind: DocKind): boolean {
  // Append-only writers (the audience) are anonymous to everyone.
  if (!canRead(role, kind)) return false;
  if (canWrite(role, kind)) return true;
  return VISIBLE_READERS.some(([r, k]) => r === role && k === kind);
}
