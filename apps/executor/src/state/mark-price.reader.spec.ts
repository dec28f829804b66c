import type Decimal from 'decimal.js';
import { Dec, type Market } from '@mirrorbook/market';
import { testnetMarket } from '../testing/market.fixture';
import { MarkPriceReader } from './mark-price.reader';

const markets = new Map<string, Market>([
  ['inj-usdt', testnetMarket('inj-usdt')],
  ['inj-usdt-perp', testnetMarket('inj-usdt-perp')],
]);

describe('MarkPriceReader', () => {
  it('reads the mark of derivative markets only, and once per maxAgeMs', async () => {
    let reads = 0;
    const reader = new MarkPriceReader({ markPrice: async () => new Dec(10 + reads++) });
    const first = await reader.marks(markets, ['inj-usdt', 'inj-usdt-perp', 'inj-usdt-perp'], 60_000);
    expect([...first.keys()]).toEqual(['inj-usdt-perp']);
    expect(first.get('inj-usdt-perp')!.toFixed()).toBe('10');
    expect((await reader.marks(markets, ['inj-usdt-perp'], 60_000)).get('inj-usdt-perp')!.toFixed()).toBe('10');
    expect(reads).toBe(1);
    expect((await reader.marks(markets, ['inj-usdt-perp'], -1)).get('inj-usdt-perp')!.toFixed()).toBe('11');
    reader.invalidate();
    await reader.marks(markets, ['inj-usdt-perp'], 60_000);
    expect(reads).toBe(3);
  });

  it('keeps a nil mark as null and leaves out a market whose read failed (not kept)', async () => {
    let answer: () => Promise<Decimal | null> = async () => null;
    const reader = new MarkPriceReader({ markPrice: () => answer() });
    expect((await reader.marks(markets, ['inj-usdt-perp'], 0)).get('inj-usdt-perp')).toBeNull();
    answer = async () => {
      throw new Error('chain unavailable');
    };
    expect((await reader.marks(markets, ['inj-usdt-perp'], -1)).has('inj-usdt-perp')).toBe(false);
  });
});
