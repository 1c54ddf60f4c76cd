/**
 * Staff sidebar: Chat, Reactions and Q&A as ARIA tabs (arrow keys move between
 * tabs, Home/End jump). A tab that is not shown counts what arrived meanwhile.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { StageState } from '../../../domain/stage';
import type { DocHandle } from '../../../sync/doc-connection';
import { readSubmissions } from '../../../sync/audience-doc';
import { readDecisions } from '../../../sync/moderation-doc';
import { readChat, type StaffAuthor } from '../../../sync/staff-doc';
import { useDocVersion } from '../../hooks/use-doc';
import { ChatPanel } from './ChatPanel';
import { QaPanel } from './QaPanel';
import { ReactionsPanel } from './ReactionsPanel';

type TabId = 'chat' | 'reactions' | 'qa';

interface Props {
  me: StaffAuthor;
  staff: DocHandle | null;
  audience: DocHandle | null;
  moderation: DocHandle | null;
  question: { id: string; index: number } | null;
  state: StageState | null;
}

export function EngagementSidebar({ me, staff, audience, moderation, question, state }: Props) {
  const staffVersion = useDocVersion(staff);
  useDocVersion(audience);
  useDocVersion(moderation);
  const tabs: { id: TabId; label: string }[] = [
    { id: 'chat', label: 'Chat' },
    { id: 'reactions', label: 'Reactions' },
    ...(moderation ? [{ id: 'qa' as const, label: 'Q&A' }] : []),
  ];
  const [active, setActive] = useState<TabId>('chat');
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());

  // Parsed once per change of the staff document (a long chat is thousands of records), not on every render.
  const chatCount = useMemo(() => (staff ? readChat(staff.doc).length : 0), [staff, staffVersion]);
  const [seenChat, setSeenChat] = useState(chatCount);
  useEffect(() => {
    if (active === 'chat') setSeenChat(chatCount);
  }, [active, chatCount]);
  const unreadChat = active === 'chat' ? 0 : Math.max(0, chatCount - seenChat);

  const canModerate = me.role === 'moderator' || me.role === 'host';
  const waiting =
    canModerate && audience && moderation
      ? (() => {
          const decided = readDecisions(moderation.doc);
          return readSubmissions(audience.doc).filter((s) => !decided.has(s.id)).length;
        })()
      : 0;

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    const i = tabs.findIndex((t) => t.id === active);
    let next = i;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else return;
    e.preventDefault();
    const id = tabs[next]!.id;
    setActive(id);
    tabRefs.current.get(id)?.focus();
  }

  const badge = (id: TabId) => {
    const n = id === 'chat' ? unreadChat : id === 'qa' ? waiting : 0;
    if (!n) return null;
    return (
      <span className="tab-badge" aria-label={id === 'chat' ? `${n} new` : `${n} waiting`}>
        {n}
      </span>
    );
  };

  return (
    <section className="card live-sidebar" aria-label="Engagement">
      <div role="tablist" aria-label="Engagement" className="tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) tabRefs.current.set(t.id, el);
              else tabRefs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            className={active === t.id ? 'tab active' : 'tab'}
            onClick={() => setActive(t.id)}
            onKeyDown={onKeyDown}
          >
            {t.label}
            {badge(t.id)}
          </button>
        ))}
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {unreadChat ? `${unreadChat} new chat message${unreadChat === 1 ? '' : 's'}` : ''}
      </p>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`panel-${t.id}`} aria-labelledby={`tab-${t.id}`} hidden={active !== t.id} className="tab-panel">
          {active !== t.id ? null : t.id === 'chat' ? (
            staff ? (
              <ChatPanel staff={staff} me={me} />
            ) : (
              <p role="status">Opening the staff chat…</p>
            )
          ) : t.id === 'reactions' ? (
            staff ? (
              <ReactionsPanel staff={staff} me={me} question={question} state={state} />
            ) : (
              <p role="status">Opening…</p>
            )
          ) : moderation ? (
            <QaPanel me={me} audience={audience} moderation={moderation} />
          ) : null}
        </div>
      ))}
    </section>
  );
}
