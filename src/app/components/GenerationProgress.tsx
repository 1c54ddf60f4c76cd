/** Live progress of "Sync with AI": a real progress bar, counts by source, and a way out. */
export interface ProgressState {
  fraction: number;
  message: string;
  llm: number;
  bank: number;
  rejected: number;
  fallback: string | null;
}

export function GenerationProgress({ state, onCancel }: { state: ProgressState; onCancel: () => void }) {
  const pct = Math.round(state.fraction * 100);
  return (
    <div className="generation" data-testid="generation-progress">
      <label htmlFor="gen-progress">{state.message}</label>
      <progress id="gen-progress" max={100} value={pct} aria-valuetext={`${pct}%`} />
      <p className="muted" aria-live="polite">
        {state.llm} from the AI service · {state.bank} from the offline bank
        {state.rejected > 0 ? ` · ${state.rejected} AI items rejected as incomplete` : ''}
      </p>
      {state.fallback && <p className="notice">{state.fallback}</p>}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
