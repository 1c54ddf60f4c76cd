/**
 * `/api/ping` (sync-server/http/ping-route.ts): a bare GET answers empty, so a guest's device can measure its
 * round-trip time to the server for the support console without touching the database (/healthz writes a row);
 * the technical check also times a small download and upload on it.
 */
import type { ExtraRoute } from '../http/api-routes';
import { pingRoutes } from '../http/ping-route';

export function healthRoutes(): ExtraRoute[] {
  return pingRoutes();
}
