import type { BankItem } from './bank-item';
import { FRONTEND_ADVANCED } from './frontend/advanced';
import { FRONTEND_EXPERT } from './frontend/expert';
import { FRONTEND_STANDARD } from './frontend/standard';

/** Curated questions for the frontend archetype, one file per depth. Items may also be tagged with related archetypes. */
export const FRONTEND_BANK: BankItem[] = [...FRONTEND_STANDARD, ...FRONTEND_ADVANCED, ...FRONTEND_EXPERT];
