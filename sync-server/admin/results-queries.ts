/**
 * Paginated, filtered, sorted queries over the results read model
 * (results-projection.ts). Query parameters are validated here: a bad one is a
 * 400 with a sentence, never an SQL fragment (sort columns come from a fixed map).
 */
import type { Db } from '../db/open';
import { INTERVIEW_STATUSES } from '../../src/domain/wrap-up/status';
import { STATUS_EXPR, STATUS_JOIN, STATUS_ORDER_EXPR } from './status-sql';
import { HttpError } from '../http/json';

export const SORTS = {
  started: 'r.started_at',
  ai: 'r.ai_score',
  human: 'r.human_score',
  title: 'r.title',
  status: STATUS_ORDER_EXPR,
  /** The candidate's name is read from the guest's invite (results-queries list). */
  candidate: 'candidate',
} as const;
export type SortKey = keyof typeof SORTS;
export const REVIEW_STATES = ['pending', 'done', 'none'] as const;
export const MAX_PAGE = 200;

export interface ListQuery {
  q: string | null;
  status: string | null;
  archetype: string | null;
  review: string | null;
  interviewIds: string[] | null;
  sort: SortKey;
  dir: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface ResultRow {
  interviewId: string;
  candidate: string | null;
  title: string;
  archetype: string;
  depth: string;
  startedAt: number | null;
  completedAt: number | null;
  status: string;
  humanReviewOnly: boolean;
  questions: number;
  answered: number;
  aiScore: number | null;
  humanScore: number | null;
  ratedAnswers: number;
  reviewState: string;
  incidents: number;
  interactions: number;
  minutes: number | null;
  recommendation: string | null;
  synthesisKind: string | null;
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const raw = params.get(name);
    if (raw === null || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, `${name} must be a whole number from ${min} to ${max}.`);
    return n;
  };
  const sort = params.get('sort') ?? 'started';
  if (!(sort in SORTS)) throw new HttpError(400, `sort must be one of ${Object.keys(SORTS).join(', ')}.`);
  const dir = params.get('dir') ?? (sort === 'title' || sort === 'candidate' ? 'asc' : 'desc');
  if (dir !== 'asc' && dir !== 'desc') throw new HttpError(400, 'dir must be asc or desc.');
  const status = params.get('status') || null;
  if (status && !(INTERVIEW_STATUSES as readonly string[]).includes(status)) throw new HttpError(400, `status must be one of ${INTERVIEW_STATUSES.join(', ')}.`);
  const review = params.get('review') || null;
  if (review && !(REVIEW_STATES as readonly string[]).includes(review)) throw new HttpError(400, `review must be one of ${REVIEW_STATES.join(', ')}.`);
  const q = (params.get('q') ?? '').trim().slice(0, 200) || null;
  const ids = params.get('ids');
  return {
    q,
    status,
    archetype: params.get('archetype') || null,
    review,
    interviewIds: ids ? ids.split(',').filter(Boolean).slice(0, 100) : null,
    sort: sort as SortKey,
    dir,
    offset: int('offset', 0, 0, 10_000_000),
    limit: int('limit', 50, 1, MAX_PAGE),
  };
}

const hasTable = (db: Db, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

export function createResultsQueries(db: Db) {
  const candidateSql = `(SELECT subject FROM invites i WHERE i.interview_id = r.interview_id AND i.role = 'guest' ORDER BY i.created_at DESC LIMIT 1)`;

  function synthesisSql(): { rec: string; kind: string } {
    // The synthesis engineer's table (issue #13); absent on servers without it.
    if (!hasTable(db, 'syntheses')) return { rec: 'NULL', kind: 'NULL' };
    const latest = `(SELECT %s FROM syntheses s WHERE s.interview_id = r.interview_id AND s.state = 'done' ORDER BY s.id DESC LIMIT 1)`;
    return {
      rec: latest.replace('%s', "json_extract(s.result_json, '$.recommendation')"),
      kind: latest.replace('%s', 's.kind'),
    };
  }

  function list(query: ListQuery, scope: string): { total: number; offset: number; limit: number; rows: ResultRow[] } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (scope !== '*') {
      where.push('r.interview_id = @scope');
      args.scope = scope;
    }
    if (hasTable(db, 'deleted_interviews')) where.push('r.interview_id NOT IN (SELECT id FROM deleted_interviews)');
    const syn = synthesisSql();
    if (query.status) {
      where.push(`${STATUS_EXPR} = @status`);
      args.status = query.status;
    }
    if (query.archetype) {
      where.push('r.archetype = @archetype');
      args.archetype = query.archetype;
    }
    if (query.review) {
      where.push('r.review_state = @review');
      args.review = query.review;
    }
    if (query.interviewIds) {
      where.push(`r.interview_id IN (${query.interviewIds.map((_, i) => `@id${i}`).join(', ')})`);
      query.interviewIds.forEach((id, i) => (args[`id${i}`] = id));
    }
    if (query.q) {
      where.push(`(r.title LIKE @q ESCAPE '\\' OR r.interview_id LIKE @q ESCAPE '\\' OR ${candidateSql} LIKE @q ESCAPE '\\')`);
      args.q = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM admin_results r ${STATUS_JOIN} ${whereSql}`).get(args) as { n: number }).n;
    // NULLs last whatever the direction; the interview id breaks ties so pages never overlap.
    const col = query.sort === 'candidate' ? candidateSql : SORTS[query.sort];
    const order = `${col} IS NULL, ${col} ${query.dir.toUpperCase()}, r.interview_id ASC`;
    // The page is chosen first from what the list filters and sorts on; the costly columns (the candidate's name,
    // the recommendation read out of the synthesis's JSON) are then read for that page's rows only. In one query
    // SQLite computed them for every interview before sorting: 10,000 JSON reads for a page of 100.
    const rows = db
      .prepare(
        `WITH page AS MATERIALIZED (
           SELECT r.interview_id FROM admin_results r ${STATUS_JOIN} ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset
         )
         SELECT r.interview_id AS interviewId, ${candidateSql} AS candidate, r.title, r.archetype, r.depth,
                r.started_at AS startedAt, r.completed_at AS completedAt, ${STATUS_EXPR} AS status,
                r.human_review_only AS humanReviewOnly, r.questions, r.answered, r.ai_score AS aiScore,
                r.human_score AS humanScore, r.rated_answers AS ratedAnswers, r.review_state AS reviewState,
                r.incidents, r.interactions, r.minutes, ${syn.rec} AS recommendation, ${syn.kind} AS synthesisKind
         FROM page JOIN admin_results r ON r.interview_id = page.interview_id ${STATUS_JOIN} ORDER BY ${order}`,
      )
      .all({ ...args, limit: query.limit, offset: query.offset }) as Array<Omit<ResultRow, 'humanReviewOnly'> & { humanReviewOnly: number }>;
    return { total, offset: query.offset, limit: query.limit, rows: rows.map((r) => ({ ...r, humanReviewOnly: r.humanReviewOnly === 1 })) };
  }

  return { list };
}

export type ResultsQueries = ReturnType<typeof createResultsQueries>;
