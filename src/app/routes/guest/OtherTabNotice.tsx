/** Shown in a tab that does not run the guest's interview because another tab (or window) does. */
import type { TabLockState } from '../../../guest/tab-lock';
import { useLayoutEffect, useRef } from 'react';
import { unavailableButton } from '../../components/busy-button';

export function OtherTabNotice({ title, state, onTakeOver }: { title: string; state: TabLockState; onTakeOver: () => void }) {
  const handedOver = state.kind === 'handed-over';
  const asking = state.kind === 'elsewhere' && state.asking;
  const refusal = state.kind === 'elsewhere' ? state.refusal : null;
  // It takes the place of the screen this tab showed (the technical check, or the interview it handed over): the focus
  // starts here, as on any new screen, instead of falling to the page's body with the screen that held it. In the
  // commit that removes that screen (a layout effect), so the focus is never left on nothing in between.
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="card narrow" aria-labelledby="other-tab-title">
      <h1 id="other-tab-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p role="status">
        {handedOver
          ? 'You continued this interview in another tab. Your progress is saved there.'
          : 'This interview is open in another tab or window. Only one can run it at a time, so nothing you do is recorded twice.'}
      </p>
      {refusal ? (
        <p className="error" role="alert">
          Could not continue here: {refusal}.
        </p>
      ) : null}
      {/* Unavailable, not disabled, while the other tab is asked (up to 5 s): the focus stays on it, to press again
          after a refusal; the status says what it waits for. */}
      <button type="button" {...unavailableButton(asking, onTakeOver)}>
        Continue in this tab
      </button>
      {asking && (
        <p role="status" data-testid="take-over-asking">
          Asking the other tab…
        </p>
      )}
      <p className="hint">If you close the other tab, this one continues by itself.</p>
    </section>
  );
}
