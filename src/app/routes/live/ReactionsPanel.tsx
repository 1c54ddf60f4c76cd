/**
 * Sentiment badges pinned to the question being viewed and, while the guest is
 * recording that answer, to the moment in the recording; plus this person's own
 * 0–5 rating (the domain's scale, the same as the first-pass score and the
 * results dashboard's ratings). All of it stays in the staff document.
 *
 * A panel reacting through a long answer leaves a thousand reactions on one question: the list draws only what is
 * in view (WindowedList), opens at the newest and follows new ones while the reader is at the bottom, and has its
 * own search (find in page cannot reach the reactions not drawn).
 */
import { useId, useMemo, useState } from 'react';
import type { StageState } from '../../../domain/stage';
import type { DocHandle } from '../../../sync/doc-connection';
import {
  addReaction,
  REACTION_BADGES,
  REACTION_KINDS,
  reactionAnchor,
  readRatings,
  readReactions,
  raterKey,
  RATING_SCALE,
  setRating,
  type ReactionKind,
  type StaffAuthor,
} from '../../../sync/staff-doc';
import { useDocVersion } from '../../hooks/use-doc';
import { WindowedList } from '../../components/windowed-list/WindowedList';
import { matchingItems, normaliseQuery } from './chat-search';
import { keptListMemory, useKeptState } from './kept-state';
import { ListSearch } from './ListSearch';
import { clockTime, duration, ROLE_LABELS } from './format';

/** A reaction's height before any is measured: one line. */
const ESTIMATED_REACTION_PX = 28;

interface Props {
  staff: DocHandle;
  me: StaffAuthor;
  question: { id: string; index: number } | null;
  state: StageState | null;
}

export function ReactionsPanel({ staff, me, question, state }: Props) {
  const version = useDocVersion(staff);
  const ratingName = useId();
  const listName = useId();
  const [announce, setAnnounce] = useState('');
  // The search and each question's place in its list outlive the tab (kept-state.ts).
  const [query, setQuery] = useKeptState(staff.doc, 'reactions.query', '');
  // Parsed once per change of the staff document or of the question viewed, not on every render.
  const questionId = question?.id ?? null;
  const reactions = useMemo(() => (questionId === null ? [] : readReactions(staff.doc, questionId)), [staff, questionId, version]);
  const ratings = useMemo(() => (questionId === null ? [] : readRatings(staff.doc, questionId)), [staff, questionId, version]);
  const shown = matchingItems(reactions, query, (r) => [REACTION_BADGES[r.kind].label, r.by, ROLE_LABELS[r.role] ?? r.role]);
  if (!question) return <p className="empty">Reactions become available once the questions have synced to this device.</p>;

  const mine = ratings.find((r) => raterKey(r) === raterKey(me));
  const recordingNow = reactionAnchor(state, question.id, question.index, Date.now()).momentMs !== null;

  function react(kind: ReactionKind) {
    if (!question) return;
    const now = Date.now();
    const anchor = reactionAnchor(state, question.id, question.index, now);
    const r = addReaction(staff.doc, kind, anchor, me, now);
    setAnnounce(
      r.ok
        ? `${REACTION_BADGES[kind].label} added to question ${question.index + 1}${anchor.momentMs !== null ? ` at ${duration(anchor.momentMs)} in the recording` : ''}.`
        : r.reason,
    );
  }

  function rate(score: number) {
    if (!question) return;
    const r = setRating(staff.doc, question.id, score, me, Date.now());
    setAnnounce(r.ok ? `Your rating of question ${question.index + 1}: ${score} of 5.` : r.reason);
  }

  const counts = new Map<ReactionKind, number>();
  for (const r of reactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);

  return (
    <div className="reactions">
      <p className="muted small-print">
        On question {question.index + 1}
        {recordingNow ? ' — the guest is recording: reactions are pinned to the current moment.' : '.'} Staff only.
      </p>
      <div className="reaction-buttons" role="group" aria-label={`React to question ${question.index + 1}`}>
        {REACTION_KINDS.map((kind) => (
          <button key={kind} type="button" className="secondary reaction-button" onClick={() => react(kind)} data-reaction-kind={kind}>
            <span aria-hidden="true">{REACTION_BADGES[kind].emoji}</span> {REACTION_BADGES[kind].label}
            {counts.get(kind) ? <span className="count"> ({counts.get(kind)})</span> : null}
          </button>
        ))}
      </div>
      <fieldset className="rating">
        <legend>Your rating of question {question.index + 1}</legend>
        <div className="radio-row">
          {RATING_SCALE.map((n) => (
            <label key={n} className="radio">
              <input type="radio" name={ratingName} value={n} checked={mine?.score === n} onChange={() => rate(n)} />
              {n}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      {reactions.length === 0 ? (
        <p className="empty" data-testid="reactions-empty">
          No reactions on this question yet.
        </p>
      ) : (
        <>
          <h3 className="small-heading" id={listName}>
            Reactions on question {question.index + 1} ({reactions.length})
          </h3>
          <ListSearch label="Search reactions" value={query} onChange={setQuery} found={shown.length} total={reactions.length} noun={['reaction', 'reactions']} testId="reaction-search-status" />
          {shown.length === 0 ? null : (
            <WindowedList
              key={`${question.id} ${query.trim().toLocaleLowerCase()}`}
              items={shown}
              keyOf={(r) => r.id}
              estimateHeight={ESTIMATED_REACTION_PX}
              memory={keptListMemory(staff.doc, `reactions|${question.id}|${normaliseQuery(query)}`)}
              scrollerProps={{ className: 'reaction-scroller', role: 'group', 'aria-labelledby': listName, tabIndex: 0 }}
              listProps={{ className: 'reaction-list', 'data-testid': 'reaction-list', 'aria-labelledby': listName }}
              renderItem={(r) => ({
                attributes: { 'data-reaction-id': r.id, 'data-reaction-kind': r.kind },
                content: (
                  <>
                    <span aria-hidden="true">{REACTION_BADGES[r.kind].emoji}</span> <strong>{REACTION_BADGES[r.kind].label}</strong> by {r.by}{' '}
                    <span className="tag">{ROLE_LABELS[r.role] ?? r.role}</span>{' '}
                    <span className="muted">
                      {r.momentMs !== null ? `at ${duration(r.momentMs)} in the recording` : r.recordingId ? 'on the recorded answer' : 'on the question'} ·{' '}
                      {clockTime(r.at)}
                    </span>
                  </>
                ),
              })}
            />
          )}
        </>
      )}
      {ratings.length > 0 ? (
        <>
          <h3 className="small-heading">Ratings</h3>
          <ul className="ratings" data-testid="ratings">
            {ratings.map((r) => (
              <li key={raterKey(r)}>
                {r.by} <span className="tag">{ROLE_LABELS[r.role] ?? r.role}</span>: {r.score} of 5
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
