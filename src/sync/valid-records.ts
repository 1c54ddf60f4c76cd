/**
 * Shared documents are written by other people's devices, so every record read back is checked against its schema
 * and the ones that fail are skipped: a buggy or hostile client cannot break another screen.
 *
 * Each check is remembered per record: a record stored in a Y.Array or Y.Map as a plain value (Yjs' ContentAny) is
 * the same object every time the document is read, and it never changes (an edit stores a new value), so its verdict
 * cannot change either. Readers run over whole documents many times: the server's hooks read the staff document's
 * every reaction after each stored update (the results digest, the wrap-up's status), so an interview's hour of
 * reactions was validated again on every one of them (zod parses were a fifth of the server's CPU at bench:sync's 100
 * sessions). Y types (a nested Y.Map) change in place, so they are checked every time. What a remembered check
 * returns is shared by every caller, so it is frozen: a caller that tried to change it would throw instead of
 * changing what the next reader sees.
 */
import type { z } from '../domain/zod-mini';
import { deepFreeze } from './deep-freeze';

type Verdict = { ok: true; data: unknown } | { ok: false };

/** Per schema, the verdict on each plain record it has checked; records collected with their document. */
const verdicts = new WeakMap<object, WeakMap<object, Verdict>>();

/** A plain object or array as Yjs hands back a stored value (never a Y type, whose content changes in place). */
function isPlainValue(v: unknown): v is object {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function verdictOf(schema: z.ZodMiniType<unknown>, v: unknown): Verdict {
  const parsed = schema.safeParse(v);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false };
}

export function validRecords<T>(schema: z.ZodMiniType<T>, values: Iterable<unknown>): T[] {
  let known = verdicts.get(schema);
  if (!known) verdicts.set(schema, (known = new WeakMap()));
  const out: T[] = [];
  for (const v of values) {
    let verdict: Verdict | undefined;
    if (isPlainValue(v)) {
      verdict = known.get(v);
      if (!verdict) {
        verdict = verdictOf(schema, v);
        if (verdict.ok) deepFreeze(verdict.data);
        known.set(v, verdict);
      }
    } else verdict = verdictOf(schema, v);
    if (verdict.ok) out.push(verdict.data as T);
  }
  return out;
}
