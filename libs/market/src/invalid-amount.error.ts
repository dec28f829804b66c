export type InvalidAmountErrorCode = 'NOT_FINITE' | 'NEGATIVE' | 'NOT_POSITIVE';

/**
 * A price, quantity or tick handed to the rounding functions or the book measures (or a value to
 * print) is unusable.
 */
export class InvalidAmountError extends Error {
  override readonly name = 'InvalidAmountError';

  constructor(
    /** stable, branch on this rather than on the message */
    readonly code: InvalidAmountErrorCode,
    /** which argument was wrong, e.g. `price` or `market.priceTick` */
    readonly argument: string,
    /** the offending value as given, for logs */
    readonly value: string,
  ) {
    super(`${argument} ${describe(code)}: ${value}`);
  }
}

function describe(code: InvalidAmountErrorCode): string {
  switch (code) {
    case 'NOT_FINITE':
      return 'must be a finite number';
    case 'NEGATIVE':
      return 'must not be negative';
    case 'NOT_POSITIVE':
      return 'must be greater than zero';
  }
}
