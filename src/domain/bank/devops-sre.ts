import type { BankItem } from './bank-item';

/** Curated questions for the devops-sre archetype. Items may also be tagged with related archetypes. */
export const DEVOPS_SRE_BANK: BankItem[] = [];
