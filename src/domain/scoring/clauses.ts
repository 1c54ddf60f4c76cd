/**
 * What a clause says of its subject, for the swaps that word positions cannot see (model v17): cause and effect
 * traded ("networks time out because clients retry" against "networks time out, so clients retry"), a role given to
 * another actor of the reference ("the browser checks the password" where the reference has the server check it),
 * and a statement of the reference said with the other polarity ("concurrent transactions see each other's
 * intermediate state" against "... do not see ..."). Each answer statement is compared with the reference's as a
 * whole: a swap is the same statement with its two sides, its subject or its polarity changed, so a right answer that
 * regroups the reference's words ("a liveness probe that checks the database is a mistake because a database blip
 * restarts every pod") is not read as one: its judgement ("is a mistake") is no side of any reference statement.
 *
 * A small reading, not a parser: wink's part-of-speech tags (nlp.ts) find the verb, which they often miss on a
 * third-person verb after a noun ("the browser checks the password" tags "checks" a noun), so such a word followed by
 * a determiner is read as the verb too.
 */
import type { AnalyzedText, Token } from './text';
import { CLAUSE_BREAKERS } from './clause-breakers';
import { isNegator, negationMask } from './terms';
import { stem } from './nlp';

/** The span after these is the cause of the span before ("X because Y"). */
const CAUSE_FOLLOWS = new Set(['because']);
/** The span before these is the cause of the span after ("X, so Y"; "X, causing Y"). */
const EFFECT_FOLLOWS = new Set(['so', 'therefore', 'thus', 'hence', 'causing']);
/** Verbs whose subject causes their object ("restart loops make the timeouts too short"). */
const CAUSAL_VERBS = new Set(['cause', 'make']);
/** Verbs that cause with a preposition: "leads to", "results in". */
const CAUSAL_PHRASES = new Map([
  ['lead', 'to'],
  ['result', 'in'],
]);
/** "so" before these is no conclusion ("so that", "so much"). */
const NOT_SO = new Set(['that', 'much', 'many', 'far', 'long', 'on', 'forth']);
const DETERMINERS = new Set(['the', 'a', 'an', 'every', 'each', 'its', 'their', 'his', 'her', 'our', 'your', 'this', 'that', 'these', 'those', 'all', 'any']);

/** One thing said to cause another: the content stems of each side, and how the answer says them. */
export interface CauseLink {
  readonly cause: ReadonlySet<string>;
  readonly effect: ReadonlySet<string>;
  readonly saidCause: string;
  readonly saidEffect: string;
}

/** One clause: who does it (the subject's head noun), the verb, what else it says, and whether it is denied. */
export interface ClauseReading {
  readonly subject: string | null;
  readonly subjectSaid: string;
  readonly verb: string;
  readonly object: ReadonlySet<string>;
  readonly negated: boolean;
  /** The words inside the clause's negation (the words it denies). */
  readonly denied: ReadonlySet<string>;
  readonly said: string;
}

/**
 * A word by the stem of its written form: wink's lemmas differ for one word by its tag ("slower" an adverb in the
 * reference keeps "slower", an adjective in the answer becomes "slow"). The reference's words also add their lemmas'
 * stems (wide), so an answer word matches either.
 */
const stemOf = (t: Token) => (t.content && (t.kind === 'word' || t.kind === 'number') ? stem(t.lower) : null);
const sentenceEnd = (t: Token) => t.kind === 'punctuation' && /[.!?;:]/.test(t.text);
const causalVerb = (toks: readonly Token[], i: number) => {
  const t = toks[i]!;
  if (CAUSAL_VERBS.has(t.lemma) && (t.pos === 'VERB' || /s$/.test(t.lower))) return 1;
  const prep = CAUSAL_PHRASES.get(t.lemma);
  return prep && toks[i + 1]?.lower === prep ? 2 : 0;
};

function stemsOf(toks: readonly Token[], wide = false): Set<string> {
  const out = new Set<string>();
  for (const t of toks) {
    const s = stemOf(t);
    if (s) out.add(s);
    if (s && wide) out.add(t.stem);
  }
  return out;
}
const textOf = (toks: readonly Token[]) => toks.map((t) => t.text).join(' ');

/** The verb of a clause: the first verb tag, or a noun-tagged third-person word after a noun and before a determiner. */
function verbAt(toks: readonly Token[]): number {
  for (let i = 0; i < toks.length; i += 1) {
    const t = toks[i]!;
    if (t.pos === 'VERB') return i;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (t.pos === 'NOUN' && /[^s]s$/.test(t.lower) && prev && (prev.pos === 'NOUN' || prev.pos === 'PROPN' || prev.pos === 'PRON') && next && DETERMINERS.has(next.lower)) return i;
  }
  return -1;
}

