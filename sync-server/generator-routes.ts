/**
 * Plugs the question generator into the API. Kept apart so the server core does
 * not depend on the LLM client's details. Only hosts may generate: the model
 * costs money and the key is the server owner's.
 */
import type { ExtraRoute } from './http/api-routes';
import { sendJson } from './http/json';
import { handleGenerate, llmStatus, loadLlmConfig } from './llm';
import type { Logger } from './log';

export function generatorRoutes(env: NodeJS.ProcessEnv, log: Logger): ExtraRoute[] {
  // Invalid LLM settings throw ConfigError, which stops the server with one clear line.
  const config = loadLlmConfig(env);
  return [
    { method: 'POST', path: '/api/generate', auth: 'host', handle: (req, res) => handleGenerate(req, res, { config, log }) },
    { method: 'GET', path: '/api/generate/status', auth: 'host', handle: (_req, res) => sendJson(res, 200, llmStatus(config)) },
  ];
}
