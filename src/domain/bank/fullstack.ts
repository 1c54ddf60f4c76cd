import type { BankItem } from './bank-item';

/** Curated questions for the fullstack archetype. Items may also be tagged with related archetypes. */
export const FULLSTACK_BANK: BankItem[] = [];
