/**
 * `GET /api/ping`: an empty answer, so a guest's device can measure its round-trip time to the server for the
 * support console without touching the database (/healthz writes a row).
 */
import type { ExtraRoute } from '../http/api-routes';

export function healthRoutes(): ExtraRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/ping',
      auth: 'public',
      handle: (_req, res) => {
        res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
      },
    },
  ];
}
