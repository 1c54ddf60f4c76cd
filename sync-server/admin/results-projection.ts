/**
 * The results read model of the admin dashboard (issue #14), a projection
 * (projections/projection.ts) of each interview's plan, stage, assessment,
 * staff, audience and moderation documents:
 *
 * - `admin_digests`: one small digest per document (digests.ts);
 * - `admin_results`: one row per candidate interview with what the list
 *   filters and sorts on (archetype, dates, AI and human scores, review
 *   state, incidents, interactions);
 * - `admin_answers`: per question its prompt, first-pass AI score, human mean,
 *   ratings and transcript flags;
 * - `admin_ratings`: every manual rating beside the AI score of the same answer
 *   (Accuracy Delta);
 * - `admin_incidents`: friction incidents (Friction Score).
 *
 * The last four are recomputed from the interview's digests whenever one of its
 * digests changes, so they depend only on the documents' state: rebuilding
 * from storage gives the same rows. The recomputation waits for the end of the
 * projector's transaction (endBatch), so an interview whose documents arrive
 * together (a rebuild, a burst of live updates) is recomputed once, not once per
 * document.
 *
 * Most live updates change little of what the dashboard reads (a reaction moves
 * two counts of one `admin_results` row; a transcript flag on a recording that no
 * answer holds moves nothing), so the live path writes only what changed: a
 * digest equal to the stored one is not written and recomputes nothing, and a
 * recomputed table whose rows for the interview equal the stored ones (read back
 * in the same transaction) is left as it is. Skipping is decided by comparing
 * with what is stored, never with a copy in memory, so a dropped table, a
 * rolled-back transaction or another node's rows cannot make it skip wrongly.
 *
 * Most live changes are to a count only (a reaction, a chat message, an audience question, an approval: bench:sync's
 * 500 sessions, about 85 % of their updates), which moves five columns of the results row and nothing else the
 * interview's rows are made of: the stored digest before the change and the new one differ in count fields alone
 * (countsOnlyChange, compared in the same transaction, so again never with a copy in memory). Such an interview's
 * counts are recomputed from its stored digests and written into its results row where they differ, instead of
 * reading every digest and every row of the four tables back (about a third of the app server's allocation per
 * update at 500 sessions); an interview without a results row is recomputed whole.
 *
 * The interview's status is not here: the list reads the server's own status
 * (`interview_status`, status-sql.ts), so there is one status, not two.
 */
import type { Statement } from 'better-sqlite3';
import type * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import { sameJson } from '../../src/domain/json-equal';
import { mergeFrictionIncidents } from '../../src/domain/results/friction';
import { mean } from '../../src/domain/results/stats';
import type { DocRef } from '../collab/hooks';
import type { Db } from '../db/open';
import type { Projection } from '../projections/projection';
import { DIGEST_KINDS, digestOf, type AssessmentDigest, type CountDigest, type PlanDigest, type StaffDigest, type StageDigest, type SupportDigest } from './digests';

