import { Dec } from '@mirrorbook/market';
import { gapPercent } from './book.metrics';

// Mid, spread and depth are specified with libs/market (book.metrics.spec.ts there).

describe('gapPercent', () => {
  it('is signed: a testnet mid above mainnet is a positive gap', () => {
    expect(gapPercent(new Dec('28.75'), new Dec('25'))?.toFixed()).toBe('15');
    expect(gapPercent(new Dec('24'), new Dec('25'))?.toFixed()).toBe('-4');
  });

  it('is unknown without both prices', () => {
    expect(gapPercent(null, new Dec('25'))).toBeNull();
    expect(gapPercent(new Dec('25'), null)).toBeNull();
    expect(gapPercent(new Dec('25'), new Dec(0))).toBeNull();
  });
});
