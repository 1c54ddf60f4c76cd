/** DELETE /api/interviews/<id>: the host deletes an interview with its recordings and documents (delete-interview.ts). */
import type { ExtraRoute } from '../http/api-routes';
import { HttpError, sendJson } from '../http/json';
import { SESSION_ID_PATTERN } from '../../src/domain/interview';
import { deleteInterview, InterviewNotFoundError, type DeleteInterviewDeps, type DeletedInterviews } from './delete-interview';

export function deleteInterviewRoute(deps: DeleteInterviewDeps, deleted: DeletedInterviews): ExtraRoute {
  return {
    method: 'DELETE',
    path: /^\/api\/interviews\/([^/]+)$/,
    auth: 'host',
    async handle(_req, res, ctx) {
      const id = decodeURIComponent(ctx.params[0]!);
      if (!SESSION_ID_PATTERN.test(id)) throw new HttpError(404, 'There is no interview with that name on this server.');
      try {
        const by = `${ctx.claims!.sub} (${ctx.claims!.role})`;
        sendJson(res, 200, await deleteInterview(deps, deleted, id, by, ctx.epoch));
      } catch (err) {
        if (err instanceof InterviewNotFoundError) throw new HttpError(404, 'This server holds nothing of that interview: it was never published here.');
        throw err;
      }
    },
  };
}
