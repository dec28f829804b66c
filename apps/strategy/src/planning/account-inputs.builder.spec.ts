import type { StoredBalances, StoredOrder, StoredPositions } from '@mirrorbook/contracts';
import { catalogMarkets, type Market } from '@mirrorbook/market';
import { accountInputs } from './account-inputs.builder';

function testnet(ticker: string): Market {
  return catalogMarkets().testnet.find((m) => m.ticker === ticker)!;
}

const spot = testnet('INJ/USDT');
const perp = testnet('INJ/USDT PERP');

const order: StoredOrder = {
  orderHash: `0x${'ab'.repeat(32)}`,
  cid: 'spotin-injusd-x-0-1',
  side: 'buy',
  price: '24.5',
  quantity: '2',
  createdAt: 1_700_000_000_000,
  height: 10,
};

const balances = (entries: StoredBalances['balances']): StoredBalances => ({ height: 1, ts: 1, balances: entries });
const positions = (entries: StoredPositions['positions']): StoredPositions => ({ height: 1, ts: 1, positions: entries });

describe('accountInputs', () => {
  it('maps stored orders to own orders (createdAt becomes createdAtMs; the inclusion height is kept)', () => {
    const inputs = accountInputs(spot, 'inj-usdt', { orders: [order], balances: balances({}), positions: undefined });
    expect(inputs?.ownOrders).toEqual([
      { orderHash: order.orderHash, side: 'buy', price: '24.5', quantity: '2', createdAtMs: 1_700_000_000_000, height: 10 },
    ]);
  });

  describe('on a spot market', () => {
    it("keeps the executor's gas reserve out of the fee denom (never below zero), and only of that denom", () => {
      const stored = balances({
        [spot.baseDenom!]: { symbol: 'INJ', available: '12.5', total: '20' },
        [spot.quoteDenom]: { symbol: 'USDT', available: '300', total: '400' },
      });
      const fees = { feeDenom: spot.baseDenom!, reserveInj: '1.25' };
      const inputs = accountInputs(spot, 'inj-usdt', { orders: [], balances: stored, positions: undefined, fees });
      expect(inputs?.balances?.base.toString()).toBe('11.25');
      expect(inputs?.balances?.quote.toString()).toBe('300');
      const poor = accountInputs(spot, 'inj-usdt', { orders: [], balances: stored, positions: undefined, fees: { ...fees, reserveInj: '20' } });
      expect(poor?.balances?.base.toString()).toBe('0');
    });

    it('takes the available amounts of the base and quote denoms', () => {
      const stored = balances({
        [spot.baseDenom!]: { symbol: 'INJ', available: '12.5', total: '20' },
        [spot.quoteDenom]: { symbol: 'USDT', available: '300', total: '400' },
      });
      const inputs = accountInputs(spot, 'inj-usdt', { orders: [], balances: stored, positions: undefined });
      expect(inputs?.balances?.base.toString()).toBe('12.5');
      expect(inputs?.balances?.quote.toString()).toBe('300');
      expect(inputs?.position).toBeUndefined();
    });

    it('counts a denom the wallet does not hold as zero', () => {
      const inputs = accountInputs(spot, 'inj-usdt', { orders: [], balances: balances({}), positions: undefined });
      expect([inputs?.balances?.base.toString(), inputs?.balances?.quote.toString()]).toEqual(['0', '0']);
    });

    it('is unknown while no balances are stored', () => {
      expect(accountInputs(spot, 'inj-usdt', { orders: [order], balances: undefined, positions: positions({}) })).toBeUndefined();
    });
  });

  describe('on a derivative market', () => {
    it('takes the signed net position of the market', () => {
      const stored = positions({ 'inj-usdt-perp': { quantity: '-3.5', entryPrice: '25', margin: '40' } });
      const inputs = accountInputs(perp, 'inj-usdt-perp', { orders: [], balances: undefined, positions: stored });
      expect(inputs?.position?.toString()).toBe('-3.5');
      expect(inputs?.balances).toBeUndefined();
    });

    it('is flat when the market has no stored position', () => {
      const inputs = accountInputs(perp, 'inj-usdt-perp', { orders: [], balances: undefined, positions: positions({}) });
      expect(inputs?.position?.toString()).toBe('0');
    });

    it('is unknown while no positions are stored', () => {
      expect(accountInputs(perp, 'inj-usdt-perp', { orders: [], balances: balances({}), positions: undefined })).toBeUndefined();
    });
  });
});
