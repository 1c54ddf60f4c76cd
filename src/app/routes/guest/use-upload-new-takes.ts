/**
 * Tells the upload queue about every take that becomes an answer. The AI processor pokes it too, but a guest who
 * chose human review only has no processing step, and their answers must reach the server just the same.
 */
import { useEffect } from 'react';
import type { GuestRuntime } from '../../../guest/runtime';
import { activeUploadQueue } from '../../components/upload/active-upload-queue';

export function useUploadNewTakes(runtime: GuestRuntime | null): void {
  useEffect(() => {
    if (!runtime) return;
    let known = '';
    return runtime.session.subscribe((state) => {
      const answers = state.answers.map((a) => a.recordingId ?? '').join(',');
      if (answers === known) return;
      known = answers;
      activeUploadQueue()?.notifyNewTake();
    });
  }, [runtime]);
}
