import { Dec } from './decimal.config';

/**
 * Internal: a Decimal with room for every digit of a tick rounding or a notional product, so
 * those never pass through a 40-digit rounding step (which could round a notional up to the
 * minimum, or a price off its tick). Results are handed back as `Dec`, whose constructor keeps
 * all digits.
 */
export const ExactDec = Dec.clone({ precision: 1000 });
