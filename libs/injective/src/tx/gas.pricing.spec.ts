import { Dec } from '@mirrorbook/market';
import { isPostOnlyMode } from '../lcd/schemas/exchange-params.schema';
import { MAX_GAS_PER_TX } from './gas.estimator';
import { effectiveGasPrice, gasFromSimulation, gasSourceOf } from './gas.pricing';

describe('gas pricing', () => {
  it('signs at the node minimum or the EIP base fee, whichever is higher, base fee rounded up', () => {
    expect(effectiveGasPrice('160000000', null)).toBe('160000000');
    expect(effectiveGasPrice('160000000', new Dec('100000000.5'))).toBe('160000000');
    expect(effectiveGasPrice('160000000', new Dec('240000000.000000000000000001'))).toBe('240000001');
  });

  it('refuses a fractional minimum', () => {
    expect(() => effectiveGasPrice('1.5', null)).toThrow(RangeError);
  });

  it('gas from a simulation: × margin, rounded up, capped at the block max', () => {
    expect(gasFromSimulation(100_001, '1.3')).toBe(130_002);
    expect(gasFromSimulation(100_000)).toBe(130_000);
    expect(gasFromSimulation(29_000_000, '1.3')).toBe(MAX_GAS_PER_TX);
    expect(() => gasFromSimulation(1, '0.9')).toThrow(RangeError);
  });

  it('the gas source follows fixed_gas_enabled', () => {
    expect(gasSourceOf(true)).toBe('fixed-table');
    expect(gasSourceOf(false)).toBe('simulate');
  });

  it('post-only mode lasts below the height threshold', () => {
    const params = { fixedGasEnabled: false, maxDerivativeOrderSideCount: 100, postOnlyModeHeightThreshold: 50, postOnlyModeBlocksAmount: 2000 };
    expect(isPostOnlyMode(params, 49)).toBe(true);
    expect(isPostOnlyMode(params, 50)).toBe(false);
  });
});
