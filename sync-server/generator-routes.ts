/**
 * Plugs the question generator into the API. Kept apart so the server core does
 * not depend on the LLM client's details.
 */
import type { ServerConfig } from './config';
import type { ExtraRoute } from './http/api-routes';
import type { Logger } from './log';

export function generatorRoutes(_config: ServerConfig, _log: Logger): ExtraRoute[] {
  return [];
}
