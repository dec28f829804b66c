import { Dec, leverageMargin, markPriceThreshold, meetsMarkPriceThreshold } from '@mirrorbook/market';

describe('markPriceThreshold / meetsMarkPriceThreshold (injective-core ComputeMarkPriceThreshold)', () => {
  // price 10, 1 contract, margin 5 (leverage 2), IMR 0.2
  const buy = { side: 'buy' as const, price: new Dec(10), quantity: new Dec(1), margin: new Dec(5) };
  const sell = { ...buy, side: 'sell' as const };
  const imr = new Dec('0.2');

  it('a buy needs mark ≥ P(1 − 1/L)/(1 − IMR): 10 · 0.5 / 0.8 = 6.25', () => {
    expect(markPriceThreshold(buy, imr).toFixed()).toBe('6.25');
  });

  it('a sell needs mark ≤ P(1 + 1/L)/(1 + IMR): 10 · 1.5 / 1.2 = 12.5', () => {
    expect(markPriceThreshold(sell, imr).toFixed()).toBe('12.5');
  });

  it('the bound itself passes, one 18th decimal beyond it fails', () => {
    expect(meetsMarkPriceThreshold('buy', new Dec('6.25'), new Dec('6.25'))).toBe(true);
    expect(meetsMarkPriceThreshold('buy', new Dec('6.25'), new Dec('6.249999999999999999'))).toBe(false);
    expect(meetsMarkPriceThreshold('sell', new Dec('12.5'), new Dec('12.5'))).toBe(true);
    expect(meetsMarkPriceThreshold('sell', new Dec('12.5'), new Dec('12.500000000000000001'))).toBe(false);
  });

  it('scales with quantity only through the margin (same leverage, same bound)', () => {
    const big = { ...buy, quantity: new Dec(3), margin: new Dec(15) };
    expect(markPriceThreshold(big, imr).toFixed()).toBe('6.25');
  });

  it('rounds to the chain’s 18 decimals (10 · 0.5 / 0.917)', () => {
    expect(markPriceThreshold(buy, new Dec('0.083')).toFixed()).toBe('5.452562704471101418');
  });

  it('a higher leverage moves the buy bound towards the price: L = 10, IMR 0.083 → 10 · 0.9 / 0.917', () => {
    const margin = leverageMargin(new Dec(10), new Dec(1), new Dec(10), 6);
    expect(margin.toFixed()).toBe('1');
    expect(markPriceThreshold({ ...buy, margin }, new Dec('0.083')).toFixed()).toBe('9.814612868047982552');
  });
});

describe('leverageMargin', () => {
  it('is notional ÷ leverage rounded up to the quote decimals', () => {
    expect(leverageMargin(new Dec(10), new Dec(1), new Dec(3), 6).toFixed()).toBe('3.333334');
  });
});
