/**
 * Function words that carry no technical content. Deliberately smaller than a
 * search engine's list: words such as "not", "first", "once", "before", "two"
 * or "same" often *are* the answer in a technical explanation, so they stay
 * content words and the IDF weighting decides how much they count.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the this that these those there here
   i me my mine we us our you your he him his she her it its they them their theirs
   be am is are was were been being do does did done doing have has had having
   will would shall should can could may might must
   of to in on at by for with from into onto about as than then so such
   and or but nor if because while whereas although though also too just only very really
   what which who whom whose when where why how
   some any each every other another own
   s 's 't 're 've 'll 'd`
    .split(/\s+/)
    .filter(Boolean),
);
