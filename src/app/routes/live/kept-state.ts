/**
 * What a staff panel's reader has put into it, kept while the live session is open even when the panel is not
 * drawn: the sidebar draws only the open tab, and a long list draws only the items in view, so switching tabs or
 * scrolling an item away would otherwise lose a search, a place in a list or a half-written draft.
 *
 * Kept per document (the session's staff or moderation document, open for as long as the session page is) and by
 * name, in this page's memory only: a reload or another session starts afresh.
 */
import { useCallback, useState } from 'react';
import type { ListMemory } from '../../components/windowed-list/WindowedList';

const kept = new WeakMap<object, Map<string, unknown>>();

function memoryOf(owner: object): Map<string, unknown> {
  let memory = kept.get(owner);
  if (!memory) {
    memory = new Map();
    kept.set(owner, memory);
  }
  return memory;
}

/**
 * useState whose value is kept for `owner` under `name`: a panel drawn again starts with what it had. Setting the
 * value back to `initial` forgets it. `name` must stay the same while the component is mounted (use a `key`).
 */
export function useKeptState<T>(owner: object, name: string, initial: T): [T, (value: T) => void] {
  const memory = memoryOf(owner);
  const [value, setValue] = useState<T>(() => (memory.has(name) ? (memory.get(name) as T) : initial));
  const set = useCallback(
    (next: T) => {
      if (Object.is(next, initial)) memory.delete(name);
      else memory.set(name, next);
      setValue(next);
    },
    [memory, name, initial],
  );
  return [value, set];
}

/** The place kept for one windowed list (its search included in `name`: another search is another list). */
export function keptListMemory(owner: object, name: string): ListMemory {
  const memory = memoryOf(owner);
  let list = memory.get(`list|${name}`) as ListMemory | undefined;
  if (!list) {
    list = {};
    memory.set(`list|${name}`, list);
  }
  return list;
}

/** Forgets a list's place (its heights stay): the next drawing opens where the list opens. */
export function forgetListPlace(owner: object, name: string): void {
  delete keptListMemory(owner, name).place;
}
