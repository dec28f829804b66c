import { Dec } from '@mirrorbook/market';
import { validateBook } from './book.validator';

const levels = (...pairs: [string, string][]) => pairs.map(([p, q]) => ({ price: new Dec(p), quantity: new Dec(q) }));

describe('validateBook', () => {
  it('accepts an ordered, uncrossed book on the INJ/USDT tick (0.001)', () => {
    const book = { bids: levels(['12.345', '1.5'], ['12.344', '3']), asks: levels(['12.346', '2'], ['12.35', '0.001']) };
    expect(validateBook(book)).toEqual({ ok: true, value: book });
  });

  it('accepts an empty book and a one-sided book', () => {
    expect(validateBook({ bids: [], asks: [] }).ok).toBe(true);
    expect(validateBook({ bids: levels(['12.3', '1']), asks: [] }).ok).toBe(true);
  });

  it('refuses a crossed book', () => {
    const verdict = validateBook({ bids: levels(['12.35', '1']), asks: levels(['12.34', '1']) });
    expect(verdict).toMatchObject({ ok: false, reason: 'crossed-book' });
  });

  it('refuses a locked book', () => {
    expect(validateBook({ bids: levels(['12.35', '1']), asks: levels(['12.35', '1']) })).toMatchObject({ ok: false, reason: 'crossed-book' });
  });

  it('names the level with a non-positive price or quantity', () => {
    expect(validateBook({ bids: levels(['12.3', '1'], ['0', '1']), asks: [] })).toEqual({
      ok: false,
      reason: 'non-positive-price',
      detail: 'bids[1].price 0',
    });
    expect(validateBook({ bids: [], asks: levels(['12.4', '-2']) })).toMatchObject({ ok: false, reason: 'non-positive-quantity', detail: 'asks[0].quantity -2' });
  });

  it('refuses levels out of order or repeated', () => {
    expect(validateBook({ bids: levels(['12.3', '1'], ['12.31', '1']), asks: [] })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(validateBook({ bids: [], asks: levels(['12.4', '1'], ['12.4', '1']) })).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
