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
];

const POLE = new Map<string, { pair: number; side: 0 | 1 }>();
OPPOSITES.forEach(([a, b], pair) => {
  for (const w of a) POLE.set(w, { pair, side: 0 });
  for (const w of b) POLE.set(w, { pair, side: 1 });
});

const poleOf = (lower: string, lemma: string) => POLE.get(lower) ?? POLE.get(lemma);

/** For each clause: the poles it says ("pair:side") and the content stems it says (besides the poles). */
function clauses(text: AnalyzedText): { poles: Set<string>; stems: Map<string, string> }[] {
  const out: { poles: Set<string>; stems: Map<string, string> }[] = [{ poles: new Set(), stems: new Map() }];
  for (const t of text.tokens) {
    if (CLAUSE_BREAKERS.has(t.lower)) out.push({ poles: new Set(), stems: new Map() });
    const here = out[out.length - 1]!;
    const pole = poleOf(t.lower, t.lemma);
    if (pole) here.poles.add(`${pole.pair}:${pole.side}`);
    else if (t.content && t.kind === 'word' && t.stem.length > 2 && !here.stems.has(t.stem)) here.stems.set(t.stem, t.lower);
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
  const t = text.tokens.find((x) => {
    const p = poleOf(x.lower, x.lemma);
    return p !== undefined && `${p.pair}:${p.side}` === key;
  });
  return t?.lower ?? key;
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

/** Ordered facts the answer reverses: the reference says x before y, the answer y before x and never x before y. */
export function reversedOrders(reference: AnalyzedText, answer: AnalyzedText): ReversedOrder[] {
  const ref = orderedFacts(reference);
  const ans = orderedFacts(answer);
  const out: ReversedOrder[] = [];
  for (const p of ans.pairs) {
    const [y, x] = p.split('>') as [string, string];
    if (ref.pairs.has(`${x}>${y}`) && !ref.pairs.has(p) && !ans.pairs.has(`${x}>${y}`)) out.push({ said: [ans.said.get(y) ?? y, ans.said.get(x) ?? x] });
  }
  return out;
}
