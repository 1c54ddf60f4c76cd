/** What deleting an interview removed on the server: the DELETE routes' answer, read by the host's app (src/api/interviews-client.ts). */
export interface InterviewDeletion {
  interviewId: string;
  deletedAt: number;
  /** Who asked for it, as given by the caller (the token's subject and role, e.g. "host (host)"). */
  deletedBy: string;
  /** Distinct Yjs documents that had stored rows. */
  documents: number;
  recordings: number;
  recordingBytes: number;
  invitesRevoked: number;
  /** Sockets open on the interview's documents, closed with 4410. */
  connectionsClosed: number;
  /** True when the interview had already been deleted: nothing was done now, this is the earlier record. */
  alreadyDeleted: boolean;
}
