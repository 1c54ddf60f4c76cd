/**
 * The curated offline question bank. Each archetype file holds items written for
 * that role; an item tagged with several archetypes or depths is offered to each.
 */
import { Question } from '../questions';
import type { BankItem } from './bank-item';
import { FRONTEND_BANK } from './frontend';
import { BACKEND_BANK } from './backend';
import { FULLSTACK_BANK } from './fullstack';
import { MOBILE_BANK } from './mobile';
import { DATA_ENGINEER_BANK } from './data-engineer';
import { DATA_SCIENTIST_BANK } from './data-scientist';
import { ML_ENGINEER_BANK } from './ml-engineer';
import { DEVOPS_SRE_BANK } from './devops-sre';
import { QA_AUTOMATION_BANK } from './qa-automation';
import { SECURITY_ENGINEER_BANK } from './security-engineer';

export const RAW_BANK: readonly BankItem[] = [
  ...FRONTEND_BANK,
  ...BACKEND_BANK,
  ...FULLSTACK_BANK,
  ...MOBILE_BANK,
  ...DATA_ENGINEER_BANK,
  ...DATA_SCIENTIST_BANK,
  ...ML_ENGINEER_BANK,
  ...DEVOPS_SRE_BANK,
  ...QA_AUTOMATION_BANK,
  ...SECURITY_ENGINEER_BANK,
];

let parsed: Question[] | null = null;

/** The bank with schema defaults applied. Parsing is lazy so importing this module stays cheap. */
export function questionBank(): readonly Question[] {
  parsed ??= RAW_BANK.map((item) => Question.parse(item));
  return parsed;
}