/** A reference statement read as agent and action: "a database blip restarts every pod" has the blip cause the restart. */
function agentLink(toks: readonly Token[]): CauseLink | null {
  const v = verbAt(toks);
  if (v <= 0) return null;
  const cause = stemsOf(toks.slice(0, v), true);
  const effect = stemsOf(toks.slice(v), true);
  return cause.size > 0 && effect.size > 0 ? { cause, effect, saidCause: textOf(toks.slice(0, v)), saidEffect: textOf(toks.slice(v)) } : null;
}

/**
 * Cause and effect as a text says them: around "because", "so", "therefore", ", causing", and across a causal verb
 * ("causes", "makes", "leads to"). With agents, every statement's subject is also read as the cause of its predicate
 * (used for the reference only: an answer's plain statement is compared, not read as a cause; the reference's words
 * then also carry their lemmas' stems).
 */
export function causeLinks(text: AnalyzedText, agents = false): CauseLink[] {
  const toks = text.tokens;
  const out: CauseLink[] = [];
  const link = (cause: readonly Token[], effect: readonly Token[]) => {
    const c = stemsOf(cause, agents);
    const e = stemsOf(effect, agents);
    if (c.size > 0 && e.size > 0) out.push({ cause: c, effect: e, saidCause: textOf(cause), saidEffect: textOf(effect) });
  };
  // Spans between sentence ends, contrasts and cause words; each remembers the cause word that opened it.
  const spans: { toks: Token[]; opener: string | null }[] = [{ toks: [], opener: null }];
  toks.forEach((t, i) => {
    const here = spans[spans.length - 1]!;
    if (sentenceEnd(t)) return spans.push({ toks: [], opener: null });
    const isSo = t.lower === 'so' && !NOT_SO.has(toks[i + 1]?.lower ?? '') && toks[i + 1]?.pos !== 'ADJ' && toks[i + 1]?.pos !== 'ADV';
    if (CAUSE_FOLLOWS.has(t.lower) || (EFFECT_FOLLOWS.has(t.lower) && (t.lower !== 'so' || isSo))) return spans.push({ toks: [], opener: t.lower });
    if (CLAUSE_BREAKERS.has(t.lower) || (t.lower === 'and' && toks[i - 1]?.text === ',')) return spans.push({ toks: [], opener: null });
    if (t.kind === 'punctuation' && t.text === ',' && toks[i + 1]?.lower === 'and') return;
    here.toks.push(t);
  });
  spans.forEach((s, k) => {
    const before = spans[k - 1];
    if (s.opener && before && before.toks.length > 0) {
      if (CAUSE_FOLLOWS.has(s.opener)) link(s.toks, before.toks);
      else link(before.toks, s.toks);
    }
    let verbFound = false;
    for (let i = 0; i < s.toks.length; i += 1) {
      const width = causalVerb(s.toks, i);
      if (width > 0 && i > 0) {
        link(s.toks.slice(0, i), s.toks.slice(i + width));
        verbFound = true;
        break;
      }
    }
    if (agents && !verbFound) {
      const a = agentLink(s.toks);
      if (a) out.push(a);
    }
  });
  return out;
}

const within = (xs: ReadonlySet<string>, ys: ReadonlySet<string>) => [...xs].every((x) => ys.has(x));

/** A cause and effect the answer says the other way round from the reference, as the answer says them. */
export interface ReversedCause {
  readonly said: readonly [string, string];
}

const referenceLinks = new WeakMap<AnalyzedText, CauseLink[]>();

/**
 * The answer's cause is (every word of it) a reference effect and its effect that effect's cause, and the reference
 * never says it the answer's way round. At least three words on the two sides: a single word said on both sides is
 * no statement.
 */
export function reversedCauses(reference: AnalyzedText, answer: AnalyzedText): ReversedCause[] {
  const ref = referenceLinks.get(reference) ?? referenceLinks.set(reference, causeLinks(reference, true)).get(reference)!;
  const out: ReversedCause[] = [];
  for (const a of causeLinks(answer)) {
    if (a.cause.size + a.effect.size < 3) continue;
    if (ref.some((r) => within(a.cause, r.cause) && within(a.effect, r.effect))) continue;
    if (ref.some((r) => within(a.cause, r.effect) && within(a.effect, r.cause))) out.push({ said: [a.saidCause, a.saidEffect] });
  }
  return out;
}

