import type { BankItem } from './bank-item';
import { DEVOPS_SRE_STANDARD } from './devops-sre/standard';
import { DEVOPS_SRE_ADVANCED } from './devops-sre/advanced';
import { DEVOPS_SRE_EXPERT } from './devops-sre/expert';

/** Curated questions for the devops-sre archetype. Items may also be tagged with related archetypes. */
export const DEVOPS_SRE_BANK: BankItem[] = [...DEVOPS_SRE_STANDARD, ...DEVOPS_SRE_ADVANCED, ...DEVOPS_SRE_EXPERT];
