import type { BankItem } from './bank-item';

/** Curated questions for the security-engineer archetype. Items may also be tagged with related archetypes. */
export const SECURITY_ENGINEER_BANK: BankItem[] = [];
