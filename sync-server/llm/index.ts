/** The cloud question generator: configuration, status for the app, and the POST /api/generate handler. */
export { loadLlmConfig, llmStatus, type LlmConfig, type LlmStatus } from './config';
export { handleGenerate, type GenerateHandlerDeps } from './handler';
export type { LlmLog } from './types';
