/**
 * Completes a plan the cloud generator (or the host) only partly filled: each
 * kind is topped up to the planned count from the bank.
 */
import type { Question } from '../questions';
import { bankAdditions } from './fill';
import type { PlanRequest } from './types';

/**
 * `partial` first, unchanged and in its order, then bank items not already present
 * (by id or near-identical prompt), topic-balanced against what `partial` covers.
 * Additions stop short of the planned count when the plan would otherwise run
 * past the requested duration; given questions are never dropped.
 */
export function topUpFromBank(req: PlanRequest, partial: readonly Question[]): Question[] {
  return [...partial, ...bankAdditions(req, partial)];
}
