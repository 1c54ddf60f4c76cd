import type { BankItem } from './bank-item';

/** Curated questions for the frontend archetype. Items may also be tagged with related archetypes. */
export const FRONTEND_BANK: BankItem[] = [];
