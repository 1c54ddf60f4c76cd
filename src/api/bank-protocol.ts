/**
 * GET /api/bank: the whole question bank with its answer keys, for hosts only (a guest's or staff member's
 * token is refused). The host's device keeps the body in IndexedDB and plans from it offline.
 */
export const BANK_ENDPOINT = '/api/bank';

export interface BankResponse {
  /** Changes whenever any item changes; also the response's ETag (quoted). */
  version: string;
  /** Bank items as written (schema defaults may be omitted): the device checks each with the question schema. */
  items: readonly unknown[];
}
