/** The interview a host plans: metadata plus the ordered questions the guest gets. */
import { z } from './zod-mini';
import { ARCHETYPE_IDS, DEPTH_IDS, MAX_DURATION_MIN, MIN_DURATION_MIN } from './archetypes';
import { Question } from './questions';

/** Session identifiers double as document names, so they are restricted to URL-safe characters. */
export const SESSION_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,62}$/;

export const InterviewMeta = z.object({
  id: z.string().check(z.regex(SESSION_ID_PATTERN)),
  /** Human-readable name shown to host and guest. */
  title: z.string().check(z.minLength(1), z.maxLength(120)),
  archetype: z.enum(ARCHETYPE_IDS),
  depth: z.enum(DEPTH_IDS),
  durationMin: z.number().check(z.int(), z.gte(MIN_DURATION_MIN), z.lte(MAX_DURATION_MIN)),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: z.enum(['draft', 'published']),
  /** Incremented on every publish so edits after publishing are never silent. */
  version: z.number().check(z.int(), z.gte(0)),
  seed: z.number().check(z.int()),
});
export type InterviewMeta = z.infer<typeof InterviewMeta>;

export const InterviewPlan = z.object({
  meta: InterviewMeta,
  questions: z.array(Question),
});
export type InterviewPlan = z.infer<typeof InterviewPlan>;

/** Turns a free-text session name into a valid identifier suggestion. */
export function slugifySessionId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 63);
  return slug.length >= 3 ? slug : `${slug}-session`.replace(/^-/, '');
}
