/** Shown in a tab that does not run the guest's interview because another tab (or window) does. */
import type { TabLockState } from '../../../guest/tab-lock';

export function OtherTabNotice({ title, state, onTakeOver }: { title: string; state: TabLockState; onTakeOver: () => void }) {
  const handedOver = state.kind === 'handed-over';
  const asking = state.kind === 'elsewhere' && state.asking;
  const refusal = state.kind === 'elsewhere' ? state.refusal : null;
  return (
    <section className="card narrow" aria-labelledby="other-tab-title">
      <h1 id="other-tab-title">{title}</h1>
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
      <button type="button" onClick={onTakeOver} disabled={asking} aria-busy={asking}>
        {asking ? 'Asking the other tab…' : 'Continue in this tab'}
      </button>
      <p className="hint">If you close the other tab, this one continues by itself.</p>
    </section>
  );
}
