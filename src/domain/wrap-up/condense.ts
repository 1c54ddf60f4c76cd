/**
 * A long interview (two hours of answers) can exceed the model's context. Each answer is then summarised first, by
 * extraction: its sentences that best match the rubric, kept in their spoken order, up to an equal share of the
 * budget, with GAP_MARKER where sentences were left out (no quote may span one). The synthesis is then made from
 * these, and its notes say so. Extraction, not a model's summary, so every quote still checks against words the
 * candidate said.
 */
import { GAP_MARKER } from './quote-check';
import { rubricWords, sentenceMatch, sentencesOf } from './sentences';
import { canonicalInput, estimateTokens, type SynthesisInput } from './synthesis-input';

export interface Condensed {
  input: SynthesisInput;
  condensed: boolean;
  tokensBefore: number;
  tokensAfter: number;
}

export function condenseToFit(input: SynthesisInput, maxInputTokens: number): Condensed {
  const tokensBefore = estimateTokens(canonicalInput(input));
  if (tokensBefore <= maxInputTokens) return { input, condensed: false, tokensBefore, tokensAfter: tokensBefore };
  const spoken = input.answers.filter((a) => a.transcript !== null);
  const transcriptChars = spoken.reduce((t, a) => t + a.transcript!.length, 0);
  // Everything but the transcripts stays; the transcripts share what is left equally.
  const fixedTokens = tokensBefore - estimateTokens('x'.repeat(transcriptChars));
  const perAnswerChars = Math.max(200, Math.floor(((maxInputTokens - fixedTokens) * 4) / Math.max(1, spoken.length)));
  const answers = input.answers.map((a) => {
    if (a.transcript === null || a.transcript.length <= perAnswerChars) return a;
    return { ...a, transcript: extract(a.transcript, rubricWords(a), perAnswerChars), transcriptCut: true, segments: [] };
  });
  const out = { ...input, answers };
  return { input: out, condensed: true, tokensBefore, tokensAfter: estimateTokens(canonicalInput(out)) };
}

function extract(text: string, rubric: ReadonlySet<string>, budget: number): string {
  const sentences = sentencesOf(text).map((s, i) => ({ s, i, score: sentenceMatch(s, rubric) }));
  const chosen = new Set<number>();
  let used = 0;
  for (const c of [...sentences].sort((x, y) => y.score - x.score || x.i - y.i)) {
    if (used + c.s.length + GAP_MARKER.length > budget) continue;
    chosen.add(c.i);
    used += c.s.length + GAP_MARKER.length;
  }
  let out = '';
  let last = -1;
  for (const c of sentences) {
    if (!chosen.has(c.i)) continue;
    out += out === '' ? (c.i > 0 ? GAP_MARKER.trimStart() : '') + c.s : (c.i === last + 1 ? ' ' : GAP_MARKER) + c.s;
    last = c.i;
  }
  return out;
}
