/**
 * Audience Q&A for staff. The moderator (and the host) approve, edit or reject
 * submissions; the interviewer sees only the approved queue, in order.
 *
 * A long session's audience asks thousands of questions of up to 500 characters: each list draws only what is in
 * view (WindowedList), so the panel has its own search (find in page cannot reach the rest). A moderator working
 * down the waiting list by keyboard keeps their place: after a decision the focus moves to the same button of the
 * question that took the decided one's place (or to the list's heading when none is left), never to the page.
 */
import { useLayoutEffect, useId, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import type { DocHandle } from '../../../sync/doc-connection';
import { readSubmissions, type Submission } from '../../../sync/audience-doc';
import { decide, moderationView, readQueue, type ApprovedQuestion, type ModerationAction } from '../../../sync/moderation-doc';
import type { StaffAuthor } from '../../../sync/staff-doc';
import { useDocVersion } from '../../hooks/use-doc';
import { WindowedList, type ListMemory, type WindowedListHandle } from '../../components/windowed-list/WindowedList';
import { matchingItems, normaliseQuery } from './chat-search';
import { keptListMemory, useKeptState } from './kept-state';
import { ListSearch } from './ListSearch';
import { clockTime } from './format';

/** A question's height before any is measured: its text over two lines, author and actions. */
const ESTIMATED_PENDING_PX = 120;
const ESTIMATED_QUEUED_PX = 48;

export function QaPanel({ me, audience, moderation }: { me: StaffAuthor; audience: DocHandle | null; moderation: DocHandle }) {
  const canModerate = me.role === 'moderator' || me.role === 'host';
  return canModerate && audience ? <ModeratorQa me={me} audience={audience} moderation={moderation} /> : <QueueOnly moderation={moderation} />;
}

/** A windowed list of one of the panel's kinds: opens at its start, scrolls on its own, named by its heading. */
function QaList<T>({ items, keyOf, labelledBy, testId, className, estimate, focusable, render, memory, ref }: { items: readonly T[]; keyOf(item: T): string; labelledBy: string; testId: string; className: string; estimate: number; focusable: boolean; render(item: T): { className?: string; attributes?: Record<string, string>; content: ReactNode }; memory: ListMemory; ref?: Ref<WindowedListHandle> }) {
  return (
    <WindowedList
      ref={ref}
      memory={memory}
      items={items}
      keyOf={keyOf}
      startAt="start"
      estimateHeight={estimate}
      renderItem={render}
      // A list of text only is scrolled by the keyboard on its scroller; one with buttons, by tabbing through them.
      scrollerProps={{ className: 'qa-scroller', role: 'group', 'aria-labelledby': labelledBy, tabIndex: focusable ? 0 : undefined }}
      listProps={{ className, 'aria-labelledby': labelledBy, 'data-testid': testId }}
    />
  );
}

function Queue({ items, title, total, memory }: { items: readonly ApprovedQuestion[]; title: string; total: number; memory: ListMemory }) {
  const id = useId();
  return (
    <>
      <h3 id={id} className="small-heading">
        {title} ({total})
      </h3>
      {items.length === 0 ? (
        <p className="empty" data-testid="queue-empty">
          {total === 0 ? 'No approved audience questions yet.' : 'No approved question matches the search.'}
        </p>
      ) : (
        <QaList
          items={items}
          keyOf={(q) => q.submissionId}
          labelledBy={id}
          testId="qa-queue"
          className="qa-queue"
          estimate={ESTIMATED_QUEUED_PX}
          focusable
          memory={memory}
          render={(q) => ({
            attributes: { 'data-submission-id': q.submissionId },
            content: (
              <>
                <span className="qa-text">{q.text}</span>{' '}
                <span className="muted">
                  — {q.author}
                  {q.edited ? ' (edited by the moderator)' : ''}
                </span>
              </>
            ),
          })}
        />
      )}
    </>
  );
}

function QueueOnly({ moderation }: { moderation: DocHandle }) {
  const version = useDocVersion(moderation);
  const [query, setQuery] = useKeptState(moderation.doc, 'qa.query', '');
  // So is whether the rejected list was open: the tab drawn again showed it closed, the reader's place in it hidden.
  const [rejectedOpen, setRejectedOpen] = useKeptState(moderation.doc, 'qa.rejected-open', false);
  const queue = useMemo(() => readQueue(moderation.doc), [moderation, version]);
  const shown = matchingItems(queue, query, (q) => [q.text, q.author]);
  return (
    <div className="qa">
      <p className="muted small-print">Questions from the audience that the moderator approved, in order.</p>
      {queue.length > 0 ? <ListSearch label="Search questions" value={query} onChange={setQuery} found={shown.length} total={queue.length} noun={['question', 'questions']} testId="qa-search-status" /> : null}
      <Queue items={shown} total={queue.length} title="Audience questions to ask" memory={keptListMemory(moderation.doc, `qa.queue|${normaliseQuery(query)}`)} />
    </div>
  );
}

/** Which button gets the focus after a decision: that button of the question now in the decided one's place. */
type FocusAfter = { list: 'pending' | 'rejected'; id: string | null; action: 'approve' | 'reject' | 'edit' | 'approve-instead' };

function ModeratorQa({ me, audience, moderation }: { me: StaffAuthor; audience: DocHandle; moderation: DocHandle }) {
  const audienceVersion = useDocVersion(audience);
  const moderationVersion = useDocVersion(moderation);
  const [announce, setAnnounce] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The search, each list's place and each edit's draft outlive the tab and the items scrolled away (kept-state.ts).
  const [query, setQuery] = useKeptState(moderation.doc, 'qa.query', '');
  // So is whether the rejected list was open: the tab drawn again showed it closed, the reader's place in it hidden.
  const [rejectedOpen, setRejectedOpen] = useKeptState(moderation.doc, 'qa.rejected-open', false);
  const listName = (list: string) => `qa.${list}|${normaliseQuery(query)}`;
  const panel = useRef<HTMLDivElement>(null);
  const focusAfter = useRef<FocusAfter | null>(null);
  const lists = { pending: useRef<WindowedListHandle>(null), rejected: useRef<WindowedListHandle>(null) };
  // Parsed once per change of either document, not on every render (a keystroke in the search or an edit).
  const view = useMemo(() => moderationView(readSubmissions(audience.doc), moderation.doc), [audience, moderation, audienceVersion, moderationVersion]);
  const fields = (s: Submission) => [s.text, s.author];
  const pending = matchingItems(view.pending, query, fields);
  const approved = matchingItems(view.approved, query, (q) => [q.text, q.author]);
  const rejected = matchingItems(view.rejected, query, (r) => fields(r.submission));
  const total = view.pending.length + view.approved.length + view.rejected.length;
  const found = pending.length + approved.length + rejected.length;

  // After the decision's render: the focus goes to the button that took the pressed one's place.
  useLayoutEffect(() => {
    const target = focusAfter.current;
    if (!target || !panel.current) return;
    focusAfter.current = null;
    const list = lists[target.list].current;
    // The next question may lie outside the drawn ones (the decided one was kept drawn while the list scrolled away).
    if (target.id !== null && list) list.focusItem(target.id, `[data-qa-action="${target.action}"]`);
    else panel.current.querySelector<HTMLElement>(target.list === 'pending' ? '#qa-pending-title' : '.qa-rejected summary')?.focus();
  });

  function act(s: Submission, action: ModerationAction, pressed: FocusAfter['action']): boolean {
    const list = pressed === 'approve-instead' ? 'rejected' : 'pending';
    const ids = list === 'pending' ? pending.map((p) => p.id) : rejected.map((r) => r.submission.id);
    const at = ids.indexOf(s.id);
    const r = decide(moderation.doc, s, action, me, Date.now());
    if (!r.ok) {
      setError(r.reason);
      return false;
    }
    setError(null);
    setAnnounce(r.decision.status === 'approved' ? `Approved: ${r.decision.text}` : `Rejected: ${s.text}`);
    // The question leaves its list; the next one (or the one before the last) takes its place under the keyboard.
    focusAfter.current = { list, id: ids[at + 1] ?? ids[at - 1] ?? null, action: pressed === 'edit' ? 'approve' : pressed };
    return true;
  }

  return (
    <div className="qa" ref={panel}>
      {total > 0 ? <ListSearch label="Search questions" value={query} onChange={setQuery} found={found} total={total} noun={['question', 'questions']} testId="qa-search-status" /> : null}
      <h3 className="small-heading" id="qa-pending-title" tabIndex={-1}>
        Waiting for review ({view.pending.length})
      </h3>
      {pending.length === 0 ? (
        <p className="empty" data-testid="pending-empty">
          {view.pending.length === 0 ? 'No questions waiting. New audience questions appear here.' : 'No waiting question matches the search.'}
        </p>
      ) : (
        <div data-qa-list="pending">
          <QaList
            ref={lists.pending}
            items={pending}
            keyOf={(s) => s.id}
            labelledBy="qa-pending-title"
            testId="qa-pending"
            className="qa-pending"
            estimate={ESTIMATED_PENDING_PX}
            focusable={false}
            memory={keptListMemory(moderation.doc, listName('pending'))}
            render={(s) => ({
              className: 'qa-item',
              attributes: { 'data-submission-id': s.id },
              content: <PendingItem submission={s} drafts={moderation.doc} onAct={(a, pressed) => act(s, a, pressed)} />,
            })}
          />
        </div>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      <Queue items={approved} total={view.approved.length} title="Interviewer’s queue (approved)" memory={keptListMemory(moderation.doc, listName('approved'))} />
      {view.rejected.length > 0 ? (
        <details className="qa-rejected" data-qa-list="rejected" open={rejectedOpen} onToggle={(e) => setRejectedOpen(e.currentTarget.open)}>
          <summary id="qa-rejected-title">Rejected ({view.rejected.length})</summary>
          {rejected.length === 0 ? (
            <p className="empty">No rejected question matches the search.</p>
          ) : (
            <QaList
              ref={lists.rejected}
              items={rejected}
              keyOf={(r) => r.submission.id}
              labelledBy="qa-rejected-title"
              testId="qa-rejected"
              className="qa-rejected-list"
              estimate={ESTIMATED_QUEUED_PX}
              focusable={false}
              memory={keptListMemory(moderation.doc, listName('rejected'))}
              render={({ submission }) => ({
                attributes: { 'data-submission-id': submission.id },
                content: (
                  <>
                    {submission.text} <span className="muted">— {submission.author}</span>{' '}
                    <button type="button" className="secondary small" data-qa-action="approve-instead" onClick={() => act(submission, { action: 'approve' }, 'approve-instead')}>
                      Approve instead
                    </button>
                  </>
                ),
              })}
            />
          )}
        </details>
      ) : null}
    </div>
  );
}

/**
 * A question waiting for review. Its edit (open or not, and the edited text) is kept with the moderation document
 * (`drafts`), not in the item: the list unmounts an item scrolled out of view, and the Q&A tab unmounts with it.
 */
function PendingItem({ submission, drafts, onAct }: { submission: Submission; drafts: object; onAct(a: ModerationAction, pressed: FocusAfter['action']): boolean }) {
  const [draft, setDraft] = useKeptState<string | null>(drafts, `qa.edit|${submission.id}`, null);
  const editing = draft !== null;
  const editId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const editField = useRef<HTMLTextAreaElement>(null);
  /** Where the focus goes after Edit or Cancel is pressed (not when an item with an open edit is drawn again). */
  const focusTo = useRef<'field' | 'edit' | null>(null);
  // Edit puts the focus in the field; Cancel back on Edit, where the moderator was, rather than on the page.
  useLayoutEffect(() => {
    const to = focusTo.current;
    focusTo.current = null;
    if (to === 'field') editField.current?.focus();
    else if (to === 'edit') editButton.current?.focus();
  }, [editing]);
  const setEditing = (open: boolean) => {
    focusTo.current = open ? 'field' : 'edit';
    setDraft(open ? submission.text : null);
  };
  return (
    <>
      <p className="qa-text">{submission.text}</p>
      <p className="muted small-print">
        {submission.author} · {clockTime(submission.at)}
      </p>
      {editing ? (
        <form
          className="qa-edit"
          onSubmit={(e) => {
            e.preventDefault();
            if (onAct({ action: 'approve', editedText: draft ?? submission.text }, 'edit')) setDraft(null);
          }}
        >
          <label htmlFor={editId}>Edited question</label>
          <textarea id={editId} ref={editField} rows={2} value={draft ?? ''} maxLength={500} onChange={(e) => setDraft(e.target.value)} />
          <div className="qa-actions">
            <button type="submit">Approve edited question</button>
            <button
              type="button"
              className="secondary"
              onClick={() => setEditing(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="qa-actions" role="group" aria-label={`Decide on: ${submission.text}`}>
          <button type="button" data-qa-action="approve" onClick={() => onAct({ action: 'approve' }, 'approve')}>
            Approve
          </button>
          <button type="button" className="secondary" data-qa-action="edit" ref={editButton} onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="secondary danger" data-qa-action="reject" onClick={() => onAct({ action: 'reject' }, 'reject')}>
            Reject
          </button>
        </div>
      )}
    </>
  );
}
