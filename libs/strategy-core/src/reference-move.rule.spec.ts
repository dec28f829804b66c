import { Dec } from '@mirrorbook/market';
import { planCycle } from './cycle.planner';
import { referenceMoved } from './reference-move.rule';
import { restingStaircase } from './testing/resting-staircase.fixture';
import { cycleInput, fixtureMarket, NOW, params } from './testing/strategy.fixtures';

// INJ/USDT spot (tick 0.001) planned at 25.000 with the default parameters: innermost tier
// spread.min 0.01 %, tolerance 0.5, so the reference may move 25 × 0.0001 × 0.5 = 0.00125 before
// a quote leaves its level's allowance.
const market = fixtureMarket('INJ/USDT');
const defaults = params();
const moved = (planned: string | undefined, current: string, p = defaults) =>
  referenceMoved({ planned: planned === undefined ? undefined : new Dec(planned), current: new Dec(current), params: p, market });

describe('referenceMoved', () => {
  describe('when the bot never planned on the market', () => {
    it('has moved', () => expect(moved(undefined, '25')).toBe(true));
  });

  describe('when the reference moved by at most the allowance (0.00125 at 25)', () => {
    it.each(['25', '25.001', '24.999', '25.00125', '24.99875'])('has not moved at %s', (current) => expect(moved('25', current)).toBe(false));
  });

  describe('when the reference moved beyond the allowance', () => {
    it.each(['25.0013', '24.9987', '25.01', '27.5'])('has moved at %s', (current) => expect(moved('25', current)).toBe(true));
  });

  describe('when the tolerance allows less than one tick (a cheap market)', () => {
    // at 1.000: 1 × 0.0001 × 0.5 = 0.00005, below the tick: one tick is the allowance
    it('lets one tick pass and not two', () => {
      expect(moved('1', '1.001')).toBe(false);
      expect(moved('1', '1.002')).toBe(true);
    });
  });

  describe('when the tolerance is 0', () => {
    const strict = params({ cadence: { requoteTolerance: '0' } });

    it('still lets one tick pass', () => expect(moved('25', '25.001', strict)).toBe(false));
  });

  describe('when the innermost tier is wider (spread.min 0.1 %)', () => {
    const wide = params({ bookBuilding: { tiers: [{ name: 'only', spread: { min: '0.1', max: '1' }, levels: 5 } ] } });

    it('allows 25 × 0.001 × 0.5 = 0.0125', () => {
      expect(moved('25', '25.0125', wide)).toBe(false);
      expect(moved('25', '25.0126', wide)).toBe(true);
    });
  });

  // the rule stands in for the planner on a tick: a move it holds back must be one the planner
  // would plan nothing for, from the bot's staircase resting alone on the book
  describe('against the planner, from a resting staircase built at 25', () => {
    const resting = restingStaircase('25');
    const plan = (reference: string) =>
      planCycle(cycleInput({ ...resting, reference: { price: new Dec(reference), seq: 2 }, cycle: { index: 9, stage: 1, maintainedAtMs: NOW - 1_000 } }));

    it.each(['25.001', '24.999', '25.00125'])('plans nothing at %s, which has not moved', (current) => {
      expect(moved('25', current)).toBe(false);
      expect(plan(current).actions).toEqual([]);
    });

    it.each(['25.005', '24.995'])('requotes at %s, which has moved', (current) => {
      expect(moved('25', current)).toBe(true);
      expect(plan(current).actions.length).toBeGreaterThan(0);
    });
  });
});
