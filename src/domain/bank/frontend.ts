import type { BankItem } from './bank-item';
import { FRONTEND_STANDARD } from './frontend/standard';

/** Curated questions for the frontend archetype. Items may also be tagged with related archetypes. */
export const FRONTEND_BANK: BankItem[] = [...FRONTEND_STANDARD];
