import type { BankItem } from './bank-item';
import { SECURITY_ENGINEER_STANDARD } from './security-engineer/standard';
import { SECURITY_ENGINEER_ADVANCED } from './security-engineer/advanced';
import { SECURITY_ENGINEER_EXPERT } from './security-engineer/expert';

/** Curated questions for the security-engineer archetype. Items may also be tagged with related archetypes. */
export const SECURITY_ENGINEER_BANK: BankItem[] = [
  ...SECURITY_ENGINEER_STANDARD,
  ...SECURITY_ENGINEER_ADVANCED,
  ...SECURITY_ENGINEER_EXPERT,
];
