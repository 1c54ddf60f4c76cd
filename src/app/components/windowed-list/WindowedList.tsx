/**
 * A scrolling list that draws only the items in view (and a margin around it), for lists long enough that drawing
 * every item costs seconds: a live session's staff chat holds thousands of messages of up to 2,000 characters.
 *
 * - Heights differ per item: each drawn item is measured after the commit (before the browser paints); items not
 *   drawn count as the mean measured height. Space for the undrawn items is padding on the list, so the scrollbar,
 *   the keyboard (arrows, Page Up/Down, Home/End on the focusable scroller) and the mouse scroll the whole list.
 * - It sticks to the end: while the reader is at the bottom, items added there keep it at the bottom; a reader who
 *   scrolled up stays where they are (the browser's scroll anchoring keeps the items in view still as heights above
 *   them are measured) and `onAtEndChange` tells the owner, which can offer a way down (`scrollToEnd`).
 * - Reading order stays the list's: the drawn items are in order, each with its place in the whole list
 *   (aria-posinset / aria-setsize) for screen readers. What is not drawn cannot be found with the browser's find in
 *   page: a list that needs that gives its own search (ChatPanel does).
 */
import { useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { drawnRange, estimatedHeight, itemTops } from './window-range';

export interface WindowedListHandle {
  /** Scrolls to the last item and sticks there as items are added. */
  scrollToEnd(): void;
  /** Moves the keyboard's focus to the scroller (which the arrow keys then scroll). */
  focus(): void;
}

interface Props<T> {
  items: readonly T[];
  keyOf: (item: T) => string;
  /** The list item's attributes (class, data-*) and content. */
  renderItem: (item: T) => { className?: string; attributes?: Record<string, string>; content: ReactNode };
  /** Attributes of the scrolling element (role, label, tabIndex, …). */
  scrollerProps: HTMLAttributes<HTMLDivElement> & { 'data-testid'?: string };
  /** Height assumed for an item before any is measured, in px. */
  estimateHeight: number;
  /** Drawn beyond the view on each side, in px. */
  marginPx?: number;
  onAtEndChange?: (atEnd: boolean) => void;
  ref?: Ref<WindowedListHandle>;
}

/** How close to the bottom counts as at the bottom, in px (a fraction of a line; zoom rounds scroll positions). */
const AT_END_SLACK = 8;

export function WindowedList<T>({ items, keyOf, renderItem, scrollerProps, estimateHeight, marginPx = 600, onAtEndChange, ref }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const [view, setView] = useState({ top: 0, height: 0 });
  const [gap, setGap] = useState(0);
  const stick = useRef(true);
  const atEnd = useRef(true);
  const onAtEnd = useRef(onAtEndChange);
  onAtEnd.current = onAtEndChange;

  const tops = useMemo(() => {
    const fallback = estimatedHeight(heights.current.values(), estimateHeight);
    return itemTops(items.length, (i) => heights.current.get(keyOf(items[i]!)) ?? fallback, gap);
    // `measured` changes whenever a height in the (mutable) map does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, keyOf, gap, estimateHeight, measured]);
  const range = drawnRange(tops, view.top, view.height, marginPx);
  const total = tops[items.length] ?? 0;
  // The undrawn items' room: before the first drawn, their heights and gaps; after the last drawn, theirs and the gap
  // between it and them (tops[end] counts that gap already).
  const before = tops[range.start] ?? 0;
  const after = range.end < items.length ? total - tops[range.end]! + gap : 0;

  const reportAtEnd = useCallback((value: boolean) => {
    if (atEnd.current === value) return;
    atEnd.current = value;
    onAtEnd.current?.(value);
  }, []);

  const readView = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    // A new width re-renders through the dropped heights (the ResizeObserver below), so the view keeps only what the range needs.
    setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
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
  }), [readView, reportAtEnd]);

  // After every commit, before the paint: measure what was drawn; keep a reader at the end there.
  useLayoutEffect(() => {
    const ol = list.current;
    const el = scroller.current;
    if (!ol || !el) return;
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
    if (stick.current && el.scrollTop + el.clientHeight < el.scrollHeight - 1) el.scrollTop = el.scrollHeight;
    readView();
  });

  // The gap between items is the stylesheet's; the view's size changes with the window (a new width wraps every
  // message differently, so the measured heights are dropped).
  useLayoutEffect(() => {
    const el = scroller.current;
    const ol = list.current;
    if (!el || !ol) return;
    setGap(parseFloat(getComputedStyle(ol).rowGap) || 0);
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth !== width) {
        width = el.clientWidth;
        heights.current.clear();
        setMeasured((m) => m + 1);
      }
      readView();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [readView]);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    const end = el.scrollTop + el.clientHeight >= el.scrollHeight - AT_END_SLACK;
    stick.current = end;
    reportAtEnd(end);
    readView();
  }

  const drawn = items.slice(range.start, range.end);
  return (
    <div {...scrollerProps} ref={scroller} onScroll={onScroll}>
      <ol ref={list} style={{ paddingTop: before, paddingBottom: after }}>
        {drawn.map((item, i) => {
          const key = keyOf(item);
          const { className, attributes, content } = renderItem(item);
          return (
            <li key={key} data-key={key} className={className} aria-posinset={range.start + i + 1} aria-setsize={items.length} {...attributes}>
              {content}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
