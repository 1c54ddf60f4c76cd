/**
 * A button that cannot be pressed now (busy, or nothing to do) but keeps the keyboard's focus: `aria-disabled`
 * instead of `disabled`, and its press refused. A button disabled under the focus drops it to the page's body at the
 * browser's next rendering step; on a slow phone it stayed there until the next screen took it, so a screen reader
 * had nothing to read and Tab began again at the page's top. Screen readers say "dimmed" or "unavailable" as for a
 * disabled button; the styles (styles.css) draw it as one. Whatever says why (a status: "Opening your interview…")
 * stays the caller's.
 *
 * A submit button's press is refused here, but a form also submits from Enter in a text field: its onSubmit must
 * check the same condition.
 */
import type { MouseEvent } from 'react';

export function unavailableButton(unavailable: boolean, press: () => void): { 'aria-disabled': true | undefined; onClick: (e: MouseEvent<HTMLButtonElement>) => void } {
  return {
    'aria-disabled': unavailable || undefined,
    onClick: (e) => {
      if (unavailable) e.preventDefault();
      else press();
    },
  };
}
