import type { BankItem } from './bank-item';

/** Curated questions for the qa-automation archetype. Items may also be tagged with related archetypes. */
export const QA_AUTOMATION_BANK: BankItem[] = [];
