/**
 * The curated offline question bank, answer keys included: JSON files under `items/<archetype>/<depth>.json`,
 * checked against the question schema by tests/unit/bank-validation.test.ts. An item tagged with several
 * archetypes or depths is offered to each.
 *
 * Never imported by the app: the build would ship every answer key to every guest. The server reads it
 * (GET /api/bank gives it to hosts, whose devices keep it for offline planning) and so do tests and scripts;
 * tests/integration/answer-keys-not-shipped.test.ts scans the build for it.
 */
import { Question } from '../questions';
import type { BankItem } from './bank-item';
import FrontendStandard from './items/frontend/standard.json' with { type: 'json' };
import FrontendAdvanced from './items/frontend/advanced.json' with { type: 'json' };
import FrontendExpert from './items/frontend/expert.json' with { type: 'json' };
import BackendStandard from './items/backend/standard.json' with { type: 'json' };
import BackendAdvanced from './items/backend/advanced.json' with { type: 'json' };
import BackendExpert from './items/backend/expert.json' with { type: 'json' };
import FullstackStandard from './items/fullstack/standard.json' with { type: 'json' };
import FullstackAdvanced from './items/fullstack/advanced.json' with { type: 'json' };
import FullstackExpert from './items/fullstack/expert.json' with { type: 'json' };
import MobileStandard from './items/mobile/standard.json' with { type: 'json' };
import MobileAdvanced from './items/mobile/advanced.json' with { type: 'json' };
import MobileExpert from './items/mobile/expert.json' with { type: 'json' };
import DataEngineerStandard from './items/data-engineer/standard.json' with { type: 'json' };
import DataEngineerAdvanced from './items/data-engineer/advanced.json' with { type: 'json' };
import DataEngineerExpert from './items/data-engineer/expert.json' with { type: 'json' };
import DataScientistStandard from './items/data-scientist/standard.json' with { type: 'json' };
import DataScientistAdvanced from './items/data-scientist/advanced.json' with { type: 'json' };
import DataScientistExpert from './items/data-scientist/expert.json' with { type: 'json' };
import MlEngineerStandard from './items/ml-engineer/standard.json' with { type: 'json' };
import MlEngineerAdvanced from './items/ml-engineer/advanced.json' with { type: 'json' };
import MlEngineerExpert from './items/ml-engineer/expert.json' with { type: 'json' };
import DevopsSreStandard from './items/devops-sre/standard.json' with { type: 'json' };
import DevopsSreAdvanced from './items/devops-sre/advanced.json' with { type: 'json' };
import DevopsSreExpert from './items/devops-sre/expert.json' with { type: 'json' };
import QaAutomationStandard from './items/qa-automation/standard.json' with { type: 'json' };
import QaAutomationAdvanced from './items/qa-automation/advanced.json' with { type: 'json' };
import QaAutomationExpert from './items/qa-automation/expert.json' with { type: 'json' };
import SecurityEngineerStandard from './items/security-engineer/standard.json' with { type: 'json' };
import SecurityEngineerAdvanced from './items/security-engineer/advanced.json' with { type: 'json' };
import SecurityEngineerExpert from './items/security-engineer/expert.json' with { type: 'json' };

/** Bank order (archetype, then depth) is part of the planner's contract: a seed picks the same plan everywhere. */
const FILES: readonly (readonly unknown[])[] = [
  FrontendStandard,
  FrontendAdvanced,
  FrontendExpert,
  BackendStandard,
  BackendAdvanced,
  BackendExpert,
  FullstackStandard,
  FullstackAdvanced,
  FullstackExpert,
  MobileStandard,
  MobileAdvanced,
  MobileExpert,
  DataEngineerStandard,
  DataEngineerAdvanced,
  DataEngineerExpert,
  DataScientistStandard,
  DataScientistAdvanced,
  DataScientistExpert,
  MlEngineerStandard,
  MlEngineerAdvanced,
  MlEngineerExpert,
  DevopsSreStandard,
  DevopsSreAdvanced,
  DevopsSreExpert,
  QaAutomationStandard,
  QaAutomationAdvanced,
  QaAutomationExpert,
  SecurityEngineerStandard,
  SecurityEngineerAdvanced,
  SecurityEngineerExpert,
];

export const RAW_BANK: readonly BankItem[] = FILES.flat() as BankItem[];

let parsed: Question[] | null = null;

/** The bank with schema defaults applied. Parsing is lazy so importing this module stays cheap. */
export function questionBank(): readonly Question[] {
  parsed ??= RAW_BANK.map((item) => Question.parse(item));
  return parsed;
}
