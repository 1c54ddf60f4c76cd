import type { BankItem } from './bank-item';
import { BACKEND_STANDARD } from './backend/standard';
import { BACKEND_ADVANCED } from './backend/advanced';
import { BACKEND_EXPERT } from './backend/expert';

/** Curated questions for the backend archetype. Items may also be tagged with related archetypes. */
export const BACKEND_BANK: BankItem[] = [...BACKEND_STANDARD, ...BACKEND_ADVANCED, ...BACKEND_EXPERT];
