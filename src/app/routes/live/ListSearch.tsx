/**
 * The search field of a long staff list (chat, Q&A, reactions, code comments). Those lists draw only what is in
 * view, so find in page cannot reach the rest: this field filters the list itself. Escape clears it; a status says
 * how many items match (read out politely).
 *
 * A list that searches a deferred copy of the field (the chat: thousands of messages of 2,000 characters, searched
 * while the reader types) passes that copy as `searched`: the count is of the items found for it, so the status
 * names it, not the field's newer text.
 */
import { useId } from 'react';
import { normaliseQuery } from './chat-search';

interface Props {
  /** What is searched, as the field's name: "Search questions". */
  label: string;
  value: string;
  onChange(value: string): void;
  /** The text `found` was counted for, when it lags behind the field (useDeferredValue); the field's value if absent. */
  searched?: string;
  found: number;
  total: number;
  /** The items' name, singular and plural: ['question', 'questions']. */
  noun: readonly [string, string];
  testId?: string;
}

export function ListSearch({ label, value, onChange, searched = value, found, total, noun, testId }: Props) {
  const id = useId();
  const q = searched.trim();
  return (
    <div className="chat-search" role="search">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        placeholder={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            onChange('');
          }
        }}
      />
      <span className="muted small-print" role="status" data-testid={testId}>
        {normaliseQuery(searched) === '' ? '' : found === 0 ? `No ${noun[0]} matches “${q}”.` : `${found.toLocaleString()} of ${total.toLocaleString()} ${total === 1 ? noun[0] : noun[1]} match “${q}”.`}
      </span>
    </div>
  );
}
