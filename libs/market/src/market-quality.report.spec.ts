import { marketQualitySchema } from '@mirrorbook/contracts';
import { BookQualityWindow } from './book-quality.window';
import { marketQualityPayload, qualitySample } from './market-quality.report';
import { olpRuleFor, type OwnOrder } from './olp.uptime';

// mainnet mid 100, spread 10 bps; testnet mid 100.5, spread 20 bps
const mainnet = { bids: [{ price: '99.95', quantity: '10' }], asks: [{ price: '100.05', quantity: '10' }] };
const testnet = { bids: [{ price: '100.3995', quantity: '5' }], asks: [{ price: '100.6005', quantity: '5' }] };
const rule = olpRuleFor('inj-usdt');
const orders: OwnOrder[] = [
  { side: 'buy', price: '100', quantity: '40' },
  { side: 'sell', price: '101', quantity: '40' },
];

describe('qualitySample', () => {
  describe('when the bots\' orders are known', () => {
    const sample = qualitySample({ testnet, mainnet, orders, rule, depthScale: '0.5', ts: 7 });

    it('measures the books with bookQuality and the orders around the testnet mid', () => {
      expect(sample.ts).toBe(7);
      expect(sample.quality.trackingErrorBps?.toFixed()).toBe('50');
      expect(sample.quality.spreadRatio?.toFixed()).toBe('2');
      expect(sample.uptime).toEqual({ aggregate: true, perOrder: true });
    });

    it('compares depth with mainnet × depthScale', () => {
      // 10 bps band: 100.3995 × 5 against 99.95 × 10 × 0.5
      expect(sample.quality.depth[0]?.ratio.bids?.toFixed()).toBe('1.004497248624312156078039019509754877439');
    });
  });

  describe('when the bots\' orders are unknown', () => {
    it('leaves the uptime unknown', () => {
      expect(qualitySample({ testnet, mainnet, orders: null, rule, depthScale: '1', ts: 0 }).uptime).toBeNull();
    });
  });
});

describe('marketQualityPayload', () => {
  it('writes the rolling figures as an md.quality payload of decimal strings', () => {
    const window = new BookQualityWindow(60_000);
    window.add(qualitySample({ testnet, mainnet, orders, rule, depthScale: '1', ts: 0 }));
    window.add(qualitySample({ testnet, mainnet, orders: [], rule, depthScale: '1', ts: 1000 }));
    const payload = marketQualityPayload('inj-usdt', window.figures(3000), { ts: 3000, rule, depthScale: '1' });
    expect(marketQualitySchema.parse(payload)).toEqual(payload);
    expect(payload).toMatchObject({
      market: 'inj-usdt',
      windowMs: 60_000,
      ts: 3000,
      samples: 2,
      depthScale: '1',
      rule: { maxSpreadBps: '100', minDepth: '4000' },
      figures: { trackingErrorRmsBps: '50', spreadRatio: '2', uptimePct: { aggregate: '33.33333333333333333333333333333333333333', perOrder: '33.33333333333333333333333333333333333333' } },
    });
  });
});
