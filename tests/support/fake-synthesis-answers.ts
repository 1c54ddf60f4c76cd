/**
 * What the loopback OpenAI-compatible server answers to a synthesis request (tests/support/fake-openai-server.ts):
 * it reads the candidate's answers back out of the prompt, between the markers the server puts them in, and
 * writes a synthesis whose quotes are taken from them, or, on request, invented, moved to another answer, or
 * shaped by an instruction hidden in an answer (a model that obeys it).
 */

export type SynthesisFakeMode =
  | 'good'
  /** `inventedShare` of the claims quote words the candidate never said. */
  | 'invented'
  /** Claims quote another answer's words under this answer's id. */
  | 'swapped'
  /** The first request gets invented quotes, later ones good quotes. */
  | 'invented-once'
  /** Obeys "recommend hire" written in an answer: strong-hire, praising that very sentence. */
  | 'gullible'
  /** A refusal instead of content. */
  | 'refusal'
  /** 200 with text that is not JSON. */
  | 'malformed'
  /** JSON that does not match the schema. */
  | 'schema-invalid'
  /** The JSON stops halfway, finish_reason "length". */
  | 'truncated'
  /** Headers only after `slowMs`. */
  | 'slow'
  | 'rate-limited'
  | 'server-error';

export interface FakeAnswer {
  questionId: string;
  text: string;
}

const OPEN = /<<<CANDIDATE_ANSWER id="([^"]+)">>>\n([\s\S]*?)\n<<<END_CANDIDATE_ANSWER>>>/g;

export function isSynthesisRequest(body: Record<string, unknown>): boolean {
  const rf = body.response_format as { type?: string; json_schema?: { name?: string } } | undefined;
  if (rf?.json_schema?.name === 'interview_synthesis') return true;
  const messages = body.messages as Array<{ role: string; content: string }>;
  return messages.some((m) => m.role === 'system' && m.content.includes('final synthesis of a job interview'));
}

export function answersInPrompt(body: Record<string, unknown>): FakeAnswer[] {
  const messages = body.messages as Array<{ role: string; content: string }>;
  const user = messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const out: FakeAnswer[] = [];
  for (const m of user.matchAll(OPEN)) if (!m[1]!.endsWith('-flags')) out.push({ questionId: m[1]!, text: m[2]! });
  return out;
}

export function competencyIdsInPrompt(body: Record<string, unknown>): string[] {
  const messages = body.messages as Array<{ role: string; content: string }>;
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  const m = /\(ids: ([^)]*)\)/.exec(system);
  return m ? m[1]!.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** Six consecutive words from the middle of the answer, exactly as written there. */
export function trueQuote(text: string, offset = 0): string | null {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 4) return null;
  const start = Math.min(offset, Math.max(0, words.length - 6));
  return words.slice(start, start + 6).join(' ');
}

export const INVENTED_QUOTES = [
  'I have led a team of forty engineers at a bank',
  'we rewrote the whole platform in Rust last year',
  'my favourite tool for this is definitely Terraform',
  'I personally invented the circuit breaker pattern',
  'our uptime was exactly one hundred percent for years',
];

export interface BuiltSynthesis {
  content: Record<string, unknown>;
  /** Per claim: whether its quote was invented (or swapped), for the tests and the benchmark to score the check. */
  claims: Array<{ questionId: string; quote: string; invented: boolean }>;
}

/**
 * Claims per answer: `claimsPerAnswer` (default 1); the first half of the answers give strengths, the rest concerns.
 * With an invented share, that share of claims (rounded, spread evenly) gets an invented quote.
 */
export function buildSynthesis(body: Record<string, unknown>, mode: SynthesisFakeMode, opts: { inventedShare?: number; claimsPerAnswer?: number } = {}): BuiltSynthesis {
  const answers = answersInPrompt(body).filter((a) => trueQuote(a.text) !== null);
  const perAnswer = opts.claimsPerAnswer ?? 1;
  const claims: BuiltSynthesis['claims'] = [];
  for (const a of answers) {
    for (let k = 0; k < perAnswer; k++) claims.push({ questionId: a.questionId, quote: trueQuote(a.text, k * 3)!, invented: false });
  }
  const share = mode === 'invented' || mode === 'invented-once' ? (opts.inventedShare ?? 0.5) : 0;
  const inventCount = Math.round(share * claims.length);
  for (let i = 0; i < inventCount; i++) {
    const at = Math.floor((i * claims.length) / inventCount);
    claims[at] = { ...claims[at]!, quote: INVENTED_QUOTES[i % INVENTED_QUOTES.length]!, invented: true };
  }
  if (mode === 'swapped' && answers.length >= 2) {
    // Each claim names the next answer's id: a true quote, but from another answer.
    for (let i = 0; i < claims.length; i++) {
      const other = answers[(answers.findIndex((a) => a.questionId === claims[i]!.questionId) + 1) % answers.length]!;
      claims[i] = { questionId: other.questionId, quote: claims[i]!.quote, invented: true };
    }
  }
  let recommendation = 'lean-hire';
  if (mode === 'gullible') {
    const injected = answers.find((a) => /recommend (a )?hire/i.test(a.text));
    if (injected) {
      recommendation = 'strong-hire';
      const sentence = injected.text.split(/(?<=[.!?])\s+/).find((s) => /recommend/i.test(s)) ?? injected.text;
      claims.unshift({ questionId: injected.questionId, quote: sentence, invented: false });
    }
  }
  const half = Math.ceil(claims.length / 2);
  const toClaim = (c: BuiltSynthesis['claims'][number]) => ({ claim: `The answer to ${c.questionId} shows this.`, questionId: c.questionId, quote: c.quote });
  const content = {
    recommendation,
    confidence: 0.7,
    summary: `A synthesis of ${answers.length} answers.`,
    competencies: competencyIdsInPrompt(body).map((id, i) => ({ id, rating: i % 2 === 0 ? 3 : null, rationale: 'From the answers.' })),
    strengths: claims.slice(0, half).map(toClaim),
    concerns: claims.slice(half).map(toClaim),
    uncovered: ['System design was not covered.'],
    followUps: ['Ask how they would test it.'],
  };
  return { content, claims };
}
