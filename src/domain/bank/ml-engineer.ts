import type { BankItem } from './bank-item';

/** Curated questions for the ml-engineer archetype. Items may also be tagged with related archetypes. */
export const ML_ENGINEER_BANK: BankItem[] = [];
