import type { z } from '../zod-mini';
import type { Question } from '../questions';

/** A bank entry as written by hand: schema defaults (source, time limits) may be omitted. */
export type BankItem = z.input<typeof Question>;
