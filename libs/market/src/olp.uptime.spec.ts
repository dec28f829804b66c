import { olpRuleFor, twoSidedUptime, type OlpRule, type OwnOrder } from './olp.uptime';
import { Dec } from './decimal.config';

const buy = (price: string, quantity: string): OwnOrder => ({ side: 'buy', price, quantity });
const sell = (price: string, quantity: string): OwnOrder => ({ side: 'sell', price, quantity });

// MaxSpread 50 bps around a mid of 1000: [995, 1005], edges included; MinDepth 4000 quote
const RULE: OlpRule = { maxSpreadBps: new Dec(50), minDepth: new Dec(4000) };

describe('twoSidedUptime', () => {
  describe('when each side sums to MinDepth only across several orders', () => {
    it('is up under the aggregate rule, not under the per-order rule', () => {
      // bids 999 × 2 = 1998 + 996 × 2.5 = 2490 → 4488 ≥ 4000; 994 × 10 lies outside the band
      // asks 1004 × 2 = 2008 + 1005 × 2 = 2010 (on the edge) → 4018 ≥ 4000; no single order ≥ 4000
      const orders = [buy('999', '2'), buy('996', '2.5'), buy('994', '10'), sell('1004', '2'), sell('1005', '2')];
      expect(twoSidedUptime(orders, '1000', RULE)).toEqual({ aggregate: true, perOrder: false });
    });
  });

  describe('when one order on each side is itself MinDepth', () => {
    it('is up under both rules', () => {
      // bids 1000 × 4 = 4000 (exactly MinDepth), or 995 × 5 = 4975 on the band's edge; asks 1002.5 × 4 = 4010
      expect(twoSidedUptime([buy('1000', '4'), sell('1002.5', '4')], '1000', RULE)).toEqual({ aggregate: true, perOrder: true });
      expect(twoSidedUptime([buy('995', '5'), sell('1002.5', '4')], '1000', RULE)).toEqual({ aggregate: true, perOrder: true });
    });
  });

  describe('when a side falls short', () => {
    it.each([
      ['asks only', [sell('1001', '10')], '1000'],
      ['a big order beyond MaxSpread', [buy('994.99', '100'), sell('1001', '10')], '1000'],
      ['one unit short of MinDepth', [buy('999.9', '4'), sell('1001', '10')], '1000'],
      ['no mid', [buy('1000', '10'), sell('1001', '10')], null],
    ])('is not up: %s', (_what, orders, mid) => {
      // one unit short: 999.9 × 4 = 3999.6 < 4000
      expect(twoSidedUptime(orders, mid, RULE)).toEqual({ aggregate: false, perOrder: false });
    });
  });
});

describe('olpRuleFor', () => {
  it.each([
    ['btc-usdt-perp', '50'],
    ['eth-usdt-perp', '50'],
    ['BTC/USDT PERP', '50'],
    ['ETH/USDT PERP', '50'],
    ['btc-usdt', '100'],
    ['inj-usdt-perp', '100'],
    ['INJ/USDT', '100'],
    ['atom-usdt', '100'],
  ])('gives %s a MaxSpread of %s bps and a MinDepth of 4000', (market, maxSpreadBps) => {
    const rule = olpRuleFor(market);
    expect([rule.maxSpreadBps.toFixed(), rule.minDepth.toFixed()]).toEqual([maxSpreadBps, '4000']);
  });
});
