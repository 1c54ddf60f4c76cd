/**
 * The staff back-channel. Messages live in the staff document, which the guest
 * and the audience can never open. Written offline, a message is kept on this
 * device and sent on reconnect; it is marked until then.
 *
 * A long session's chat holds thousands of messages of up to 2,000 characters: the list draws only those in view
 * (WindowedList), opens at the newest, follows new ones while the reader is at the bottom and otherwise offers a
 * "new messages" button. Find in page cannot see the undrawn messages, so the chat has its own search.
 */
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DocHandle } from '../../../sync/doc-connection';
import { MAX_CHAT_CHARS, postChatMessage, readChat, type ChatMessage, type StaffAuthor } from '../../../sync/staff-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { useDocVersion, useSyncStatus } from '../../hooks/use-doc';
import { WindowedList, type WindowedListHandle } from '../../components/windowed-list/WindowedList';
import { markMatches, matchingMessages, normaliseQuery } from './chat-search';
import { ListSearch } from './ListSearch';
import { forgetListPlace, keptListMemory, useKeptState } from './kept-state';
import { clockTime, ROLE_LABELS } from './format';

/** The kept list's name for one search (another search is another list; '' is the whole chat). */
const chatListName = (query: string) => `chat|${normaliseQuery(query)}`;

/** A message's height before any is measured: its name line and five lines of text. */
const ESTIMATED_MESSAGE_PX = 140;

export function ChatPanel({ staff, me }: { staff: DocHandle; me: StaffAuthor }) {
  const version = useDocVersion(staff);
  const status = useSyncStatus(staff);
  const ids = { input: useId(), error: useId() };
  // The draft, the search and the place in the list outlive the tab (kept-state.ts): switching to Reactions and back
  // loses none of them.
  const [text, setText] = useKeptState(staff.doc, 'chat.draft', '');
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useKeptState(staff.doc, 'chat.query', '');
  const searched = useDeferredValue(query);
  // Parsed once per change of the document, not on every keystroke in the message field.
  const messages = useMemo(() => readChat(staff.doc), [staff, version]);
  const shown = useMemo(() => matchingMessages(messages, searched), [messages, searched]);
  const searching = normaliseQuery(searched) !== '';

  const list = useRef<WindowedListHandle>(null);
  const [atEnd, setAtEnd] = useState(true);
  const [seen, setSeen] = useState(shown.length);
  useEffect(() => {
    if (atEnd) setSeen(shown.length);
  }, [atEnd, shown.length]);
  const unseen = atEnd ? 0 : Math.max(0, shown.length - seen);

  const arrival = useArrivalAnnouncement(messages, me);

  function send(e?: FormEvent) {
    e?.preventDefault();
    const r = postChatMessage(staff.doc, text, me, Date.now());
    if (!r.ok) {
      setError(r.reason);
      return;
    }
    setError(null);
    setText('');
    // One's own message is shown at once, wherever the reader was and whatever they searched for.
    forgetListPlace(staff.doc, chatListName(''));
    setQuery('');
    setAtEnd(true);
    list.current?.scrollToEnd();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  function search(value: string) {
    setQuery(value);
    setAtEnd(true);
  }

  return (
    <div className="chat">
      <p className="muted small-print">Staff only: the guest never sees this chat.</p>
      {messages.length === 0 ? (
        <p className="empty" data-testid="chat-empty">
          No messages yet.
        </p>
      ) : (
        <ListSearch label="Search messages" value={query} onChange={search} searched={searched} found={shown.length} total={messages.length} noun={['message', 'messages']} testId="chat-search-status" />
      )}
      <p className="sr-only" role="status" aria-live="polite" data-testid="chat-arrival">
        {arrival}
      </p>
      <div className="chat-log-frame">
        {/* role=log wraps the list rather than sitting on it, since a role on the <ol> would take away its list
            semantics. Its own announcing is off: the list adds and drops drawn messages as the reader scrolls, which
            a live region would read out as new; arrivals are announced by the status above instead. */}
        <WindowedList
          key={normaliseQuery(searched)}
          ref={list}
          items={shown}
          keyOf={messageKey}
          estimateHeight={ESTIMATED_MESSAGE_PX}
          onAtEndChange={setAtEnd}
          memory={keptListMemory(staff.doc, chatListName(searched))}
          scrollerProps={{
            className: 'chat-log',
            role: 'log',
            'aria-label': 'Staff chat messages',
            'aria-live': 'off',
            tabIndex: shown.length ? 0 : -1,
            'data-testid': 'chat-log',
          }}
          renderItem={(m) => {
            const mine = isMine(m, me);
            const unsent = mine && isUnsent(m.at, status);
            return {
              className: mine ? 'chat-msg mine' : 'chat-msg',
              attributes: { 'data-message-id': m.id },
              content: (
                <>
                  <div className="chat-meta">
                    <strong>{m.by}</strong> <span className="tag">{ROLE_LABELS[m.role] ?? m.role}</span>{' '}
                    <time className="muted" dateTime={new Date(m.at).toISOString()}>
                      {clockTime(m.at)}
                    </time>
                    {unsent ? <span className="unsent"> · not sent yet</span> : null}
                  </div>
                  <p className="chat-text prewrap">
                    {searching ? markMatches(m.text, searched).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text)) : m.text}
                  </p>
                </>
              ),
            };
          }}
        />
        {unseen > 0 ? (
          <button
            type="button"
            className="chat-new-below"
            onClick={() => {
              // The button goes once the newest is in view: the focus goes on to the chat, where the keyboard scrolls.
              list.current?.scrollToEnd();
              list.current?.focus();
            }}
          >
            {unseen} new message{unseen === 1 ? '' : 's'} ↓
          </button>
        ) : null}
      </div>
      <form className="chat-form" onSubmit={send}>
        <label htmlFor={ids.input}>Message to staff</label>
        <textarea
          id={ids.input}
          rows={2}
          value={text}
          maxLength={MAX_CHAT_CHARS}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
        />
        <span className="hint">Enter sends, Shift+Enter starts a new line.</span>
        {error ? (
          <span id={ids.error} className="error" role="alert">
            {error}
          </span>
        ) : null}
        <button type="submit">Send</button>
      </form>
    </div>
  );
}