/** Clauses split at punctuation, "and"/"or" and the clause breakers; a clause without a subject keeps its sentence's last one. */
export function clausesOf(text: AnalyzedText, wide = false): ClauseReading[] {
  const out: ClauseReading[] = [];
  const mask = negationMask(text.tokens);
  let clause: Token[] = [];
  let lastSubject: { head: string; said: string } | null = null;
  const flush = () => {
    const toks = clause;
    clause = [];
    const v = verbAt(toks);
    if (v < 0) return;
    let subject: { head: string; said: string } | null = null;
    for (let i = v - 1; i >= 0; i -= 1) {
      const t = toks[i]!;
      if ((t.pos === 'NOUN' || t.pos === 'PROPN') && stemOf(t)) {
        subject = { head: t.stem, said: t.lower };
        break;
      }
    }
    subject ??= lastSubject;
    if (subject) lastSubject = subject;
    const object = stemsOf(toks.slice(v + 1), wide);
    out.push({
      subject: subject?.head ?? null,
      subjectSaid: subject?.said ?? '',
      verb: toks[v]!.lemma,
      object,
      negated: toks.some((t) => isNegator(text.tokens, t.index)),
      denied: stemsOf(toks.filter((t) => mask[t.index]), wide),
      said: textOf(toks),
    });
  };
  for (const t of text.tokens) {
    if (sentenceEnd(t)) {
      flush();
      lastSubject = null;
      continue;
    }
    if ((t.kind === 'punctuation' && t.text === ',') || t.lower === 'and' || t.lower === 'or' || CLAUSE_BREAKERS.has(t.lower)) {
      flush();
      continue;
    }
    clause.push(t);
  }
  flush();
  return out;
}

const shared = (x: ReadonlySet<string>, y: ReadonlySet<string>) => [...x].filter((s) => y.has(s)).length;
/** Words a clause must share with the reference's, besides its verb, to be the same statement. */
const SAME_STATEMENT = 2;

/** A reference statement the answer gives to another actor of the reference ("the browser checks the password"). */
export interface TradedRole {
  readonly verb: string;
  readonly saidBy: string;
  readonly referenceSaysBy: string;
  readonly said: string;
}

const referenceClauses = new WeakMap<AnalyzedText, ClauseReading[]>();
const clausesOfReference = (reference: AnalyzedText) => referenceClauses.get(reference) ?? referenceClauses.set(reference, clausesOf(reference, true)).get(reference)!;

/**
 * The answer's clause has a reference clause's verb and at least two of its other words, with another subject: one the
 * reference gives other statements to, and never this verb.
 */
export function tradedRoles(reference: AnalyzedText, answer: AnalyzedText): TradedRole[] {
  const ref = clausesOfReference(reference);
  const actors = new Set(ref.map((c) => c.subject).filter((s): s is string => s !== null));
  const out: TradedRole[] = [];
  for (const a of clausesOf(answer)) {
    if (!a.subject || !actors.has(a.subject)) continue;
    if (ref.some((r) => r.subject === a.subject && r.verb === a.verb)) continue;
    const r = ref.find((c) => c.subject && c.subject !== a.subject && c.verb === a.verb && shared(c.object, a.object) >= SAME_STATEMENT);
    if (r) out.push({ verb: a.verb, saidBy: a.subjectSaid, referenceSaysBy: r.subjectSaid, said: a.said });
  }
  return out;
}

/** A reference statement the answer says with the other polarity ("transactions see" for "do not see"). */
export interface FlippedStatement {
  readonly said: string;
  readonly referenceSays: string;
}

/**
 * Same subject, verb and at least two other words as a reference clause, the other polarity, and never this polarity
 * in the reference; two of the words the negative clause denies are words of the other clause, so the negation is of
 * the statement itself ("strings declared using an array of characters can not extend past the array length" shares
 * "declared using an array of characters" with the reference but denies only "extend").
 */
export function flippedStatements(reference: AnalyzedText, answer: AnalyzedText): FlippedStatement[] {
  const ref = clausesOfReference(reference);
  const out: FlippedStatement[] = [];
  for (const a of clausesOf(answer)) {
    if (!a.subject) continue;
    const same = ref.filter((c) => c.subject === a.subject && c.verb === a.verb && shared(c.object, a.object) >= SAME_STATEMENT);
    if (same.length === 0 || same.some((c) => c.negated === a.negated)) continue;
    const r = same.find((c) => (a.negated ? shared(a.denied, c.object) : shared(c.denied, a.object)) >= SAME_STATEMENT);
    if (r) out.push({ said: a.said, referenceSays: r.said });
  }
  return out;
}
