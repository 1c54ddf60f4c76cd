/**
 * The results dashboard's API (/api/admin/*) against a real server process,
 * with interviews written by real y-websocket clients (the app's own writers,
 * the guest's session driven through the stage machine): every route refuses
 * wrong tokens, the list filters/sorts/pages with the server's own interview
 * status, a reviewer's rating moves Accuracy Delta to the value computed here by
 * hand, the support console's incidents count in the Friction Score, reports
 * parse, and the projection rebuilt from scratch equals the live one. Runs with the documents in SQLite and in
 * PostgreSQL (DATABASE_URL; the read models stay in the node's SQLite either way).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { ROLES } from '../../src/domain/access';
import { mintToken } from '../../sync-server/auth/tokens';
import { adminRouteTable, type AdminDeps } from '../../sync-server/admin/admin-routes';
import { readSecret, startServer, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import pg from 'pg';
import { connectClient, type YwsClient } from '../support/yws-client';
import { seedInterview } from '../support/results-seed';
import { uploadRecording } from '../support/upload-recording';
import { recordIncident } from '../../src/sync/support-doc';
import type { StageState } from '../../src/domain/stage';

let s: ServerProcess;
/** DATABASE_URL for the PostgreSQL run (a fresh database); empty for SQLite. */
let storeEnv: Record<string, string> = {};
const backends = storageBackends();
let secret: Buffer;
const clients: YwsClient[] = [];
const IDS = ['acme-c1', 'acme-c2', 'acme-c3'];
const CODE = 'function solve(items) {\n  const seen = new Set();\n  for (const x of items) { if (seen.has(x)) return x; seen.add(x); }\n  return null;\n}';
const RENAMED = 'function solve(list){const s=new Set();for(const v of list){if(s.has(v))return v;s.add(v)}return null}';

const auth = (token?: string): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});
const get = (p: string, token?: string) => fetch(`${s.url}${p}`, { headers: auth(token) });
const send = (method: string, p: string, body: unknown, token?: string) =>
  fetch(`${s.url}${p}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...auth(token) } });
const json = async <T>(r: Response | Promise<Response>): Promise<T> => {
  const res = await r;
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  return body;
};

async function openViaClient(name: string, token = s.hostToken): Promise<Y.Doc> {
  const c = connectClient(`ws://127.0.0.1:${s.port}/sync`, name, token);
  clients.push(c);
  await c.synced();
  return c.doc;
}

const guestToken = (iid: string) => mintToken(secret, { iid, role: 'guest', sub: 'guest-1', ttlSec: 3600 });
let stageOfC1: StageState;

let ratedAt = 0;

/** When the server last computed this interview's status (its wrap-up keeps `interview_status`, debounced). */
function statusComputedAt(id: string): number {
  const db = new Database(path.join(s.dataDir, 'interq.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT updated_at AS at FROM interview_status WHERE interview_id = ?').get(id) as { at: number } | undefined)?.at ?? 0;
  } finally {
    db.close();
  }
}

/**
 * Waits until the server's own status of every seeded interview is `want`; with `changed`, only a status computed
 * after that interview's documents last changed counts (before that, the old status is still shown).
 */
