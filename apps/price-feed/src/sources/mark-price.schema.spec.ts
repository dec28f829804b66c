import { markPriceResponseSchema } from './mark-price.schema';

describe('markPriceResponseSchema', () => {
  it('reads the mark price of a FullDerivativeMarket exactly', () => {
    const reply = { market: { market: { ticker: 'INJ/USDT PERP' }, perpetual_info: {}, mark_price: '24.170000000000000000' } };
    expect(markPriceResponseSchema.parse(reply)?.toFixed()).toBe('24.17');
  });

  it('reads a null mark price as none', () => {
    expect(markPriceResponseSchema.parse({ market: { mark_price: null } })).toBeNull();
  });

  it('lets a negative mark price through for validation to refuse and count', () => {
    expect(markPriceResponseSchema.parse({ market: { mark_price: '-1.5' } })?.toFixed()).toBe('-1.5');
  });

  it('refuses a body without the market', () => {
    expect(markPriceResponseSchema.safeParse({ mark_price: '1' }).success).toBe(false);
  });
});
