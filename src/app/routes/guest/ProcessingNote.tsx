/** Where a recorded answer is in the processing queue (transcription and first-pass scoring). */
import type { GuestRuntime } from '../../../guest/runtime';
import { useProcessingView } from './guest-hooks';

export function ProcessingNote({ runtime, questionId }: { runtime: GuestRuntime; questionId: string }) {
  const view = useProcessingView(runtime);
  const running = view.running === questionId;
  const retry = view.retrying[questionId];
  return (
    <p className="processing-note" role="status" aria-live="polite" data-testid="processing-note" data-processing={running ? 'running' : 'waiting'}>
      <span className="spinner" aria-hidden="true" />
      {running
        ? 'Processing your answer (transcription)…'
        : retry
          ? `Processing will be retried shortly (${retry}).`
          : view.processorAvailable
            ? 'Queued for transcription.'
            : 'Waiting for transcription: your answer is saved and queued on this device.'}{' '}
      You can go on to the next question.
    </p>
  );
}
