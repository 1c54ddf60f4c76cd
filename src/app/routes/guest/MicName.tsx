/**
 * The microphone's name in "Microphone ready: <name>." on one line, cut short with an ellipsis when the line is too
 * narrow: a headset's name as the system gives it ("Headset Microphone (Jabra Evolve2 85 - USB Audio)") took a second
 * line on a phone as it arrived and pushed the check's controls down. The whole name stays the text (what a screen
 * reader says); cut short, it is also the hover title, and the keyboard can reach it, where it shows whole.
 */
import { useLayoutEffect, useRef, useState } from 'react';

export function MicName({ name }: { name: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Not while focused: shown whole then, it would read as not cut and leave the tab order under the keyboard.
    const check = () => {
      if (document.activeElement !== el) setCut(el.scrollWidth > el.clientWidth);
    };
    check();
    const sizes = new ResizeObserver(check);
    sizes.observe(el);
    el.addEventListener('blur', check);
    return () => {
      sizes.disconnect();
      el.removeEventListener('blur', check);
    };
  }, [name]);
  return (
    <span ref={ref} className="mic-name" title={cut ? name : undefined} tabIndex={cut ? 0 : undefined}>
      {name}
    </span>
  );
}
