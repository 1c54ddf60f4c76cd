/** Interview planning: how many questions of which kind, and which ones from the offline bank. */
export type { PlanMix, PlanRequest } from './types';
export { planMix, nominalMix, describeMix } from './mix';
export { bankFor, hasQuestionBank, installQuestionBank, type BankSlice } from './bank-query';
export { generateOfflinePlan, regenerateQuestion, canRegenerate, regenerableKinds } from './offline-generator';
export { topUpFromBank } from './top-up';
export { estimateMinutes, mixOfPlan, questionMinutes, BANK_MINIMUM, NOMINAL_MINUTES, SETUP_MINUTES } from './timing';
export { BankExhaustedError, BankNotLoadedError } from './errors';
export { isNearDuplicateText } from './near-duplicate';
export { CODING_FROM_MINUTES, codingRequired, describeCodingRule } from './coding-rule';
