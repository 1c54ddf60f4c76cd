import type { BankItem } from './bank-item';

/** Curated questions for the mobile archetype. Items may also be tagged with related archetypes. */
export const MOBILE_BANK: BankItem[] = [];
