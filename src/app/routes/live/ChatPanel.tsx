/**
 * The staff back-channel. Messages live in the staff document, which the guest
 * and the audience can never open. Written offline, a message is kept on this
 * device and sent on reconnect; it is marked until then.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DocHandle } from '../../../sync/doc-connection';
import { MAX_CHAT_CHARS, postChatMessage, readChat, type StaffAuthor } from '../../../sync/staff-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { useDocVersion, useSyncStatus } from '../../hooks/use-doc';
import { clockTime, ROLE_LABELS } from './format';

export function ChatPanel({ staff, me }: { staff: DocHandle; me: StaffAuthor }) {
  useDocVersion(staff);
  const status = useSyncStatus(staff);
  const ids = { input: useId(), error: useId() };
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const messages = readChat(staff.doc);

  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  function send(e?: FormEvent) {
    e?.preventDefault();
    const r = postChatMessage(staff.doc, text, me, Date.now());
    if (!r.ok) {
      setError(r.reason);
      return;
    }
    setError(null);
    setText('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  return (
    <div className="chat">
      <p className="muted small-print">Staff only: the guest never sees this chat.</p>
      {messages.length === 0 ? (
        <p className="empty" data-testid="chat-empty">
          No messages yet.
        </p>
      ) : null}
      {/* role=log is a polite live region: screen readers announce new messages as they arrive. It wraps the list
          rather than sitting on it, since a role on the <ol> would take away its list semantics. */}
      <div className="chat-log" role="log" aria-label="Staff chat messages" ref={logRef} tabIndex={messages.length ? 0 : -1} data-testid="chat-log">
        <ol>
          {messages.map((m) => {
            const mine = m.by === me.by && m.role === me.role;
            const unsent = mine && isUnsent(m.at, status);
            return (
              <li key={m.id} className={mine ? 'chat-msg mine' : 'chat-msg'} data-message-id={m.id}>
                <div className="chat-meta">
                  <strong>{m.by}</strong> <span className="tag">{ROLE_LABELS[m.role] ?? m.role}</span>{' '}
                  <time className="muted" dateTime={new Date(m.at).toISOString()}>
                    {clockTime(m.at)}
                  </time>
                  {unsent ? <span className="unsent"> · not sent yet</span> : null}
                </div>
                <p className="chat-text prewrap">{m.text}</p>
              </li>
            );
          })}
        </ol>
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

/** Written after the last completed sync while the connection is not live: still only on this device. */
function isUnsent(at: number, status: SyncStatus | null): boolean {
  if (!status || status.state === 'synced') return false;
  return status.lastSyncedAt === null || at > status.lastSyncedAt;
}
