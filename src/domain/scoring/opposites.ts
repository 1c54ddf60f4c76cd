/**
 * Opposites traded between two things: "a small learning rate makes training diverge, a large one converges slowly"
 * against a reference that says "too small and training converges slowly, too large and it diverges". Both answers
 * and reference put every word in one sentence, so pairs of words (association.ts) cannot see the swap; which pole of
 * an opposite pair (small/large, many/few, fast/slow, ...) each word shares a clause with can. A word the reference
 * says only with one pole, said by the answer only with the other, is flipped; two flipped words that trade the two
 * poles of one pair between them are a crossed opposite: the answer gives each thing the other's property.
 */
import type { AnalyzedText } from './text';
import { CLAUSE_BREAKERS } from './clause-breakers';
import { isNegator, negationMask } from './terms';

/** Pairs of opposite properties, each pole by its lemmas (lower case). */
const OPPOSITES: readonly (readonly [readonly string[], readonly string[]])[] = [
  [['small', 'smaller', 'little', 'tiny'], ['large', 'larger', 'big', 'bigger', 'huge']],
  [['few', 'fewer'], ['many']],
  [['slow', 'slowly', 'slower'], ['fast', 'faster', 'quick', 'quickly']],
  [['cheap', 'cheaper'], ['expensive', 'costly']],
  [['base', 'bottom'], ['top']],
  [['increase', 'raise', 'raises', 'increases'], ['decrease', 'reduce', 'lower', 'lowers', 'decreases']],
  [['high', 'higher'], ['low']],
  [['synchronous', 'synchronously'], ['asynchronous', 'asynchronously']],
  [['minimum'], ['maximum']],
  [['succeed', 'succeeds', 'success', 'successful'], ['fail', 'fails', 'failure']],
];

/**
 * Pairs with nothing between their poles: what is not synchronous is asynchronous, what does not succeed fails. Only
 * these are read through a negation ("the caller does not get the result synchronously"); a pole of any other pair
 * said inside a negation is neither pole ("not large" is not "small", and "base" names the base case as often as a
 * bottom).
 */
const COMPLEMENTARY = new Set(OPPOSITES.map(([a], i) => (a[0] === 'synchronous' || a[0] === 'succeed' ? i : -1)).filter((i) => i >= 0));

const POLE = new Map<string, { pair: number; side: 0 | 1 }>();
OPPOSITES.forEach(([a, b], pair) => {
  for (const w of a) POLE.set(w, { pair, side: 0 });
  for (const w of b) POLE.set(w, { pair, side: 1 });
});

const poleOf = (lower: string, lemma: string) => POLE.get(lower) ?? POLE.get(lemma);
/** The pole a word says: the other one of a complementary pair when it is said inside a negation. */
const sideSaid = (pole: { pair: number; side: 0 | 1 }, negated: boolean) => (negated && COMPLEMENTARY.has(pole.pair) ? 1 - pole.side : pole.side);

/**
 * For each clause: the poles it says ("pair:side") and the content stems it says (besides the poles). A pole said
 * inside a negation is the other pole: "the caller does not get the result synchronously" says the caller gets it
 * asynchronously.
 */
function clauses(text: AnalyzedText): { poles: Set<string>; stems: Map<string, string> }[] {
  const out: { poles: Set<string>; stems: Map<string, string> }[] = [{ poles: new Set(), stems: new Map() }];
  const negated = negationMask(text.tokens);
  for (const t of text.tokens) {
    if (CLAUSE_BREAKERS.has(t.lower)) out.push({ poles: new Set(), stems: new Map() });
    const here = out[out.length - 1]!;
    const pole = poleOf(t.lower, t.lemma);
    if (pole) {
      // "not small" is neither pole; "not synchronously" is the other one.
      if (!negated[t.index] || COMPLEMENTARY.has(pole.pair)) here.poles.add(`${pole.pair}:${sideSaid(pole, negated[t.index]!)}`);
    } else if (!isNegator(text.tokens, t.index) && t.content && t.kind === 'word' && t.stem.length > 2 && !here.stems.has(t.stem)) here.stems.set(t.stem, t.lower);
    if (t.kind === 'punctuation' && /[.!?;,:]/.test(t.text)) out.push({ poles: new Set(), stems: new Map() });
  }
  return out.filter((c) => c.poles.size > 0);
}

