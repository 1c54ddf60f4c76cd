/**
 * First-pass scoring of interview answers. Pure TypeScript with no DOM: the
 * scoring worker, the server and the tests all import it from here.
 */
export { scoreSpokenAnswer, createSpokenScorer, ScoringInputError } from './spoken';
export type { SpokenAnswerInput, SpokenScore, SpokenScorer, SpokenScorerOptions, ScoringQuestion } from './spoken';
export { scoreMcq } from './mcq';
export type { McqInput, McqScore } from './mcq';
export type { AccuracyResult, AccuracyBand } from './accuracy';
export type { ConceptResult, ConceptWordMatch, TranscriptSpan } from './concepts';
export { deriveConcepts } from './concepts';
export type { ToneResult, ToneCue, Assertiveness, Polarity } from './tone';
export type { DeliveryResult, TimedWord, Pause, FillerUse, Pace } from './delivery';
export { LONG_PAUSE_SEC, SLOW_WPM, FAST_WPM } from './delivery';
export { buildCorpusStats, EMPTY_CORPUS, fixedCorpus } from './corpus';
export type { CorpusStats } from './corpus';
export { agreement, pearson } from './agreement';
export type { Agreement } from './agreement';
export type { MatchKind } from './terms';
export type { AccuracyModel, RatedAnswersModel } from './accuracy-model';
export { checkAccuracyModel, checkRatedAnswers } from './model-check';
export { ratedAnswersFor, ratedAnswersKey, usableRatedAnswers } from './rated-answers';
export type { RatedAnswer, RatedInfluence, RatedNeighbour } from './rated-answers';
export { sameQuestion, questionSimilarity } from './question-match';
export type { RubricCeiling, RubricRuleName } from './rubric-rules';
