/**
 * A scrolling list that draws only the items in view (and a margin around it), for lists long enough that drawing
 * every item costs seconds: a live session's staff chat holds thousands of messages of up to 2,000 characters.
 *
 * - Heights differ per item: each drawn item is measured after the commit (before the browser paints); items not
 *   drawn count as the mean measured height. Space for the undrawn items is padding on the list, so the scrollbar,
 *   the keyboard (arrows, Page Up/Down, Home/End on the focusable scroller) and the mouse scroll the whole list.
 * - A list that opens at its end (a chat, a timeline) sticks to the end: while the reader is at the bottom, items
 *   added there keep it at the bottom, and `onAtEndChange` tells the owner, which can offer a way down
 *   (`scrollToEnd`). A list that opens at its start (a queue to work through) stays where the reader put it.
 * - A reader who is not at the end stays where they are. As heights above the view are measured, the browser's
 *   scroll anchoring keeps the items in view still (Chromium and Firefox; it moves smooth scrolling's target too).
 *   A new width drops every measured height (each item wraps differently) and moves the estimates so far that the
 *   item the reader was on may not be drawn at all, which no browser can anchor: then the list itself puts that
 *   item back where it was (the first item in view, noted on every scroll and commit) until the heights settle.
 * - The item holding the keyboard's focus stays drawn when the reader scrolls it out of view (unmounting it would
 *   drop the focus to the page): a moderator working down a queue by keyboard keeps their place.
 * - A list drawn again after being taken away (its tab closed and opened again) opens where its reader left it when
 *   given a `memory` that outlives it: the first item in view and the reader's place in it (or the end, for a
 *   reader who was there), and the heights measured at that width, so the place is found at once.
 * - Reading order stays the list's: the drawn items are in order, each with its place in the whole list
 *   (aria-posinset / aria-setsize) for screen readers. What is not drawn cannot be found with the browser's find in
 *   page: a list that needs that gives its own search (ChatPanel does).
 */
import { useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type HTMLAttributes, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { drawnLayout, drawnRange, estimatedHeight, itemTops } from './window-range';

export interface WindowedListHandle {
  /** Scrolls to the last item and sticks there as items are added. */
  scrollToEnd(): void;
  /** Moves the keyboard's focus to the scroller (which the arrow keys then scroll). */
  focus(): void;
  /** Scrolls the item with this key to the view's top (where the list's end allows): one just added, say. */
  scrollToItem(key: string): void;
  /** Moves the keyboard's focus to the element matching `selector` inside the item with this key, drawing it first if it is not. */
  focusItem(key: string, selector: string): void;
}

/** Where a reader was in a list, kept across its being drawn again: see `memory`. */
export interface ListMemory {
  /** The first item in view, how far its top was from the view's top and its height, in px; or the end. */
  place?: { atEnd: boolean; key: string | null; offset: number; height: number };
  /** Heights measured at `width`: a list drawn again at the same width needs no estimates. */
  heights?: Map<string, number>;
  width?: number;
}

interface Props<T> {
  items: readonly T[];
  keyOf: (item: T) => string;
  /** The list item's attributes (class, data-*) and content. */
  renderItem: (item: T) => { className?: string; attributes?: Record<string, string>; content: ReactNode };
  /** Attributes of the scrolling element (role, label, tabIndex, …). */
  scrollerProps: HTMLAttributes<HTMLDivElement> & { 'data-testid'?: string };
  /** Attributes of the list itself (its label, test id). */
  listProps?: HTMLAttributes<HTMLOListElement> & { 'data-testid'?: string };
  /** Where the list opens and what it follows: its end (a chat; the default) or its start (a queue). */
  startAt?: 'start' | 'end';
  /** Height assumed for an item before any is measured, in px. */
  estimateHeight: number;
  /** Drawn beyond the view on each side, in px. */
  marginPx?: number;
  onAtEndChange?: (atEnd: boolean) => void;
  /** Kept by the owner across unmounts (a tab switched away and back): the list writes its reader's place there. */
  memory?: ListMemory;
  ref?: Ref<WindowedListHandle>;
}

/** Tries to reach an anchor that the estimates keep out of the drawn range before the list gives up on it. */
const MAX_SEEKS = 8;

/** How close to the bottom counts as at the bottom, in px (a fraction of a line; zoom rounds scroll positions). */
const AT_END_SLACK = 8;

export function WindowedList<T>({ items, keyOf, renderItem, scrollerProps, listProps, startAt = 'end', estimateHeight, marginPx = 600, onAtEndChange, memory, ref }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const heights = useRef(memory?.heights ?? new Map<string, number>());
  if (memory) memory.heights = heights.current;
  const [measured, setMeasured] = useState(0);
  /**
   * The scroller's view, null until the first layout effect has read it (with the gap between items): the first
   * commit draws no item, and the next draws the view's. Every commit that draws items is measured, and each measuring
   * lays out the page: a click on a list's tab paid for each pass that drew a range the next one replaced (the last
   * items, then the view's once known, then the view's with the gap). `end`: the list sticks to its end, so the range
   * is the end's, wherever the estimates put the end.
   */
  const [view, setView] = useState<{ top: number; height: number; end: boolean } | null>(null);
  const viewNow = useRef(view);
  const [gap, setGap] = useState(0);
  // A reader who left the list anywhere but its end is put back there (the seeks below find the item).
  const [restore] = useState(() => {
    const place = memory?.place;
    return place && place.key !== null && !(place.atEnd && startAt === 'end') ? { key: place.key, offset: place.offset, height: place.height } : null;
  });
  const stick = useRef(startAt === 'end' && restore === null);
  const atEnd = useRef(startAt === 'end' && restore === null);
  /**
   * The first item in view, where its top was in the scroller's view and its height, in px: kept there across
   * changes. Across a new width the item's height changes too; the reader's place in it is kept in proportion.
   */
  const anchor = useRef<{ key: string; offset: number; height: number } | null>(restore);
  /** The list itself keeps the anchor where it was (after a new width, scrollToItem, or a place restored) until the heights settle. */
  const armed = useRef(restore !== null);
  /** Times the scroller was moved to the anchor's estimated place without its being drawn yet (the estimates move as items are measured). */
  const seeks = useRef(0);
  const arm = useCallback(() => {
    armed.current = true;
    // The browser's own anchoring would move the view too, by its own reckoning: off while the list does it.
    if (scroller.current) scroller.current.style.overflowAnchor = 'none';
  }, []);
  /** The list stops keeping the anchor itself; the browser's anchoring takes over again. */
  const disarm = useCallback(() => {
    armed.current = false;
    if (scroller.current) scroller.current.style.overflowAnchor = '';
  }, []);
  /** The item holding the keyboard's focus, drawn wherever the view is. */
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  /** An element to focus in an item once it is drawn (focusItem). */
  const focusNext = useRef<{ key: string; selector: string } | null>(null);
  const onAtEnd = useRef(onAtEndChange);
  onAtEnd.current = onAtEndChange;

  const tops = useMemo(() => {
    const fallback = estimatedHeight(heights.current.values(), estimateHeight);
    return itemTops(items.length, (i) => heights.current.get(keyOf(items[i]!)) ?? fallback, gap);
    // `measured` changes whenever a height in the (mutable) map does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, keyOf, gap, estimateHeight, measured]);
  // A view of no height (the list is hidden: a closed <details>) draws, for a list opening at its start, what fills a
  // view from the top (drawnRange's own fallback is the last items: a chat opens at its newest).
  const range =
    view === null
      ? { start: 0, end: 0 }
      : startAt === 'start' && view.height <= 0
        ? drawnRange(tops, 0, 1, marginPx)
        : drawnRange(tops, view.end ? Math.max(0, (tops[items.length] ?? 0) - view.height) : view.top, view.height, marginPx);
  const keptIndex = focusedKey === null ? null : items.findIndex((item) => keyOf(item) === focusedKey);
  const layout = drawnLayout(tops, range, keptIndex, gap);

  const reportAtEnd = useCallback((value: boolean) => {
    if (atEnd.current === value) return;
    atEnd.current = value;
    onAtEnd.current?.(value);
  }, []);

  const readView = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    // A new width re-renders through the dropped heights (the ResizeObserver below), so the view keeps only what the range needs.
    // Set only when it moved: a set state in a layout effect renders the list again, even when it is the same.
    // At the end the range is the end's, so a top moved there (the list grown under a reader who stays at the end)
    // changes nothing drawn.
    const v = viewNow.current;
    if (v !== null && v.height === el.clientHeight && v.end === stick.current && (v.end || v.top === el.scrollTop)) return;
    viewNow.current = { top: el.scrollTop, height: el.clientHeight, end: stick.current };
    setView(viewNow.current);
  }, []);

  /** Focuses what focusItem asked for, if its item is drawn. */
  const focusDrawn = useCallback(() => {
    const want = focusNext.current;
    const ol = list.current;
    if (!want || !ol) return;
    const li = [...ol.children].find((c) => (c as HTMLElement).dataset.key === want.key);
    const target = li?.querySelector<HTMLElement>(want.selector);
    if (!target) return;
    focusNext.current = null;
    target.focus();
  }, []);

  useImperativeHandle(ref, () => ({
    scrollToEnd() {
      const el = scroller.current;
      if (!el) return;
      stick.current = true;
      el.scrollTop = el.scrollHeight;
      reportAtEnd(true);
      readView();
    },
    focus() {
      scroller.current?.focus({ preventScroll: true });
    },
    focusItem(key: string, selector: string) {
      focusNext.current = { key, selector };
      // Drawn as the kept item wherever it is; focused once drawn (the layout effect below).
      setFocusedKey(key);
      focusDrawn();
    },
    scrollToItem(key: string) {
      const el = scroller.current;
      const index = items.findIndex((item) => keyOf(item) === key);
      if (!el || index < 0) return;
      // To its estimated place; once drawn and measured, the anchor puts it exactly at the top.
      stick.current = false;
      anchor.current = { key, offset: 0, height: 0 };
      arm();
      el.scrollTop = tops[index] ?? 0;
      readView();
    },
  }), [readView, reportAtEnd, items, keyOf, tops, focusDrawn, arm]);

  /** Notes the first drawn item whose bottom is in view, and how far its top is from the view's top. */
  const recordAnchor = useCallback(() => {
    const el = scroller.current;
    const ol = list.current;
    if (!el || !ol) return;
    const viewTop = el.getBoundingClientRect().top;
    anchor.current = null;
    for (const li of ol.children) {
      const key = (li as HTMLElement).dataset.key;
      if (key === undefined) continue;
      const box = li.getBoundingClientRect();
      if (box.bottom > viewTop) {
        anchor.current = { key, offset: box.top - viewTop, height: box.height };
        break;
      }
    }
    if (memory) memory.place = { atEnd: atEnd.current, key: anchor.current?.key ?? null, offset: anchor.current?.offset ?? 0, height: anchor.current?.height ?? 0 };
  }, [memory]);

  // After every commit, before the paint: measure what was drawn; keep a reader at the end there, and any other
  // reader's first item where it was.
  useLayoutEffect(() => {
    const ol = list.current;
    const el = scroller.current;
    if (!ol || !el) return;
    // The first commit (nothing drawn): the gap between items is the stylesheet's, read with the view below.
    let gapBy = 0;
    if (viewNow.current === null) {
      const rowGap = parseFloat(getComputedStyle(ol).rowGap) || 0;
      gapBy = rowGap - gap;
      if (gapBy !== 0) setGap(rowGap);
    }
    let changed = false;
    for (const li of ol.children) {
      const key = (li as HTMLElement).dataset.key;
      if (key === undefined) continue;
      const h = li.getBoundingClientRect().height;
      if (Math.abs((heights.current.get(key) ?? -1) - h) > 0.5) {
        heights.current.set(key, h);
        changed = true;
      }
    }
    if (changed) setMeasured((m) => m + 1);
    if (stick.current) {
      if (el.scrollTop + el.clientHeight < el.scrollHeight - 1) el.scrollTop = el.scrollHeight;
    } else if (armed.current && anchor.current) {
      const kept = anchor.current;
      const li = [...ol.children].find((c) => (c as HTMLElement).dataset.key === kept.key);
      if (li) {
        seeks.current = 0;
        const box = li.getBoundingClientRect();
        const offset = kept.height > 0 ? (kept.offset * box.height) / kept.height : kept.offset;
        const moved = box.top - el.getBoundingClientRect().top - offset;
        if (Math.abs(moved) > 0.5) el.scrollTop += moved;
        // Settled: nothing drawn changed height in this commit, so the browser's anchoring can take over again.
        else if (!changed) disarm();
      } else {
        // Not drawn: the estimates moved it out of the drawn range (a new width drops every height). Go to where it
        // is estimated to be; the next commit draws it and puts it exactly where it was.
        const index = items.findIndex((item) => keyOf(item) === kept.key);
        if (index >= 0 && seeks.current < MAX_SEEKS) {
          seeks.current += 1;
          // `tops` were reckoned without the gap before it was read: each item lies one gap lower per item above it.
          el.scrollTop = (tops[index] ?? 0) + index * gapBy - kept.offset;
          readView();
          return;
        }
        seeks.current = 0;
        disarm();
      }
    }
    if (!armed.current) recordAnchor();
    readView();
    focusDrawn();
  });

  // A place restored from `memory`: the browser's anchoring stands down while the list seeks it, and the owner
  // learns the reader is not at the end (it may offer a way down).
  useLayoutEffect(() => {
    if (restore === null) return;
    arm();
    onAtEnd.current?.(false);
  }, [restore, arm]);

  // The view's size changes with the window (a new width wraps every message differently, so the measured heights are
  // dropped).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let width = el.clientWidth;
    // Heights kept from an earlier drawing at another width are no use here.
    if (memory && memory.width !== width) {
      if (heights.current.size > 0) {
        heights.current.clear();
        setMeasured((m) => m + 1);
      }
      memory.width = width;
    }
    const observer = new ResizeObserver(() => {
      if (el.clientWidth !== width) {
        width = el.clientWidth;
        if (memory) memory.width = width;
        if (!stick.current) arm();
        heights.current.clear();
        setMeasured((m) => m + 1);
      }
      readView();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [readView, arm, memory]);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    // A list that opens at its start follows nothing: its reader at the bottom stays put as items are added.
    const end = el.scrollTop + el.clientHeight >= el.scrollHeight - AT_END_SLACK;
    stick.current = end && startAt === 'end';
    reportAtEnd(end);
    if (!armed.current) recordAnchor();
    readView();
  }

  // Home on the focused scroller goes to the very top at once. The browser's own Home is a smooth scroll, and as the
  // items it passes are drawn and measured, scroll anchoring moves its target with them: it could stop a few items
  // short of the first (staff-lists-keep, once in a full run: the fourth reaction at the top). At the top nothing is
  // above the view to anchor, so measuring cannot move it. Keys pressed in an item (a field, a button) are theirs.
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    scrollerProps?.onKeyDown?.(e);
    const el = scroller.current;
    if (e.defaultPrevented || !el || e.target !== el || e.key !== 'Home' || e.altKey || e.shiftKey || e.metaKey) return;
    e.preventDefault();
    stick.current = false;
    disarm();
    el.scrollTop = 0;
    reportAtEnd(el.scrollHeight <= el.clientHeight + AT_END_SLACK);
    // The place is noted once the top items are drawn (the commit's layout effect and the scroll event).
    readView();
  }

  // Which item holds the focus: kept drawn while it does (focusin and focusout bubble; React's onFocus/onBlur are those).
  function onFocus(e: FocusEvent<HTMLOListElement>) {
    const key = (e.target as HTMLElement).closest<HTMLElement>('li[data-key]')?.dataset.key ?? null;
    setFocusedKey(key);
  }
  function onBlur(e: FocusEvent<HTMLOListElement>) {
    if (!list.current?.contains(e.relatedTarget as Node | null)) setFocusedKey(null);
  }

  const drawItem = (index: number) => {
    const item = items[index]!;
    const key = keyOf(item);
    const { className, attributes, content } = renderItem(item);
    return (
      // value: an ordered list's number is the item's place in the whole list, not among the drawn ones.
      <li key={key} data-key={key} className={className} value={index + 1} aria-posinset={index + 1} aria-setsize={items.length} {...attributes}>
        {content}
      </li>
    );
  };
  const run = ({ start, end }: { start: number; end: number }) => Array.from({ length: end - start }, (_, i) => drawItem(start + i));
  const [first, second] = layout.runs;
  return (
    <div {...scrollerProps} ref={scroller} onScroll={onScroll} onKeyDown={onKeyDown}>
      <ol {...listProps} ref={list} style={{ paddingTop: layout.before, paddingBottom: layout.after }} onFocus={onFocus} onBlur={onBlur}>
        {first ? run(first) : null}
        {second ? (
          <>
            <li key="interq-spacer" role="presentation" aria-hidden="true" style={{ height: layout.between, padding: 0, margin: 0, border: 0, background: 'none', listStyle: 'none' }} />
            {run(second)}
          </>
        ) : null}
      </ol>
    </div>
  );
}
