/** Input the scorer cannot use (no reference answer, a malformed model): the message is a sentence for a person. */
export class ScoringInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScoringInputError';
  }
}
