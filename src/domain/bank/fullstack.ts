import type { BankItem } from './bank-item';
import { FULLSTACK_ADVANCED } from './fullstack/advanced';
import { FULLSTACK_EXPERT } from './fullstack/expert';
import { FULLSTACK_STANDARD } from './fullstack/standard';

/** Curated questions for the fullstack archetype, one file per depth. Items may also be tagged with related archetypes. */
export const FULLSTACK_BANK: BankItem[] = [...FULLSTACK_STANDARD, ...FULLSTACK_ADVANCED, ...FULLSTACK_EXPERT];