async function statusesSettle(want: string, changed?: { id: string; since: number }): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const list = await json<ListBody>(get('/api/admin/results', s.hostToken));
    const fresh = !changed || statusComputedAt(changed.id) >= changed.since;
    if (fresh && list.total === IDS.length && list.rows.every((r) => r.status === want)) return;
    if (Date.now() > deadline) throw new Error(`statuses not ${want}: ${JSON.stringify(list.rows.map((r) => [r.interviewId, r.status]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface ListBody {
  total: number;
  rows: Array<{ interviewId: string; candidate: string | null; aiScore: number | null; humanScore: number | null; status: string; reviewState: string }>;
}

describe.each(backends)('results dashboard API with the documents on $name', (backend) => {
  if (backend.skip) {
    it.skip('needs PostgreSQL (see the warning above)', () => undefined);
    return;
  }
  beforeAll(async () => {
    // No quiet time before a re-synthesis: the rebuild test waits for the one its ratings cause.
    storeEnv = { SYNTHESIS_RESYNTHESIS_QUIET_MS: '0', ...(backend.name === 'postgres' ? { DATABASE_URL: (await backend.open()).url! } : {}) };
    s = await startServer({ env: storeEnv });
    secret = readSecret(s.dataDir);
    const scores = [
      [4, 3, 5, 2, 4],
      [2, 2, 1, 3, 2],
      [4, 3, 5, 2, 4],
    ];
    for (const [k, id] of IDS.entries()) {
      const seeded = await seedInterview((name) => openViaClient(name), {
        interviewId: id,
        title: `Frontend ${k + 1}`,
        seed: 7,
        maxQuestions: 8,
        startAt: Date.UTC(2026, 10, 1 + k, 9),
        aiScore: (i) => scores[k]![i % 5],
        code: () => (k === 1 ? RENAMED : CODE),
        reactions: k + 1,
        chat: 2,
        micFailure: k === 0,
        upload: (r) => uploadRecording(s.url, guestToken(id), id, r),
      });
      if (k === 0) stageOfC1 = seeded.stage;
      // The candidate's name comes from the guest link (a hostile one for the CSV check).
      await json(send('POST', '/api/invites', { interviewId: id, role: 'guest', subject: k === 2 ? '=HYPERLINK("http://x")' : `Candidate ${k + 1}` }, s.hostToken));
    }
    // The support console's incidents, written by the guest's device: the microphone error is the stage log's FAIL
    // seen again (same question, same moment), so it counts once; the reconnect and the stuck upload count.
    const support = await openViaClient('acme-c1.support', guestToken('acme-c1'));
    const fail = stageOfC1.log.find((e) => e.type === 'FAIL')!;
    const who = { by: 'guest-1', role: 'guest' as const };
    recordIncident(support, { id: 'i-mic', at: fail.at + 500, kind: 'mic-error', ...who, questionId: fail.questionId, detail: 'track-ended' });
    recordIncident(support, { id: 'i-net', at: fail.at + 90_000, kind: 'reconnects', ...who, questionId: null, detail: 'reconnect 1' });
    recordIncident(support, { id: 'i-up', at: fail.at + 120_000, kind: 'upload-stuck', ...who, questionId: null, detail: '1 takes' });
    // Uploaded, transcribed and scored, with no cloud model configured: the server makes the offline synthesis.
    await statusesSettle('synthesized');
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await s?.stop();
  });

  describe('admin API access', () => {
    const specs = adminRouteTable({} as AdminDeps).map(({ method, example, roles }) => ({ method, example, roles }));

    it('lists every route with an example, and each refuses missing, forged, expired, revoked and wrong-role tokens', async () => {
      expect(specs.length).toBeGreaterThanOrEqual(11);
      const forged = mintToken(Buffer.alloc(32, 7), { iid: '*', role: 'host', sub: 'x', ttlSec: 60 });
      const expired = mintToken(secret, { iid: '*', role: 'host', sub: 'x', ttlSec: 60 }, Date.now() - 3_600_000);
      const link = await json<{ jti: string; url: string }>(send('POST', '/api/admin/reviewer-links', { name: 'Revoked Reviewer' }, s.hostToken));
      const revoked = link.url.split('#t=')[1]!;
      expect((await get('/api/admin/results', revoked)).status).toBe(200);
      await json(send('DELETE', `/api/invites/${link.jti}`, undefined, s.hostToken));
      for (const spec of specs) {
        const call = (token?: string) => send(spec.method, spec.example, spec.method === 'GET' || spec.method === 'DELETE' ? undefined : {}, token);
        for (const [what, token] of [['missing', undefined], ['forged', forged], ['expired', expired], ['revoked', revoked]] as const) {
          const r = await call(token);
          expect({ route: `${spec.method} ${spec.example}`, what, status: r.status }).toEqual({ route: `${spec.method} ${spec.example}`, what, status: 401 });
        }
        for (const role of ROLES.filter((r) => !spec.roles.includes(r))) {
          const r = await call(mintToken(secret, { iid: '*', role, sub: `${role}-person`, ttlSec: 60 }));
          expect({ route: `${spec.method} ${spec.example}`, role, status: r.status }).toEqual({ route: `${spec.method} ${spec.example}`, role, status: 403 });
        }
      }
    });

    it('keeps a reviewer link for one interview out of the others, and out of host-only routes', async () => {
      const scoped = mintToken(secret, { iid: 'acme-c1', role: 'reviewer', sub: 'Rita', ttlSec: 60 });
      expect((await get('/api/admin/results/acme-c2', scoped)).status).toBe(403);
      expect((await get('/api/admin/results/acme-c1', scoped)).status).toBe(200);
      const list = await json<ListBody>(get('/api/admin/results', scoped));
      expect(list.rows.map((r) => r.interviewId)).toEqual(['acme-c1']);
      expect((await send('POST', '/api/admin/reviewer-links', { name: 'x' }, scoped)).status).toBe(403);
      expect((await send('DELETE', '/api/admin/candidates/acme-c1', undefined, scoped)).status).toBe(403);
    });
  });

  describe('results', () => {
    const reviewer = () => mintToken(secret, { iid: '*', role: 'reviewer', sub: 'Rita Reviewer', ttlSec: 600 });

    it('lists, searches, filters, sorts and pages', async () => {
      const all = await json<ListBody>(get('/api/admin/results?sort=started&dir=asc', s.hostToken));
      expect(all.rows.map((r) => r.interviewId)).toEqual(IDS);
      expect(all.rows.map((r) => r.candidate)).toEqual(['Candidate 1', 'Candidate 2', '=HYPERLINK("http://x")']);
      const page = await json<ListBody>(get('/api/admin/results?sort=started&dir=asc&limit=2&offset=2', s.hostToken));
      expect(page).toMatchObject({ total: 3, rows: [{ interviewId: 'acme-c3' }] });
      const found = await json<ListBody>(get('/api/admin/results?q=candidate%202', s.hostToken));
      expect(found.rows.map((r) => r.interviewId)).toEqual(['acme-c2']);
      const byAi = await json<ListBody>(get('/api/admin/results?sort=ai&dir=asc', s.hostToken));
      expect(byAi.rows[0]!.interviewId).toBe('acme-c2');
      // The candidate's name comes from the guest's invite, read for the sort as well as for the page's rows.
      const byName = await json<ListBody>(get('/api/admin/results?sort=candidate&dir=desc&limit=2', s.hostToken));
      expect(byName).toMatchObject({ total: 3, rows: [{ candidate: 'Candidate 2' }, { candidate: 'Candidate 1' }] });
      expect((await json<ListBody>(get('/api/admin/results?status=in-progress', s.hostToken))).total).toBe(0);
      // The status is the server's own (interview_status), the one the synthesis acts on.
      const db = new Database(path.join(s.dataDir, 'interq.sqlite'), { readonly: true });
      const own = db.prepare('SELECT interview_id AS id, status FROM interview_status ORDER BY interview_id').all();
      db.close();
      expect(own).toEqual(all.rows.map((r) => ({ id: r.interviewId, status: r.status })));
      expect((await json<ListBody>(get('/api/admin/results?status=synthesized', s.hostToken))).total).toBe(3);
      const bad = await get('/api/admin/results?sort=nonsense', s.hostToken);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/sort must be one of/);
    });

    it('a reviewer rates answers beside the AI score (never replacing it), and Accuracy Delta moves to the value computed by hand', async () => {
      type Detail = { questions: Array<{ id: string; kind: string; score: { kind: string; score?: number; accuracy?: { score: number }; tests?: Array<{ hidden: boolean; args: string }> } | null; ratings: Array<{ score: number; by: string }> }> };
      const d1 = await json<Detail>(get('/api/admin/results/acme-c1', reviewer()));
      const ai = (q: Detail['questions'][number]) => (q.score!.kind === 'spoken' ? q.score!.accuracy!.score : q.score!.score!);
      const [qa, qb] = d1.questions.filter((q) => q.score !== null);
      await json(send('POST', '/api/admin/results/acme-c1/ratings', { questionId: qa!.id, score: 2, note: 'thin on detail' }, reviewer()));
      await json(send('POST', '/api/admin/results/acme-c1/ratings', { questionId: qb!.id, score: 5 }, reviewer()));
      ratedAt = Date.now();
      const bad = await send('POST', '/api/admin/results/acme-c1/ratings', { questionId: qa!.id, score: 7 }, reviewer());
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toBe('A rating is a whole number from 0 to 5.');

      const after = await json<Detail>(get('/api/admin/results/acme-c1', reviewer()));
      const a = after.questions.find((q) => q.id === qa!.id)!;
      expect(ai(a)).toBe(ai(qa!)); // the AI's score is untouched
      expect(a.ratings).toMatchObject([{ score: 2, by: 'Rita Reviewer', note: 'thin on detail' }]);

      // By hand: pairs (AI, human) = (x, 2) and (y, 5).
      const x = ai(qa!);
      const y = ai(qb!);
      const mad = (Math.abs(x - 2) + Math.abs(y - 5)) / 2;
      const signed = (x - 2 + (y - 5)) / 2;
      const m = await json<{ accuracyDelta: { overall: { n: number; meanAbsDiff: number; signedMeanDiff: number }; byReviewer: Array<{ key: string; n: number }> } }>(get('/api/admin/metrics', reviewer()));
      expect(m.accuracyDelta.overall.n).toBe(2);
      expect(m.accuracyDelta.overall.meanAbsDiff).toBeCloseTo(mad, 10);
      expect(m.accuracyDelta.overall.signedMeanDiff).toBeCloseTo(signed, 10);
      expect(m.accuracyDelta.byReviewer).toEqual([expect.objectContaining({ key: 'reviewer:Rita Reviewer', n: 2 })]);

      const list = await json<ListBody>(get('/api/admin/results?review=pending', s.hostToken));
      expect(list.rows.find((r) => r.interviewId === 'acme-c1')?.humanScore).toBe(3.5);
    });

    it('shows hidden tests to the host but never to a reviewer', async () => {
      type D = { questions: Array<{ kind: string; score: { tests?: Array<{ hidden: boolean; args: string }> } | null }> };
      const coding = (d: D) => d.questions.find((q) => q.kind === 'coding')?.score?.tests ?? [];
      const host = await json<D>(get('/api/admin/results/acme-c2', s.hostToken));
      const rev = await json<D>(get('/api/admin/results/acme-c2', reviewer()));
      expect(coding(host).some((t) => t.hidden && t.args !== '(hidden)')).toBe(true);
      expect(coding(rev).filter((t) => t.hidden).every((t) => t.args === '(hidden)')).toBe(true);
      expect(coding(rev).some((t) => t.hidden)).toBe(true);
    });

    it('counts friction incidents and engagement', async () => {
      const m = await json<{ friction: { overall: { incidents: number; completions: number; score: number }; incidents: Array<{ kind: string }> }; engagement: { overall: { interactions: number } } }>(
        get('/api/admin/metrics', s.hostToken),
      );
      // acme-c1: a microphone failure (in the stage log and the support document: once), its recovery, a reconnect and
      // a stuck upload (support document only): 4 incidents over 3 completions.
      expect(m.friction.overall).toMatchObject({ incidents: 4, completions: 3 });
      expect(m.friction.overall.score).toBeCloseTo(4 / 3, 10);
      expect(m.friction.incidents.map((i) => i.kind).sort()).toEqual(['failed-upload', 'microphone', 'reconnect', 'recovery']);
      // Reactions 1 + 2 + 3, chat 2 each.
      expect(m.engagement.overall.interactions).toBe(12);
    });

    it('compares three candidates with ties ranked equal and similar code flagged for review', async () => {
      const c = await json<{ ranking: Array<{ interviewId: string; rank: number; tied: boolean }>; similarSubmissions: { pairs: Array<{ a: string; b: string; similarity: number }> } }>(
        get('/api/admin/compare?ids=acme-c1,acme-c2,acme-c3', s.hostToken),
      );
      expect(c.ranking).toHaveLength(3);
      const pairs = c.similarSubmissions.pairs.map((p) => [p.a, p.b].sort().join('+'));
      expect(pairs).toContain('acme-c1+acme-c3');
      expect(pairs).toContain('acme-c1+acme-c2'); // renamed and reformatted: still flagged
    });

    it('exports CSV (formula injection neutralised) and JSON that parse', async () => {
      // The bytes, not text(): a decoder would drop the byte order mark Excel needs to read the file as UTF-8.
      const bytes = Buffer.from(await (await get('/api/admin/reports/acme-c3.csv', s.hostToken)).arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = bytes.subarray(3).toString('utf8');
      const lines = csv.trim().split('\r\n');
      expect(lines[0]).toBe('interview,candidate,question,kind,prompt,score_source,score,rater,note');
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(lines.some((l) => l.includes('missing (no human rating)'))).toBe(true);
      const report = await json<{ kind: string; candidate: string; questions: Array<{ aiScore: number | null }> }>(get('/api/admin/reports/acme-c3.json', s.hostToken));
      expect(report.kind).toBe('interq-candidate-report');
      expect(report.candidate).toBe('=HYPERLINK("http://x")');
      const cmp = await (await get('/api/admin/reports/comparison.csv?ids=acme-c1,acme-c2,acme-c3', s.hostToken)).text();
      expect(cmp.split('\r\n').filter((l) => l.startsWith('acme-c')).length).toBeGreaterThan(6);
    });

    it('exports a candidate as a ZIP with the documents as JSON', async () => {
      const r = await get('/api/admin/candidates/acme-c2/export', s.hostToken);
      expect(r.status).toBe(200);
      const file = path.join(s.dataDir, 'export.zip');
      fs.writeFileSync(file, Buffer.from(await r.arrayBuffer()));
      const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
      expect(listing).toContain('interview.json');
      const inner = JSON.parse(execFileSync('unzip', ['-p', file, 'interview.json'], { encoding: 'utf8' })) as { interviewId: string; documents: { stage: { session: { state: { stage: string } } } } };
      expect(inner.interviewId).toBe('acme-c2');
      expect(inner.documents.stage.session.state.stage).toBe('completed');
    });
  });

  describe('projection rebuild and deletion', () => {
    it('rebuilt from scratch after the projection tables are dropped, it serves the same rows', async () => {
      // The ratings changed the synthesis input: wait for the server's new synthesis, so the status stands still.
      await statusesSettle('synthesized', { id: 'acme-c1', since: ratedAt });
      const snapshot = async () => ({
        list: await json(get('/api/admin/results?sort=started&dir=asc', s.hostToken)),
        metrics: await json(get('/api/admin/metrics', s.hostToken)),
        detail: await json(get('/api/admin/results/acme-c1', s.hostToken)),
      });
      const live = await snapshot();
      for (const c of clients.splice(0)) c.destroy();
      await s.stop();
      const db = new Database(path.join(s.dataDir, 'interq.sqlite'));
      db.exec("DROP TABLE admin_results; DROP TABLE admin_answers; DROP TABLE admin_ratings; DROP TABLE admin_incidents; DROP TABLE admin_digests; DELETE FROM projection_state; DELETE FROM projection_watermarks;");
      db.close();
      s = await startServer({ dataDir: s.dataDir, env: storeEnv });
      expect(await snapshot()).toEqual(live);
    }, 60_000);

    it('deleting a candidate removes them from the dashboard, SQLite and the documents', async () => {
      const del = await send('DELETE', '/api/admin/candidates/acme-c2', undefined, s.hostToken);
      expect(del.status).toBe(200);
      const list = await json<ListBody>(get('/api/admin/results', s.hostToken));
      expect(list.rows.map((r) => r.interviewId).sort()).toEqual(['acme-c1', 'acme-c3']);
      expect((await get('/api/admin/results/acme-c2', s.hostToken)).status).toBe(404);
      const db = new Database(path.join(s.dataDir, 'interq.sqlite'), { readonly: true });
      for (const t of ['admin_results', 'admin_answers', 'admin_ratings', 'admin_digests']) {
        expect((db.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE interview_id = 'acme-c2'`).get() as { n: number }).n).toBe(0);
      }
      db.close();
      // The documents, in whichever store holds them (the other candidates' stay).
      const storedDocs = async (like: string): Promise<number> => {
        if (!storeEnv.DATABASE_URL) {
          const sqlite = new Database(path.join(s.dataDir, 'interq.sqlite'), { readonly: true });
          try {
            return (sqlite.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc LIKE ?').get(like) as { n: number }).n;
          } finally {
            sqlite.close();
          }
        }
        const client = new pg.Client({ connectionString: storeEnv.DATABASE_URL });
        await client.connect();
        try {
          return Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc LIKE $1', [like])).rows[0]!.n);
        } finally {
          await client.end();
        }
      };
      expect(await storedDocs('acme-c2.%')).toBe(0);
      expect(await storedDocs('acme-c1.%')).toBeGreaterThan(0);
    });
  });
});
