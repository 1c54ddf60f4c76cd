import type { BankItem } from './bank-item';

/** Curated questions for the data-engineer archetype. Items may also be tagged with related archetypes. */
export const DATA_ENGINEER_BANK: BankItem[] = [];