/** Written by this staff member: a message is signed with a name and a role, and both must match. */
function isMine(m: ChatMessage, me: StaffAuthor): boolean {
  return m.by === me.by && m.role === me.role;
}

function messageKey(m: ChatMessage): string {
  return m.id;
}

/**
 * What a screen reader is told when messages from others arrive while the chat is open: the newest one's author
 * and its beginning (the list's own live region is off, see above). The messages there at the start are not news.
 */
function useArrivalAnnouncement(messages: readonly ChatMessage[], me: StaffAuthor): string {
  const known = useRef<Set<string> | null>(null);
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (known.current === null) {
      known.current = new Set(messages.map((m) => m.id));
      return;
    }
    const fresh = messages.filter((m) => !known.current!.has(m.id));
    for (const m of fresh) known.current.add(m.id);
    const others = fresh.filter((m) => !isMine(m, me));
    const last = others[others.length - 1];
    if (!last) return;
    const start = last.text.length > 200 ? `${last.text.slice(0, 200)}…` : last.text;
    const more = others.length > 1 ? ` (${others.length} new messages)` : '';
    setSaid(`${last.by}, ${ROLE_LABELS[last.role] ?? last.role}: ${start}${more}`);
  }, [messages, me.by, me.role]);
  return said;
}

/** Written after the last completed sync while the connection is not live: still only on this device. */
function isUnsent(at: number, status: SyncStatus | null): boolean {
  if (!status || status.state === 'synced') return false;
  return status.lastSyncedAt === null || at > status.lastSyncedAt;
}
