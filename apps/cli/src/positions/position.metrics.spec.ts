import { Dec } from '@mirrorbook/market';
import { positionMetrics, type PositionInput } from './position.metrics';

const long: PositionInput = { side: 'long', quantity: new Dec('2'), entryPrice: new Dec('25'), margin: new Dec('20') };
const short: PositionInput = { ...long, side: 'short' };
const maintenance = new Dec('0.05');

describe('positionMetrics', () => {
  describe('when the mark rose from 25 to 26', () => {
    it('gives a long +2 of PnL and a margin ratio of (20 + 2) / 52', () => {
      const m = positionMetrics(long, new Dec('26'), maintenance);
      expect(m.unrealizedPnl?.toFixed()).toBe('2');
      expect(m.notional?.toFixed()).toBe('52');
      expect(m.marginRatioPct?.toDecimalPlaces(4).toFixed()).toBe('42.3077');
      expect(m.belowMaintenance).toBe(false);
    });

    it('gives a short −2 of PnL', () => {
      expect(positionMetrics(short, new Dec('26'), maintenance).unrealizedPnl?.toFixed()).toBe('-2');
    });
  });

  describe('when a long lost nearly all its margin', () => {
    it('is flagged below the maintenance ratio', () => {
      const m = positionMetrics(long, new Dec('15.5'), maintenance);
      expect(m.unrealizedPnl?.toFixed()).toBe('-19');
      expect(m.belowMaintenance).toBe(true);
    });
  });

  describe('without a mark price', () => {
    it('leaves every figure unknown', () => {
      expect(positionMetrics(long, null, maintenance)).toEqual({ notional: null, unrealizedPnl: null, marginRatioPct: null, belowMaintenance: null });
    });
  });
});
