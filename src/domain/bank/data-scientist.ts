import type { BankItem } from './bank-item';

/** Curated questions for the data-scientist archetype. Items may also be tagged with related archetypes. */
export const DATA_SCIENTIST_BANK: BankItem[] = [];
