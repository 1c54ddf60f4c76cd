/**
 * Facts given to the other member of a named pair (contrast-pairs.ts): "when the readiness probe fails the kubelet
 * restarts the container" against a reference where the liveness probe restarts it, "the median is pulled by
 * outliers". The answer keeps every word of the reference and only trades the two names, so word overlap and the
 * pair checks of association.ts (which take "readiness probe" and "liveness probe", or "inner join" and "left join",
 * as one thing) cannot see it.
 *
 * Each text is read clause by clause (split at punctuation and contrasting conjunctions); a clause that names one
 * member of a pair says its facts of that member, and a clause that names neither goes on about the member the
 * sentence last named ("a readiness probe tells Kubernetes ...: while it fails, the pod is removed"). A clause that
 * names both compares them and is not read. (Giving a whole sentence to the one member it names, also the clauses
 * before the name, made one strong and one partial answer of the own development split cross three facts.) A fact (a content word) the reference says only of one member and the
 * answer only of the other is crossed; one the answer says of the same member as the reference is kept.
 */
import { CONTRAST_PAIRS } from './contrast-pairs';
import { analyze, type AnalyzedText, type Token } from './text';
import { CLAUSE_BREAKERS } from './clause-breakers';

interface Way {
  readonly pair: number;
  readonly side: 0 | 1;
  /** Token texts to match in order: as written when the way has a capital letter, else lower case. */
  readonly words: readonly string[];
  readonly exactCase: boolean;
}

let ways: Way[] | null = null;

/** Every way of saying every member, longest first so "left outer join" wins over a shorter way. */
function allWays(): Way[] {
  if (ways) return ways;
  const out: Way[] = [];
  CONTRAST_PAIRS.forEach((members, pair) =>
    members.forEach((said, side) => {
      for (const s of said) {
        const exactCase = /[A-Z]/.test(s);
        const words = analyze(s).tokens.filter((t) => t.text !== '-').map((t) => (exactCase ? t.text : t.lower));
        if (words.length > 0) out.push({ pair, side: side as 0 | 1, words, exactCase });
      }
    }),
  );
  ways = out.sort((a, b) => b.words.length - a.words.length);
  return ways;
}

/** Ways by their first word, for a lookup per token. */
let byFirst: Map<string, Way[]> | null = null;

function waysStartingWith(t: Token): readonly Way[] {
  if (!byFirst) {
    byFirst = new Map();
    for (const w of allWays()) byFirst.set(w.words[0]!, [...(byFirst.get(w.words[0]!) ?? []), w]);
  }
  const lower = byFirst.get(t.lower) ?? [];
  const exact = t.text !== t.lower ? (byFirst.get(t.text) ?? []) : [];
  return exact.length ? [...exact, ...lower].sort((a, b) => b.words.length - a.words.length) : lower;
}

/** Where each member of each pair is named: token index → the pairs and sides it names (a token may name several pairs' members). */
function namings(tokens: readonly Token[]): Map<number, { pair: number; side: 0 | 1 }[]> {
  const out = new Map<number, { pair: number; side: 0 | 1 }[]>();
  const taken = new Set<string>();
  for (let i = 0; i < tokens.length; i += 1) {
    for (const way of waysStartingWith(tokens[i]!)) {
      let j = i;
      let k = 0;
      const at: number[] = [];
      while (k < way.words.length && j < tokens.length) {
        const t = tokens[j]!;
        if (t.text === '-' && k > 0) {
          j += 1;
          continue;
        }
        if ((way.exactCase ? t.text : t.lower) !== way.words[k]) break;
        at.push(j);
        j += 1;
        k += 1;
      }
      // A token already named by a longer way of the same pair is not named again ("left outer join" once).
      if (k < way.words.length || at.some((x) => taken.has(`${way.pair}:${x}`))) continue;
      for (const x of at) {
        taken.add(`${way.pair}:${x}`);
        const list = out.get(x) ?? [];
        list.push({ pair: way.pair, side: way.side });
        out.set(x, list);
      }
    }
  }
  return out;
}

/** For one pair: which members each content stem is said of, and the word the text used for it. */
type SaidOf = Map<string, { sides: Set<0 | 1>; said: string }>;

/** A question's reference is read once, however many answers are checked against it. */
const readReferences = new WeakMap<AnalyzedText, Map<number, SaidOf>>();