/** Which poles each stem shares a clause with. */
function polesByStem(text: AnalyzedText): Map<string, { poles: Set<string>; said: string }> {
  const out = new Map<string, { poles: Set<string>; said: string }>();
  for (const c of clauses(text))
    for (const [stem, said] of c.stems) {
      const e = out.get(stem) ?? { poles: new Set<string>(), said };
      for (const p of c.poles) e.poles.add(p);
      out.set(stem, e);
    }
  return out;
}

export interface CrossedOpposite {
  /** As the answer says them: [word, pole] twice, each pole the one the reference gives the other word. */
  readonly said: readonly [readonly [string, string], readonly [string, string]];
}

/** The lemma the answer uses for a pole, to name it in the explanation. */
function poleWord(text: AnalyzedText, key: string): string {
  const negated = negationMask(text.tokens);
  const t = text.tokens.find((x) => {
    const p = poleOf(x.lower, x.lemma);
    return p !== undefined && `${p.pair}:${sideSaid(p, negated[x.index]!)}` === key;
  });
  return t ? (negated[t.index] && COMPLEMENTARY.has(poleOf(t.lower, t.lemma)!.pair) ? `not ${t.lower}` : t.lower) : key;
}

export function flippedWords(reference: AnalyzedText, answer: AnalyzedText): { stem: string; said: string; pair: number; side: string }[] {
  const ref = polesByStem(reference);
  const ans = polesByStem(answer);
  // Flipped: the answer says the stem only with one pole of a pair, the reference only with the other.
  const flipped: { stem: string; said: string; pair: number; side: string }[] = [];
  for (const [stem, a] of ans) {
    const r = ref.get(stem);
    if (!r) continue;
    for (const p of a.poles) {
      const [pair, side] = p.split(':');
      const other = `${pair}:${side === '0' ? 1 : 0}`;
      if (!a.poles.has(other) && r.poles.has(other) && !r.poles.has(p)) flipped.push({ stem, said: a.said, pair: Number(pair), side: side! });
    }
  }
  return flipped;
}

export function crossedOpposites(reference: AnalyzedText, answer: AnalyzedText): CrossedOpposite[] {
  const flipped = flippedWords(reference, answer);
  const out: CrossedOpposite[] = [];
  for (let i = 0; i < flipped.length; i += 1)
    for (let j = i + 1; j < flipped.length; j += 1) {
      const x = flipped[i]!;
      const y = flipped[j]!;
      if (x.pair !== y.pair || x.side === y.side || x.stem === y.stem) continue;
      out.push({ said: [[x.said, poleWord(answer, `${x.pair}:${x.side}`)], [y.said, poleWord(answer, `${y.pair}:${y.side}`)]] });
    }
  return out;
}

/** Words that order two things: what is said left of "before" happens first, left of "after" happens second. */
const ORDER = new Map<string, 'forward' | 'backward'>([
  ['before', 'forward'],
  ['after', 'backward'],
]);

/** "x>y" for every content stem x said to happen before y, clause by clause. */
function orderedFacts(text: AnalyzedText): { pairs: Set<string>; said: Map<string, string> } {
  const pairs = new Set<string>();
  const said = new Map<string, string>();
  let clause: { stem: string; order?: 'forward' | 'backward' }[] = [];
  const flush = () => {
    clause.forEach((w, p) => {
      if (!w.order) return;
      const left = new Set<string>();
      const right = new Set<string>();
      for (let i = p - 1; i >= 0 && !clause[i]!.order; i -= 1) left.add(clause[i]!.stem);
      for (let i = p + 1; i < clause.length && !clause[i]!.order; i += 1) right.add(clause[i]!.stem);
      for (const l of left)
        for (const r of right) if (l !== r && !right.has(l) && !left.has(r)) pairs.add(w.order === 'forward' ? `${l}>${r}` : `${r}>${l}`);
    });
    clause = [];
  };
  for (const t of text.tokens) {
    if (CLAUSE_BREAKERS.has(t.lower)) flush();
    const order = ORDER.get(t.lower);
    if (order) clause.push({ stem: t.lower, order });
    else if (t.content && t.kind === 'word' && t.stem.length > 2) {
      clause.push({ stem: t.stem });
      if (!said.has(t.stem)) said.set(t.stem, t.lower);
    }
    if (t.kind === 'punctuation' && /[.!?;,:]/.test(t.text)) flush();
  }
  flush();
  return { pairs, said };
}

