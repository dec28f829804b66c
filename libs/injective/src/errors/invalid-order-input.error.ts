import { InjectiveError } from './injective.error';

/** An order handed to the msg builder that the chain could not accept as written. */
export class InvalidOrderInputError extends InjectiveError {
  override readonly name = 'InvalidOrderInputError';
  readonly code = 'INVALID_ORDER_INPUT';

  constructor(
    /** where in the input, e.g. `spotCreates[3].price` */
    readonly field: string,
    /** why it was refused */
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
