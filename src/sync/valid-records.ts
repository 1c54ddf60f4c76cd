/**
 * Shared documents are written by other people's devices, so every record read back is checked against its schema
 * and the ones that fail are skipped: a buggy or hostile client cannot break another screen.
 */
import type { z } from '../domain/zod-mini';

export function validRecords<T>(schema: z.ZodMiniType<T>, values: Iterable<unknown>): T[] {
  const out: T[] = [];
  for (const v of values) {
    const parsed = schema.safeParse(v);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}