/** Two things the answer puts in the reverse of the reference's order ("setTimeout runs before the promise callback"). */
export interface ReversedOrder {
  /** As the answer says them: the first is said to come before the second. */
  readonly said: readonly [string, string];
}

/** Pairs "x>y" the answer holds only reversed: the reference has x before y (and never y before x), the answer y before x and never x before y. */
function reversedPairs(ref: { pairs: Set<string> }, ans: { pairs: Set<string>; said: Map<string, string> }): ReversedOrder[] {
  const out: ReversedOrder[] = [];
  for (const p of ans.pairs) {
    const [y, x] = p.split('>') as [string, string];
    if (ref.pairs.has(`${x}>${y}`) && !ref.pairs.has(p) && !ans.pairs.has(`${x}>${y}`)) out.push({ said: [ans.said.get(y) ?? y, ans.said.get(x) ?? x] });
  }
  return out;
}

/** Ordered facts the answer reverses: the reference says x before y, the answer y before x and never x before y. */
export function reversedOrders(reference: AnalyzedText, answer: AnalyzedText): ReversedOrder[] {
  const ref = orderedFacts(reference);
  const ans = orderedFacts(answer);
  return reversedPairs(ref, ans);
}

/**
 * Sequence words order the steps of one sentence: a clause with "first" comes before the clauses that follow it,
 * and a clause with "then", "later", "afterwards" or "finally" after the clauses before it ("updates the database and
 * then deletes the cached key"; "update the cache first and only invalidate the database later").
 */
const EARLY = new Set(['first', 'firstly', 'initially']);
const LATER = new Set(['then', 'later', 'afterwards', 'afterward', 'subsequently', 'finally']);
/**
 * Words that set a second statement against the first: the steps after them are a sequence of their own (model v15;
 * before, both statements' steps were ranked as one sequence, and a right answer that told the two orders of ETL and
 * ELT in one sentence reversed a step of the reference).
 */
const CONTRASTS = new Set(['while', 'whereas', 'but', 'however', 'although', 'though', 'whilst', 'unlike']);
/** "first" after one of these is an adjective ("the first request"), not a step. */
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'your', 'my', 'this', 'that', 'each', 'every', 'whichever']);

interface SequenceClause {
  marker: 'early' | 'later' | null;
  /** The later word opens the clause ("then deletes ..."): the step goes on through the clauses after it. */
  opens: boolean;
  /** The clause begins with "and": a new statement, not the step's continuation. */
  joined: boolean;
  stems: Map<string, string>;
}

