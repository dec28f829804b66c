import { Dec } from '@mirrorbook/market';
import type { ExchangeParams } from '@mirrorbook/injective';
import { ChainFees, type ChainFeesSource } from './chain.fees';

const PARAMS: ExchangeParams = { fixedGasEnabled: false, maxDerivativeOrderSideCount: 100, postOnlyModeHeightThreshold: 0, postOnlyModeBlocksAmount: 2000 };

function source(overrides: Partial<{ params: ExchangeParams; baseFee: string; height: number }> = {}) {
  const state = { params: PARAMS, baseFee: '160000000', height: 10, reads: 0, ...overrides };
  const src: ChainFeesSource = {
    exchangeParams: async () => {
      state.reads++;
      return state.params;
    },
    eipBaseFee: async () => new Dec(state.baseFee),
    latestHeight: async () => state.height,
  };
  return { state, src };
}

describe('ChainFees', () => {
  it('signs at max(node minimum, base fee), read at load', async () => {
    const { src } = source({ baseFee: '250000000.5' });
    const fees = new ChainFees(src, { minGasPrice: '160000000', refreshMs: 60_000 });
    await fees.load();
    expect(await fees.gasPrice()).toBe('250000001');
    expect(fees.params.fixedGasEnabled).toBe(false);
  });

  it('reprice reads the base fee at once', async () => {
    const { state, src } = source();
    const fees = new ChainFees(src, { minGasPrice: '160000000', refreshMs: 60_000 });
    await fees.load();
    state.baseFee = '400000000';
    expect(await fees.gasPrice()).toBe('160000000');
    expect(await fees.reprice()).toBe('400000000');
  });

  it('reads again when older than refreshMs', async () => {
    const { state, src } = source();
    const fees = new ChainFees(src, { minGasPrice: '160000000', refreshMs: 0 });
    await fees.load();
    state.baseFee = '300000000';
    await new Promise((r) => setTimeout(r, 2));
    expect(await fees.gasPrice()).toBe('300000000');
    expect(state.reads).toBe(2);
  });

  it('venue limits: the side count, and post-only mode while the height is below the threshold', async () => {
    const { src } = source({ params: { ...PARAMS, maxDerivativeOrderSideCount: 7, postOnlyModeHeightThreshold: 50 }, height: 49 });
    const fees = new ChainFees(src, { minGasPrice: '160000000', refreshMs: 60_000 });
    expect(fees.limits()).toBeUndefined();
    await fees.load();
    expect(fees.limits()).toEqual({ maxDerivativeOrderSideCount: 7, postOnlyUntilHeight: 50 });
  });
});
