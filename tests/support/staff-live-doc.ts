/**
 * A staff document's LiveDoc on a real SQLite file, with in-memory peers that keep what they are sent: for tests of
 * LiveDoc's own path (apply, store, relay) without sockets. Each write commits as it is queued (no turn transaction).
 */
import * as Y from 'yjs';
import type { Db } from '../../sync-server/db/open';
import { SqliteDocumentStorage } from '../../sync-server/storage/sqlite-document-storage';
import { LiveDoc, type Peer } from '../../sync-server/collab/live-doc';
import { DEFAULT_PERSISTENCE } from '../../sync-server/collab/limits';
import { DOC_SCHEMAS } from '../../src/domain/doc-schema';

export const STAFF_DOC_NAME = 'acme-frontend-1.staff';

/** A peer that may read and write, recording every message sent to it. */
export interface RecordingPeer extends Peer {
  sent: Uint8Array[];
}

export function recordingPeer(): RecordingPeer {
  return {
    writer: true,
    reader: true,
    sent: [],
    send(message) {
      this.sent.push(message);
    },
  };
}

/** A new, empty staff document live on `db`; `log` hears LiveDoc's messages. */
export function staffLiveDoc(db: Db, log: (msg: string) => void = () => undefined): LiveDoc {
  return new LiveDoc(STAFF_DOC_NAME, 'acme-frontend-1', 'staff', new Y.Doc(), { updates: 0, lastSeq: 0, bytes: 0, owners: new Map() }, DOC_SCHEMAS.staff.caps, {
    store: new SqliteDocumentStorage(db),
    persistence: DEFAULT_PERSISTENCE,
    log: (_level, msg) => log(msg),
    onMaybeIdle: () => undefined,
  });
}
