/**
 * Runs the guest's answer upload queue while the interview screen is open: it
 * starts on mount, listens for `online`, and stops (pausing any upload, which
 * resumes from the server's offset) on unmount.
 */
import { useEffect, useRef } from 'react';
import { createUploadQueue, type UploadQueueOptions } from '../../../upload/upload-queue';
import { activeUploadQueue, setActiveUploadQueue } from './active-upload-queue';

export type GuestUploadQueueOptions = Pick<UploadQueueOptions, 'interviewId' | 'token' | 'transcribeOn' | 'onUploaded'>;

export function useGuestUploadQueue(options: GuestUploadQueueOptions | null): void {
  // Callbacks change identity on every render; the queue reads the latest through this ref.
  const latest = useRef(options);
  latest.current = options;
  const interviewId = options?.interviewId ?? null;
  useEffect(() => {
    if (!interviewId) return;
    const queue = createUploadQueue({
      interviewId,
      token: async () => {
        const t = latest.current?.token;
        return typeof t === 'function' ? t() : (t ?? null);
      },
      transcribeOn: (take) => latest.current!.transcribeOn(take),
      onUploaded: (record) => latest.current?.onUploaded(record),
    });
    setActiveUploadQueue(queue);
    queue.start();
    return () => {
      queue.stop();
      if (activeUploadQueue() === queue) setActiveUploadQueue(null);
    };
  }, [interviewId]);
}
