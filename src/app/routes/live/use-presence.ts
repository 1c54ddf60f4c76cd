/**
 * Publishes this person's presence and follows everyone else's. Full presence
 * (with the question being looked at) goes on the staff document only; on the
 * stage document host and interviewer show just name and role, which the
 * server relays to the guest on purpose.
 */
import { useEffect, useState } from 'react';
import type { Role } from '../../../domain/access';
import type { DocHandle } from '../../../sync/doc-connection';
import { colorFor, readPresence, setPresence, type PresencePeer } from '../../../sync/presence';

const SHOWN_ON_STAGE: readonly Role[] = ['host', 'interviewer'];

export function usePublishPresence(
  staff: DocHandle | null,
  stage: DocHandle | null,
  me: { name: string; role: Role },
  questionIndex: number | undefined,
): void {
  const color = colorFor(`${me.role}:${me.name}`);
  useEffect(() => {
    if (!staff) return;
    setPresence(staff.awareness(), {
      name: me.name,
      role: me.role,
      color,
      ...(questionIndex !== undefined ? { questionIndex } : {}),
    });
  }, [staff, me.name, me.role, color, questionIndex]);
  useEffect(() => {
    if (!stage || !SHOWN_ON_STAGE.includes(me.role)) return;
    setPresence(stage.awareness(), { name: me.name, role: me.role, color });
  }, [stage, me.name, me.role, color]);
}

/** Everyone present on one document, re-read whenever its awareness changes. */
export function usePresence(handle: DocHandle | null): PresencePeer[] {
  const [peers, setPeers] = useState<PresencePeer[]>([]);
  useEffect(() => {
    if (!handle) {
      setPeers([]);
      return;
    }
    const awareness = handle.awareness();
    const update = () => setPeers(readPresence(awareness));
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [handle]);
  return peers;
}