/** Facts by pair: the stems each clause says, given to the member the clause names (or the sentence last named). */
function factsByPair(text: AnalyzedText): Map<number, SaidOf> {
  const named = namings(text.tokens);
  const pairs = new Set([...named.values()].flatMap((l) => l.map((n) => n.pair)));
  const out = new Map<number, SaidOf>();
  for (const pair of pairs) {
    const facts: SaidOf = new Map();
    const give = (side: 0 | 1, stems: Map<string, string>) => {
      for (const [stem, said] of stems) {
        const e = facts.get(stem) ?? { sides: new Set<0 | 1>(), said };
        e.sides.add(side);
        facts.set(stem, e);
      }
    };
    let sentence: { sides: Set<0 | 1>; stems: Map<string, string> }[] = [];
    let clause: { sides: Set<0 | 1>; stems: Map<string, string> } = { sides: new Set(), stems: new Map() };
    const endClause = () => {
      sentence.push(clause);
      clause = { sides: new Set(), stems: new Map() };
    };
    const endSentence = () => {
      endClause();
      // Each clause of the member it names, or of the one the sentence last named; a clause naming both compares them.
      let subject: 0 | 1 | null = null;
      for (const c of sentence) {
        const side: 0 | 1 | null = c.sides.size === 1 ? [...c.sides][0]! : c.sides.size === 0 ? subject : null;
        if (side !== null) give(side, c.stems);
        subject = side;
      }
      sentence = [];
    };
    text.tokens.forEach((t, i) => {
      if (CLAUSE_BREAKERS.has(t.lower)) endClause();
      const names = named.get(i)?.filter((n) => n.pair === pair) ?? [];
      if (names.length > 0) for (const n of names) clause.sides.add(n.side);
      else if (t.content && ((t.kind === 'word' && t.stem.length > 2) || t.kind === 'number') && !clause.stems.has(t.stem)) clause.stems.set(t.stem, t.lower);
      if (t.kind === 'punctuation' && /[.!?;]/.test(t.text)) endSentence();
      else if (t.kind === 'punctuation' && /[,:]/.test(t.text)) endClause();
    });
    endSentence();
    out.set(pair, facts);
  }
  return out;
}

export interface NamedSwap {
  /** The pair's two members as the contrast list names them. */
  readonly members: readonly [string, string];
  /** Facts the answer says of the other member than the reference: [word, member the answer gives it to, member the reference does]. */
  readonly crossed: readonly (readonly [string, string, string])[];
  /** Facts the answer says of the same member as the reference. */
  readonly kept: number;
  /** Whether facts cross both ways (a fact of each member given to the other). */
  readonly bothWays: boolean;
  /**
   * The reference says facts of one member only, and the answer gives them to the other: it names the other member
   * where the reference names this one ("delivery is exactly-once" for "at-least-once delivery"). Weaker evidence than
   * a pair the reference tells apart, so it counts only beside another sign of a swap (rubric-rules.ts).
   */
  readonly substituted: boolean;
}

/** Pairs whose two members the reference tells apart, with the facts the answer crosses between them. */
export function namedSwaps(reference: AnalyzedText, answer: AnalyzedText): NamedSwap[] {
  const ref = readReferences.get(reference) ?? readReferences.set(reference, factsByPair(reference)).get(reference)!;
  const ans = factsByPair(answer);
  const out: NamedSwap[] = [];
  for (const [pair, refFacts] of ref) {
    const ansFacts = ans.get(pair);
    if (!ansFacts) continue;
    const only = (e: { sides: Set<0 | 1> } | undefined) => (e && e.sides.size === 1 ? [...e.sides][0]! : null);
    // The reference must say something of each member on its own.
    const refSides = new Set([...refFacts.values()].map(only).filter((s) => s !== null));
    if (refSides.size === 0) continue;
    const members = CONTRAST_PAIRS[pair]!.map((m) => m[0]!) as [string, string];
    const crossed: [string, string, string][] = [];
    const directions = new Set<number>();
    let kept = 0;
    for (const [stem, a] of ansFacts) {
      const r = only(refFacts.get(stem));
      const s = only(a);
      if (r === null || s === null) continue;
      if (r === s) kept += 1;
      else {
        crossed.push([a.said, members[s], members[r]]);
        directions.add(r);
      }
    }
    if (crossed.length > 0 || kept > 0) out.push({ members, crossed, kept, bothWays: directions.size === 2, substituted: refSides.size === 1 });
  }
  return out;
}

/** Which members of which pairs a text names at all (pair index → sides): for the pair list's own checks. */
export function membersNamed(text: AnalyzedText): Map<number, Set<0 | 1>> {
  const out = new Map<number, Set<0 | 1>>();
  for (const list of namings(text.tokens).values()) for (const n of list) out.set(n.pair, (out.get(n.pair) ?? new Set<0 | 1>()).add(n.side));
  return out;
}
