import type { BankItem } from './bank-item';

/** Curated questions for the backend archetype. Items may also be tagged with related archetypes. */
export const BACKEND_BANK: BankItem[] = [];
