import type { BankItem } from './bank-item';
import { MOBILE_ADVANCED } from './mobile/advanced';
import { MOBILE_EXPERT } from './mobile/expert';
import { MOBILE_STANDARD } from './mobile/standard';

/** Curated questions for the mobile archetype, one file per depth. Items may also be tagged with related archetypes. */
export const MOBILE_BANK: BankItem[] = [...MOBILE_STANDARD, ...MOBILE_ADVANCED, ...MOBILE_EXPERT];