/** "x>y" for every content stem x said in an earlier step of a sentence than y. */
function sequencedFacts(text: AnalyzedText): { pairs: Set<string>; said: Map<string, string> } {
  const pairs = new Set<string>();
  const said = new Map<string, string>();
  let sentence: SequenceClause[] = [];
  const fresh = (joined = false): SequenceClause => ({ marker: null, opens: false, joined, stems: new Map() });
  let clause = fresh();
  const endClause = (joined = false) => {
    sentence.push(clause);
    clause = fresh(joined);
  };
  const endSentence = () => {
    endClause();
    // A clause that is only its sequence word ("First, ...") gives it to the clause after it.
    const steps: SequenceClause[] = [];
    let carried: SequenceClause | null = null;
    for (const c of sentence) {
      if (carried && c.marker === null) {
        c.marker = carried.marker;
        c.opens = true;
      }
      carried = c.stems.size === 0 && c.marker !== null ? c : null;
      if (c.stems.size > 0) steps.push(c);
    }
    sentence = [];
    if (!steps.some((c) => c.marker === 'later')) return;
    const ranked: { rank: number; stems: Map<string, string> }[] = [];
    let last = 1;
    let seenLater = false;
    let open = false;
    for (const c of steps) {
      if (c.marker === 'early') {
        ranked.push({ rank: 1, stems: c.stems });
        open = false;
      } else if (c.marker === 'later') {
        last += 1;
        seenLater = true;
        open = c.opens;
        ranked.push({ rank: last, stems: c.stems });
      } else if (!seenLater) ranked.push({ rank: 1, stems: c.stems });
      else if (open && !c.joined) ranked.push({ rank: last, stems: c.stems });
      else open = false;
    }
    const byRank = new Map<number, Set<string>>();
    for (const r of ranked) for (const s of r.stems.keys()) (byRank.get(r.rank) ?? byRank.set(r.rank, new Set()).get(r.rank)!).add(s);
    for (const [i, left] of byRank)
      for (const [j, right] of byRank) {
        if (i >= j) continue;
        for (const l of left) for (const r of right) if (l !== r && !right.has(l) && !left.has(r)) pairs.add(`${l}>${r}`);
      }
  };
  text.tokens.forEach((t, i) => {
    // A contrast starts a sequence of its own: "in ETL it is transformed first and loaded later, while in ELT it is
    // loaded first and then transformed" tells two orders, not one of five steps.
    if ((t.kind === 'punctuation' && /[.!?;]/.test(t.text)) || CONTRASTS.has(t.lower)) return endSentence();
    if (t.kind === 'punctuation' && /[,:]/.test(t.text)) return endClause();
    // "and", "or" and the clause breakers start a clause ("and then deletes" is one).
    if (t.lower === 'and' || t.lower === 'or' || CLAUSE_BREAKERS.has(t.lower)) {
      if (clause.stems.size > 0 || clause.marker !== null) endClause(t.lower === 'and');
      else if (t.lower === 'and') clause.joined = true;
    }
    if (EARLY.has(t.lower) && !DETERMINERS.has(text.tokens[i - 1]?.lower ?? '')) clause.marker = 'early';
    else if (LATER.has(t.lower)) {
      clause.marker = 'later';
      clause.opens = clause.stems.size === 0;
    } else if (t.content && t.kind === 'word' && t.stem.length > 2) {
      if (!clause.stems.has(t.stem)) clause.stems.set(t.stem, t.lower);
      if (!said.has(t.stem)) said.set(t.stem, t.lower);
    }
  });
  endSentence();
  return { pairs, said };
}

const readSequences = new WeakMap<AnalyzedText, { pairs: Set<string>; said: Map<string, string> }>();

/** Steps the answer puts in the reverse of the reference's sequence: the reference says x first and y later, the answer y first and x later. */
export function reversedSequences(reference: AnalyzedText, answer: AnalyzedText): ReversedOrder[] {
  const ref = readSequences.get(reference) ?? readSequences.set(reference, sequencedFacts(reference)).get(reference)!;
  const ans = sequencedFacts(answer);
  return reversedPairs(ref, ans);
}

/** Reference words the answer says with the other pole of one pair, all the same way round ("succeed" where the reference says "fails"). */
export interface ContradictedProperty {
  /** The pole as the answer says it ("succeed", "not synchronously"). */
  readonly said: string;
  /** The pole as the reference says it of the same words. */
  readonly referenceSays: string;
  /** The words, as the answer says them. */
  readonly words: readonly string[];
}

/**
 * Flipped words (flippedWords) gathered by the pole the answer moves them to: "optimistic locking with a version
 * column makes both requests succeed" moves "optimistic", "version" and "column" from the reference's "fails" to
 * "succeed". Unlike a crossed opposite nothing is traded back, so it is a contradiction of one statement rather than
 * a swap, and it counts only beside another sign of a swap (rubric-rules.ts).
 */
export function contradictedProperties(reference: AnalyzedText, answer: AnalyzedText): ContradictedProperty[] {
  const groups = new Map<string, string[]>();
  for (const f of flippedWords(reference, answer)) {
    const key = `${f.pair}:${f.side}`;
    const words = groups.get(key) ?? groups.set(key, []).get(key)!;
    if (!words.includes(f.said)) words.push(f.said);
  }
  return [...groups].map(([key, words]) => {
    const [pair, side] = key.split(':');
    return { said: poleWord(answer, key), referenceSays: poleWord(reference, `${pair}:${side === '0' ? 1 : 0}`), words };
  });
}