export const RESULTS_PROJECTION = 'admin-results';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS admin_digests (
    interview_id TEXT NOT NULL, kind TEXT NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (interview_id, kind)
  );
  CREATE TABLE IF NOT EXISTS admin_results (
    interview_id TEXT PRIMARY KEY,
    title TEXT NOT NULL, archetype TEXT NOT NULL, depth TEXT NOT NULL,
    started_at INTEGER, completed_at INTEGER,
    human_review_only INTEGER NOT NULL,
    questions INTEGER NOT NULL, answered INTEGER NOT NULL,
    ai_score REAL, human_score REAL, rated_answers INTEGER NOT NULL,
    review_state TEXT NOT NULL,
    incidents INTEGER NOT NULL, interactions INTEGER NOT NULL, minutes REAL,
    reactions INTEGER NOT NULL, chat INTEGER NOT NULL, audience_submitted INTEGER NOT NULL, audience_approved INTEGER NOT NULL,
    flags INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS admin_results_started ON admin_results(started_at DESC, interview_id);
  CREATE INDEX IF NOT EXISTS admin_results_archetype ON admin_results(archetype, started_at DESC);
  CREATE INDEX IF NOT EXISTS admin_results_ai ON admin_results(ai_score DESC, interview_id);
  CREATE TABLE IF NOT EXISTS admin_answers (
    interview_id TEXT NOT NULL, question_id TEXT NOT NULL, idx INTEGER NOT NULL,
    kind TEXT NOT NULL, prompt TEXT NOT NULL,
    recording_id TEXT, ai_score REAL, human_score REAL, ratings INTEGER NOT NULL, flags INTEGER NOT NULL,
    PRIMARY KEY (interview_id, question_id)
  );
  CREATE TABLE IF NOT EXISTS admin_ratings (
    interview_id TEXT NOT NULL, question_id TEXT NOT NULL, reviewer TEXT NOT NULL,
    archetype TEXT NOT NULL, score INTEGER NOT NULL, ai_score REAL, note TEXT, at INTEGER NOT NULL,
    PRIMARY KEY (interview_id, question_id, reviewer)
  );
  CREATE INDEX IF NOT EXISTS admin_ratings_at ON admin_ratings(at);
  CREATE TABLE IF NOT EXISTS admin_incidents (
    interview_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL,
    question_id TEXT, detail TEXT,
    PRIMARY KEY (interview_id, id)
  );
`;

interface Digests {
  plan?: PlanDigest;
  stage?: StageDigest;
  assessment?: AssessmentDigest;
  staff?: StaffDigest;
  audience?: CountDigest;
  moderation?: CountDigest;
  support?: SupportDigest;
}

/**
 * The results row's engagement columns that copy a count from one document's digest (`interactions` is their sum).
 * One list for both ways they are computed: from the parsed digests (rowsOf), and in SQL from the stored digests'
 * JSON (recount's one UPDATE), so the two cannot come to disagree.
 */
const ENGAGEMENT_COUNTS = [
  { column: 'reactions', kind: 'staff', field: 'reactions' },
  { column: 'chat', kind: 'staff', field: 'chat' },
  { column: 'audience_submitted', kind: 'audience', field: 'count' },
  { column: 'audience_approved', kind: 'moderation', field: 'count' },
] as const satisfies ReadonlyArray<{ column: string; kind: keyof Digests; field: string }>;
type EngagementColumn = (typeof ENGAGEMENT_COUNTS)[number]['column'];

/** The digest fields that only the engagement counts read, per kind; other kinds have none. */
const COUNT_FIELDS: Partial<Record<DocKind, readonly string[]>> = {};
for (const c of ENGAGEMENT_COUNTS) COUNT_FIELDS[c.kind] = [...(COUNT_FIELDS[c.kind] ?? []), c.field];

/** The results row's engagement columns, from the digests that hold the counts. */
function engagementOf(d: Digests): Record<EngagementColumn | 'interactions', number> {
  const out = { reactions: 0, chat: 0, audience_submitted: 0, audience_approved: 0, interactions: 0 };
  for (const c of ENGAGEMENT_COUNTS) {
    const value = (d[c.kind] as Record<string, number | null | undefined> | undefined)?.[c.field] ?? 0;
    out[c.column] = value;
    out.interactions += value;
  }
  return out;
}

/** The same columns set in SQL from the interview's stored digests (a digest or field missing counts 0, as above). */
function engagementUpdateSql(): string {
  const count = (c: (typeof ENGAGEMENT_COUNTS)[number]) =>
    `coalesce((SELECT json_extract(json, '$.${c.field}') FROM admin_digests WHERE interview_id = @id AND kind = '${c.kind}'), 0) AS ${c.column}`;
  const columns = ENGAGEMENT_COUNTS.map((c) => c.column);
  return `UPDATE admin_results SET ${columns.map((c) => `${c} = counted.${c}`).join(', ')}, interactions = ${columns.map((c) => `counted.${c}`).join(' + ')}
    FROM (SELECT ${ENGAGEMENT_COUNTS.map(count).join(', ')}) AS counted WHERE interview_id = @id`;
}

/**
 * Whether a digest changed in its count fields alone: `before` is the stored digest's JSON (null: none stored),
 * `after` the new digest (null: none). A kind without count fields, a digest appearing or going, is a whole change.
 */
export function countsOnlyChange(kind: DocKind, before: string | null, after: unknown): boolean {
  const counts = COUNT_FIELDS[kind];
  if (!counts || before === null || after === null || typeof after !== 'object') return false;
  const old = JSON.parse(before) as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  const rest = (o: Record<string, unknown>) => {
    let n = 0;
    for (const k in o) if (o[k] !== undefined && !counts.includes(k)) n++;
    return n;
  };
  if (rest(old) !== rest(next)) return false;
  for (const k in next) if (!counts.includes(k) && !sameJson(old[k], next[k])) return false;
  return true;
}

/** One table of an interview's recomputed rows: each row's values in the table's column order. */
type Rows = unknown[][];

interface Recomputed {
  results: Rows;
  answers: Rows;
  ratings: Rows;
  incidents: Rows;
}

/**
 * A recomputed table and how its INSERT treats a second row with the same key: `fail` (a plain INSERT: the
 * transaction fails, as it did before rows were compared), `replace` (INSERT OR REPLACE: the last wins) or
 * `ignore` (INSERT OR IGNORE: the first wins). `keyColumns` are the primary key's columns after interview_id.
 */
interface RowTable {
  name: keyof Recomputed;
  keyColumns: readonly number[];
  onDuplicate: 'fail' | 'replace' | 'ignore';
  select: Statement<[string], unknown[]>;
  remove: Statement<[string]>;
  insert: Statement<unknown[]>;
}

const sameValues = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Whether `stored` (read back from the table) already holds exactly the rows that inserting `wanted` would leave.
 * Compared by primary key, so the order rows come back in does not matter. Unequal when in doubt: a value SQLite
 * would store differently from how it was given (a number in a TEXT column) reads back unequal, so the table is
 * rewritten, as before.
 */
function holdsExactly(table: RowTable, stored: Rows, wanted: Rows): boolean {
  const keyOf = (row: readonly unknown[]) => JSON.stringify(table.keyColumns.map((c) => row[c]));
  const want = new Map<string, unknown[]>();
  for (const row of wanted) {
    const key = keyOf(row);
    if (want.has(key)) {
      if (table.onDuplicate === 'fail') return false;
      if (table.onDuplicate === 'ignore') continue;
    }
    want.set(key, row);
  }
  if (want.size !== stored.length) return false;
  return stored.every((row) => {
    const w = want.get(keyOf(row));
    return w !== undefined && sameValues(row, w);
  });
}

export function resultsProjection(): Projection {
  let upsertDigest: Statement<[string, string, string]>;
  let deleteDigest: Statement<[string, string]>;
  let selectDigest: Statement<[string, string], { json: string }>;
  let selectDigests: Statement<[string], { kind: string; json: string }>;
  let updateCounts: Statement<[{ id: string }]>;
  let tables: RowTable[];
  /**
   * Interviews whose digests changed in the current transaction, recomputed once each at its end: 'counts' when
   * every change was to count fields alone (only the results row's engagement columns can move), else 'all'.
   */
  const dirty = new Map<string, 'counts' | 'all'>();
  const markDirty = (interviewId: string, scope: 'counts' | 'all'): void => {
    if (scope === 'all' || dirty.get(interviewId) !== 'all') dirty.set(interviewId, scope);
  };

  /**
   * Stores one document's digest (none: the document holds nothing the dashboard reads) and marks its interview,
   * unless the stored digest is the same: the interview's rows derive from its digests only, so they stay right.
   */
  function applyDigest(ref: DocRef, digest: unknown): void {
    const json = digest ? JSON.stringify(digest) : null;
    const stored = selectDigest.get(ref.interviewId, ref.kind)?.json ?? null;
    if (stored === json) return;
    if (json !== null) upsertDigest.run(ref.interviewId, ref.kind, json);
    else deleteDigest.run(ref.interviewId, ref.kind);
    markDirty(ref.interviewId, countsOnlyChange(ref.kind, stored, digest ?? null) ? 'counts' : 'all');
  }

  /**
   * Brings the results row's engagement columns in step with the stored count digests, in one UPDATE that reads them
   * (nothing parsed or read back here), the rest of the row and the other tables being what they were: only count
   * fields changed since they were computed from the stored digests. No results row to update (the interview had
   * none, or its table was emptied): recomputed whole.
   */
  function recount(interviewId: string): void {
    if (updateCounts.run({ id: interviewId }).changes === 0) recompute(interviewId);
  }

  /** Writes the interview's recomputed rows, table by table, where they differ from what the table holds. */
  function recompute(interviewId: string): void {
    const wanted = rowsOf(interviewId);
    for (const t of tables) {
      if (holdsExactly(t, t.select.all(interviewId), wanted[t.name])) continue;
      t.remove.run(interviewId);
      for (const row of wanted[t.name]) t.insert.run(row);
    }
  }

  /** The interview's rows in the four recomputed tables, from its stored digests. */
  function rowsOf(interviewId: string): Recomputed {
    const out: Recomputed = { results: [], answers: [], ratings: [], incidents: [] };
    const d: Digests = {};
    for (const row of selectDigests.all(interviewId)) (d as Record<string, unknown>)[row.kind] = JSON.parse(row.json);
    if (!d.plan && !d.stage) return out;
    const stage = d.stage;
    const answersByQ = new Map((stage?.answers ?? []).map((a) => [a.questionId, a]));
    const questions = d.plan?.questions ?? (stage?.answers ?? []).map((a) => ({ id: a.questionId, kind: 'spoken', prompt: '' }));
    const scores = d.assessment?.scores ?? [];
    const ratings = d.staff?.ratings ?? [];
    const archetype = d.plan?.archetype ?? '';

    const aiByQ = new Map<string, number>();
    for (const q of questions) {
      const a = answersByQ.get(q.id);
      const want = q.kind === 'spoken' ? (a?.recordingId ?? null) : `${q.kind === 'mcq' ? 'mcq' : 'code'}:${q.id}`;
      const s = want === null ? undefined : scores.find((x) => x.key === want);
      if (s) aiByQ.set(q.id, s.score);
    }
    let answered = 0;
    let rated = 0;
    let flagsTotal = 0;
    const humanMeans: number[] = [];
    questions.forEach((q, idx) => {
      const a = answersByQ.get(q.id);
      const isAnswered = !!a && (a.recordingId !== null || a.mcqChoice !== null || a.hasCode);
      if (isAnswered) answered++;
      const qr = ratings.filter((r) => r.questionId === q.id);
      const human = mean(qr.map((r) => r.score));
      if (human !== null) humanMeans.push(human);
      if (isAnswered && qr.length > 0) rated++;
      const flags = a?.recordingId ? (stage?.flags[a.recordingId] ?? 0) : 0;
      flagsTotal += flags;
      out.answers.push([interviewId, q.id, idx, q.kind, q.prompt, a?.recordingId ?? null, aiByQ.get(q.id) ?? null, human, qr.length, flags]);
      for (const r of qr) out.ratings.push([interviewId, q.id, r.reviewer, archetype, r.score, aiByQ.get(q.id) ?? null, r.note, r.at]);
    });
    const incidents = mergeFrictionIncidents(stage?.incidents ?? [], d.support?.incidents ?? []);
    for (const i of incidents) out.incidents.push([interviewId, i.id, i.kind, i.at, i.questionId, i.detail]);
    const end = stage?.completedAt ?? stage?.lastActivityAt ?? null;
    const minutes = stage?.startedAt != null && end !== null && end > stage.startedAt ? (end - stage.startedAt) / 60_000 : null;
    const engagement = engagementOf(d);
    out.results.push([
      interviewId,
      d.plan?.title ?? interviewId,
      archetype,
      d.plan?.depth ?? '',
      stage?.startedAt ?? null,
      stage?.completedAt ?? null,
      stage?.humanReviewOnly ? 1 : 0,
      questions.length,
      answered,
      mean([...aiByQ.values()]),
      mean(humanMeans),
      rated,
      answered === 0 ? 'none' : rated >= answered ? 'done' : 'pending',
      incidents.length,
      engagement.interactions,
      minutes,
      engagement.reactions,
      engagement.chat,
      engagement.audience_submitted,
      engagement.audience_approved,
      flagsTotal,
    ]);
    return out;
  }

  return {
    name: RESULTS_PROJECTION,
    // 2: status left to interview_status; the support document's incidents; recomputed once per interview per batch.
    version: 2,
    kinds: DIGEST_KINDS,
    tables: ['admin_digests', 'admin_results', 'admin_answers', 'admin_ratings', 'admin_incidents'],
    setup(db: Db) {
      db.exec(SCHEMA);
      upsertDigest = db.prepare('INSERT OR REPLACE INTO admin_digests (interview_id, kind, json) VALUES (?, ?, ?)');
      deleteDigest = db.prepare('DELETE FROM admin_digests WHERE interview_id = ? AND kind = ?');
      selectDigest = db.prepare('SELECT json FROM admin_digests WHERE interview_id = ? AND kind = ?');
      selectDigests = db.prepare('SELECT kind, json FROM admin_digests WHERE interview_id = ?');
      updateCounts = db.prepare(engagementUpdateSql());
      const table = (name: keyof Recomputed, sqlName: string, columns: number, keyColumns: number[], onDuplicate: RowTable['onDuplicate']): RowTable => ({
        name,
        keyColumns,
        onDuplicate,
        // Every column in the table's order, as the INSERT gives them.
        select: db.prepare<[string], unknown[]>(`SELECT * FROM ${sqlName} WHERE interview_id = ?`).raw(),
        remove: db.prepare<[string]>(`DELETE FROM ${sqlName} WHERE interview_id = ?`),
        insert: db.prepare(`INSERT ${onDuplicate === 'fail' ? '' : `OR ${onDuplicate.toUpperCase()} `}INTO ${sqlName} VALUES (${Array(columns).fill('?').join(', ')})`),
      });
      tables = [
        table('results', 'admin_results', 21, [], 'fail'),
        table('answers', 'admin_answers', 10, [1], 'fail'),
        table('ratings', 'admin_ratings', 8, [1, 2], 'replace'),
        table('incidents', 'admin_incidents', 6, [1], 'ignore'),
      ];
    },
    apply(ref: DocRef, doc: Y.Doc) {
      applyDigest(ref, digestOf(ref.kind as DocKind, ref.interviewId, doc));
    },
    // The digest is what every other node needs from the document: the owner publishes it (projector.ts), and the
    // others recompute the interview's rows from it without reading the document.
    project: (ref: DocRef, doc: Y.Doc) => digestOf(ref.kind as DocKind, ref.interviewId, doc),
    applyProjected(ref: DocRef, projected: unknown) {
      applyDigest(ref, projected);
    },
    forget(ref: DocRef) {
      deleteDigest.run(ref.interviewId, ref.kind);
      markDirty(ref.interviewId, 'all');
    },
    endBatch() {
      const batch = [...dirty];
      dirty.clear();
      for (const [id, scope] of batch) {
        if (scope === 'all') recompute(id);
        else recount(id);
      }
    },
  };
}
