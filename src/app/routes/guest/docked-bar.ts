/**
 * The room a bar docked over the bottom of the window takes (guest.css: the technical check's Continue, a
 * question's Next and Take a break). The page keeps that much room below its end and scrolls what the keyboard
 * focuses above it (`--docked-bar-height`). A fixed guess (5rem) was one row of buttons: where the last question's
 * "Finish interview" and "Take a break" do not fit side by side (about 330 px wide and below) the bar takes two
 * rows, and a control tabbed to near the page's end was scrolled to just above 5rem, under the bar's upper row.
 */
import { useLayoutEffect, type RefObject } from 'react';

export const DOCKED_BAR_HEIGHT = '--docked-bar-height';

export function useDockedBarRoom(bar: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    const measure = () => root.style.setProperty(DOCKED_BAR_HEIGHT, `${Math.ceil(element.getBoundingClientRect().height)}px`);
    measure();
    // Not every browser a candidate may use has it (Safari before 13.1): the stylesheet's fallback then stands.
    if (typeof ResizeObserver !== 'function') return () => root.style.removeProperty(DOCKED_BAR_HEIGHT);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty(DOCKED_BAR_HEIGHT);
    };
  }, [bar]);
}
