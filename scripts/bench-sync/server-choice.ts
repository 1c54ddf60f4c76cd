/**
 * Which of our servers bench:sync runs (`--server app|collab`):
 *
 * - `app` (the default, the figure of record): tests/support/app-process.ts, the whole server as `npm start` composes
 *   it (sync-server/app-server.ts startAppServer), so every stored update also goes through production's hooks: the
 *   results projection (projector.ts, a digest of the document and its interview's rows, in a transaction every 25 ms),
 *   the wrap-up's status projection (a read of the interview's documents 250 ms after its last change), the
 *   interview index and the staff-transcript relay. Its per-update CPU is what a deployment pays.
 * - `collab`: tests/support/collab-process.ts, the collab server with no hooks at all (the bench's server before
 *   stop 22): sync and storage alone, to compare with the reference server's bare relay or to see what the hooks cost.
 */
export type OurServer = 'app' | 'collab';

export const OUR_SERVER_SCRIPTS: Record<OurServer, string> = {
  app: 'tests/support/app-process.ts',
  collab: 'tests/support/collab-process.ts',
};

/** `--server` as given (empty: the default); throws with the words to print for anything else. */
export function parseOurServer(raw: string): OurServer {
  if (raw === '' || raw === 'app') return 'app';
  if (raw === 'collab') return 'collab';
  throw new Error(`--server ${raw}: use app (the whole server as npm start composes it, with its hooks: the default) or collab (the collab server alone, no hooks)`);
}

/** The header's words for it. */
export function describeOurServer(server: OurServer): string {
  return server === 'app'
    ? "ours as npm start composes it (app-server.ts: the projector's, wrap-up's, index's and relay's hooks on every stored update)"
    : 'ours as the collab server alone (no hooks: no projections, status, index or relay)';
}
