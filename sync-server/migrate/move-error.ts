/** A refusal of the move to PostgreSQL: one sentence for the person running it; nothing was changed when it is thrown before the copy. */
export class MoveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoveError';
  }
}
