/**
 * The guest's upload queue for the open interview, started by `useGuestUploadQueue`
 * and reachable from any upload status (its Retry button) without prop drilling.
 */
import type { UploadQueue } from '../../../upload/upload-queue';

let active: UploadQueue | null = null;

export function setActiveUploadQueue(queue: UploadQueue | null): void {
  active = queue;
}

export function activeUploadQueue(): UploadQueue | null {
  return active;
}
