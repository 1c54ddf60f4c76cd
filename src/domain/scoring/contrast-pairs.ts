/**
 * Named opposites: two things an interview answer is expected to tell apart ("a readiness probe ... a liveness
 * probe", "inner join ... left join", "the mean ... the median", "TCP ... UDP", "O(1) ... O(n)"). Swapping them is
 * the classic wrong answer that still uses every word of the reference, so named-contrasts.ts checks which of the two
 * each fact is said of. Each member lists the ways it is said (analysed like any text, so plurals and hyphens match).
 *
 * A way written with a capital letter matches only as written ("GET" the method, not "get" the verb); the others
 * match in any case, word by word as the analyser splits them ("O(1)" is o ( 1 ), hyphens are skipped).
 *
 * Data, not code: a pair is checked only for a question whose reference answer says something of each member on its
 * own. The list follows the question bank: tests/unit/scoring-named-contrasts.test.ts checks that one bank question
 * names both members of every pair (its prompt, reference answer or options), so a pair no question asks about does
 * not sit here unchecked.
 */
export type ContrastPair = readonly [readonly string[], readonly string[]];

export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  // Statistics and machine learning.
  [['mean', 'average'], ['median']],
  [['type i'], ['type ii']],
  [['false positive', 'false positives'], ['false negative', 'false negatives']],
  [['precision'], ['recall']],
  [['bias'], ['variance']],
  [['overfitting', 'overfit'], ['underfitting', 'underfit']],
  [['l1', 'lasso'], ['l2', 'ridge']],
  [['bagging'], ['boosting']],
  // Databases.
  [['inner join'], ['left join', 'left outer join']],
  [['b-tree', 'b-trees'], ['lsm-tree', 'lsm-trees', 'lsm']],
  [['normalization', 'normalisation', 'normalize', 'normalise'], ['denormalization', 'denormalisation', 'denormalize', 'denormalise']],
  [['offset'], ['cursor']],
  [['exactly-once'], ['at-least-once']],
  [['at-most-once'], ['at-least-once']],
  // Operations and testing.
  [['readiness'], ['liveness']],
  [['active-passive'], ['active-active']],
  [['blue-green'], ['canary']],
  [['unit test', 'unit tests'], ['end-to-end', 'e2e']],
  // Networks, web and APIs.
  [['tcp'], ['udp']],
  [['client'], ['server']],
  [['authentication'], ['authorization', 'authorisation']],
  [['401'], ['403']],
  [['PUT'], ['PATCH']],
  [['GET'], ['POST']],
  [['capture', 'capturing'], ['bubbling', 'bubble', 'bubbles']],
  [['props'], ['state']],
  [['localstorage'], ['sessionstorage']],
  [['session', 'sessions'], ['jwt', 'jwts']],
  [['polling'], ['websocket', 'websockets']],
  [['symmetric'], ['asymmetric']],
  [['public key'], ['private key']],
  [['hashing'], ['encryption']],
  // Data structures, complexity and processes.
  [['stack'], ['queue']],
  [['o(1)'], ['o(n)']],
  [['o(log n)'], ['o(n)']],
  [['process', 'processes'], ['thread', 'threads']],
];
