/**
 * Small hand-written thesaurus for technical interview answers. wink's light
 * model has lemmas but no synonym sets, and a full WordNet would be megabytes
 * in the guest's download; these groups cover the paraphrases that matter in
 * software answers. Entries are lemmas (lower case); a word may sit in one group.
 * Written from general domain knowledge; a few groups ("memory space storage",
 * "unlimited infinite ...") were added after reading errors on the development
 * split of the grading data. The test split was never used to choose entries.
 */
import { stem } from './nlp';

const GROUPS: readonly string[] = [
  'function method procedure routine subroutine subprogram',
  'parameter argument param arg',
  'variable var',
  'initialize initialise init initialization initialisation',
  'iteration iterate loop looping repetition iterative',
  'error bug defect fault mistake',
  'begin start commence',
  'end finish terminate stop',
  'remove delete erase',
  'insert add',
  'find search locate lookup',
  'call invoke',
  'object instance',
  'constant const',
  'integer int',
  'character char',
  'string str',
  'boolean bool',
  'size length',
  'element item entry',
  'show display print output',
  'check verify validate',
  'execute run',
  'declaration declare',
  'definition define',
  'allocate reserve',
  'deallocate free release',
  'copy duplicate clone',
  'modify change alter update mutate',
  'same identical equal',
  'different distinct',
  'many multiple several',
  'whole entire',
  'portion part piece section segment',
  'big large',
  'small little tiny',
  'maximum max largest biggest greatest highest',
  'minimum min smallest lowest least',
  'last final',
  'previous prior preceding',
  'next following subsequent',
  'fast quick rapid',
  'slow sluggish',
  'speed performance',
  'efficient optimal',
  'reuse reusability reusable',
  'automatically automatic',
  'unlimited infinite limitless unbounded arbitrary',
  'twice double',
  'half halve halves',
  'divide split partition break',
  'combine merge join',
  'sort order arrange',
  'store save hold keep',
  'retrieve get fetch obtain access',
  'assign set',
  'simulate mimic imitate emulate model',
  'behaviour behavior',
  'feature functionality',
  'customer client user',
  'requirement specification spec',
  'program code software application app',
  'test testing',
  'repeat repeatedly',
  'correct right accurate',
  'wrong incorrect invalid',
  'fail crash',
  'hide conceal encapsulate',
  'secure safe',
  'database db',
  'request query',
  'response reply answer',
  'server backend',
  'browser frontend',
  'cache memoize',
  'latency delay',
  'throughput bandwidth',
  'concurrent parallel simultaneous',
  'asynchronous async nonblocking',
  'synchronous sync blocking',
  'thread task',
  'authenticate login authentication',
  'authorize permission authorization',
  'encrypt cipher encryption',
  'deploy release deployment',
  'container docker',
  'scale scalability scalable',
  'monitor observe monitoring observability',
  'log logging',
  'dependency library package',
  'immutable unchangeable readonly',
  'mutable changeable',
  'null nil none empty',
  'memory space storage',
  'grow expand resize resizable',
  'traverse visit walk',
  'zero 0',
  'one 1 single',
  'two 2',
  'three 3',
];

/** lemma -> group id */
const INDEX: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  GROUPS.forEach((g, id) => {
    for (const w of g.split(/\s+/)) if (w && !m.has(w)) m.set(w, id);
  });
  return m;
})();

/** The synonym group of a lemma, or null. Tries the surface form too, for words wink lemmatises oddly. */
export function synonymGroup(lemma: string, lower?: string): number | null {
  return INDEX.get(lemma) ?? (lower !== undefined ? INDEX.get(lower) : undefined) ?? null;
}

/**
 * Spoken or written abbreviations and the words they stand for. A token that is
 * an abbreviation also counts as each content word of its expansion (at the
 * same place in the transcript), so "FIFO" covers "first in first out".
 */
export const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['fifo', 'first in first out'],
  ['lifo', 'last in first out'],
  ['filo', 'first in last out'],
  ['bst', 'binary search tree'],
  ['oop', 'object oriented programming'],
  ['os', 'operating system'],
  ['ram', 'random access memory'],
  ['cpu', 'central processing unit'],
  ['gpu', 'graphics processing unit'],
  ['api', 'application programming interface'],
  ['ui', 'user interface'],
  ['ux', 'user experience'],
  ['dom', 'document object model'],
  ['sql', 'structured query language'],
  ['http', 'hypertext transfer protocol'],
  ['tcp', 'transmission control protocol'],
  ['dns', 'domain name system'],
  ['ci', 'continuous integration'],
  ['cd', 'continuous delivery'],
  ['tdd', 'test driven development'],
  ['orm', 'object relational mapping'],
  ['jwt', 'json web token'],
  ['xss', 'cross site scripting'],
  ['csrf', 'cross site request forgery'],
  ['dfs', 'depth first search'],
  ['bfs', 'breadth first search'],
  ['adt', 'abstract data type'],
  ['ide', 'integrated development environment'],
  ['gc', 'garbage collection'],
  ['ml', 'machine learning'],
  ['sla', 'service level agreement'],
  ['slo', 'service level objective'],
]);

/**
 * Contrasting pairs: an answer that says one where the reference says the other
 * is likely wrong ("compile-time" for "run-time", "LIFO" for "FIFO"). Lemmas or stems.
 */
const CONTRASTS: readonly [string, string][] = [
  ['compile', 'run'], ['compilation', 'runtime'], ['static', 'dynamic'], ['public', 'private'], ['before', 'after'],
  ['first', 'last'], ['left', 'right'], ['minimum', 'maximum'], ['min', 'max'], ['smallest', 'largest'],
  ['increase', 'decrease'], ['true', 'false'], ['iterative', 'recursive'], ['iteration', 'recursion'], ['stack', 'queue'],
  ['push', 'enqueue'], ['pop', 'dequeue'], ['synchronous', 'asynchronous'], ['mutable', 'immutable'], ['local', 'global'],
  ['input', 'output'], ['read', 'write'], ['client', 'server'], ['head', 'tail'], ['top', 'bottom'], ['front', 'back'],
  ['ascending', 'descending'], ['sorted', 'unsorted'], ['inner', 'outer'], ['lower', 'upper'], ['implicit', 'explicit'],
  ['shallow', 'deep'], ['value', 'reference'], ['horizontal', 'vertical'], ['row', 'column'], ['encrypt', 'decrypt'],
  ['lifo', 'fifo'], ['breadth', 'depth'], ['parent', 'child'], ['always', 'never'], ['all', 'none'],
];

let contrastIndex: Map<string, string[]> | null = null;

/** Stems that contrast with a stem ("run" -> ["compil"]); built on first use. */
export function contrastsOf(stemOfWord: string): readonly string[] {
  if (!contrastIndex) {
    const m = new Map<string, string[]>();
    for (const [a, b] of CONTRASTS) {
      const sa = stem(a);
      const sb = stem(b);
      (m.get(sa) ?? m.set(sa, []).get(sa)!).push(sb);
      (m.get(sb) ?? m.set(sb, []).get(sb)!).push(sa);
    }
    contrastIndex = m;
  }
  return contrastIndex.get(stemOfWord) ?? [];
}

